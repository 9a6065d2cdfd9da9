/**
 * CSV (RFC 4180) for every table Letopis writes: `letopis events --format csv`, the analyst export
 * and report downloads. Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets
 * a leading apostrophe: quoting alone does not stop Excel or LibreOffice from evaluating it.
 */

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s: string;
  if (Array.isArray(v)) s = v.join('; ');
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  if (!SPECIAL.test(s)) return s; // the common case, one test
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const SPECIAL = /[",\n\r]|^[=+\-@\s]|\s$/;

/** One row, LF-terminated (R, pandas and QGIS all read LF). */
export function csvLine(columns: readonly string[], row: Record<string, unknown>): string {
  return `${columns.map((c) => csvCell(row[c])).join(',')}\n`;
}

export function csvHeader(columns: readonly string[]): string {
  return `${columns.join(',')}\n`;
}

export function csv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return csvHeader(columns) + rows.map((r) => csvLine(columns, r)).join('');
}
