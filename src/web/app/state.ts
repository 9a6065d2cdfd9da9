/** Filters live in the URL, so every view can be shared: parse them from and write them to location. */

export const FILTER_KEYS = ['q', 'type', 'region', 'from', 'to', 'kind', 'certainty', 'status', 'settlement', 'actor'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersFrom(search: string): Filters {
  const p = new URLSearchParams(search);
  const f: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** The API query string for these filters, plus extra parameters. */
export function apiQuery(f: Filters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The current page's query with some keys changed (undefined or '' removes a key). */
export function withParams(changes: Record<string, string | undefined>, search = location.search): string {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') p.delete(k);
    else p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
