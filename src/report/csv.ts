/**
 * CSV (RFC 4180) for every table Letopis writes: `letopis events --format csv`, the analyst export
 * and report downloads. Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets
 * a leading apostrophe: quoting alone does not stop Excel or LibreOffice from evaluating it.
 */

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return csvText(v.join('; '));
  if (typeof v === 'object') return csvText(JSON.stringify(v));
  return csvText(String(v));
}

/** A text cell (csvCell of a string, without the type checks). */
export function csvText(s: string | null): string {
  if (s === null) return '';
  if (!SPECIAL.test(s)) return s; // the common case, one test
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number cell: empty when missing or not finite. */
export function csvNumber(v: number | null): string {
  return v !== null && Number.isFinite(v) ? String(v) : '';
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
