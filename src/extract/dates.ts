/** Language-neutral calendar helpers: ISO day arithmetic and year inference. All UTC, no time zones. */

export function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isoMonth(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Adds days to a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function parseIsoDay(s: string | null | undefined): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s ?? '');
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/**
 * The year of a day written without one: the latest such day not after the reference (news tells of
 * the past), allowing `graceDays` ahead for announcements ("on March 3 a rally will...").
 */
export function inferYear(month: number, day: number, ref: string | null, graceDays = 2): number {
  if (ref === null) return new Date().getUTCFullYear();
  const key = `${ref}|${graceDays}`;
  let lim = limitCache.get(key);
  if (lim === undefined) {
    const r = parseIsoDay(ref);
    if (!r) return new Date().getUTCFullYear();
    // Encoded as a number (MMDD) for this year: a day is in this year when MMDD <= limit.
    const l = addDays(iso(r.y, r.m, r.d), graceDays);
    lim = { y: r.y, limit: Number(l.slice(0, 4)) > r.y ? 1232 : Number(l.slice(5, 7)) * 100 + Number(l.slice(8, 10)) };
    if (limitCache.size > 1000) limitCache.clear();
    limitCache.set(key, lim);
  }
  return month * 100 + Math.min(day, daysInMonth(lim.y, month)) <= lim.limit ? lim.y : lim.y - 1;
}
const limitCache = new Map<string, { y: number; limit: number }>();

/** The year of a month written without one: this year unless the month lies ahead of the reference. */
export function inferYearOfMonth(month: number, ref: string | null): number {
  const r = parseIsoDay(ref);
  if (!r) return new Date().getUTCFullYear();
  return month <= r.m ? r.y : r.y - 1;
}

/** First and last day covered by a contract date (YYYY, YYYY-MM or YYYY-MM-DD). */
export function bounds(date: string): [string, string] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [date, date];
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return [`${date}-01`, iso(y, m, daysInMonth(y, m))];
  }
  if (/^\d{4}$/.test(date)) return [`${date}-01-01`, `${date}-12-31`];
  return ['0000-01-01', '9999-12-31'];
}

/** Normalises a publication date (ISO date or date-time) to YYYY-MM-DD, or null. */
export function normalisePublished(p: string | null | undefined): string | null {
  if (!p) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(p.trim());
  if (m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(p);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Monday to Sunday of the calendar week before the one holding `r`. */
export function previousWeek(r: string | null): { start: string; end: string; precision: 'range' } | null {
  const p = r ? parseIsoDay(r) : null;
  if (!r || !p) return null;
  const dow = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(r, -dow - 7);
  return { start: monday, end: addDays(monday, 6), precision: 'range' };
}

/** The day after the paragraph's reference day, when one was told and it is not past publication. */
/**
 * "two days later", «через три дня»: `days` after the paragraph's told day; unknown when no day was
 * told, or when it would pass the publication.
 */
export function daysAfterRef(c: { ref: string | null; published: string | null; story?: string | null }, days: number): string | null {
  const from = c.ref && c.ref !== c.published ? c.ref : c.story ?? null;
  if (!from || !Number.isFinite(days) || days < 1) return null;
  const d = addDays(from, days);
  return c.published && d > c.published ? null : d;
}

export function dayAfterRef(c: { ref: string | null; published: string | null; story?: string | null }): string | null {
  return daysAfterRef(c, 1);
}
