/** Output formats shared by commands: aligned tables for people, CSV and JSON Lines for programs. */

export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// One CSV writer for the whole program (formula-safe cells): src/report/csv.ts.
export { csv } from '../report/csv.js';

/** A plain-text table; wide cells are cut with an ellipsis so rows stay on one line. */
export function table(columns: string[], rows: Record<string, unknown>[], maxWidth = 60): string {
  const text = rows.map((r) => columns.map((c) => {
    const s = cell(r[c]).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  }));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  const line = (cells: string[]): string => cells.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}
