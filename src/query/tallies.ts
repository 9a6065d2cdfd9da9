/**
 * Tally series: claims about the same measure ("people detained at anti-war protests in Russia
 * since 24 February") over time, each point with who said it and its sources, so charts and reports
 * can cite the latest and the highest claim. Tallies are never added to incident counts.
 */
import { listEvents, type SourceView } from './events.js';
import type { EventStatus, Store } from '../store/index.js';

export interface TallyFilter {
  type?: string[];
  measure?: string[];
  region?: string[];
  country?: string;
  /** As-of days (YYYY-MM-DD) inclusive. */
  from?: string;
  to?: string;
  /** Default: published only, as readers see it. */
  status?: EventStatus[];
}

export interface TallyPoint {
  event_id: number;
  /** The "as of" day: the end of the counted period (or its only date). */
  date: string | null;
  /** Beginning of the counted period, when the source gives it. */
  since: string | null;
  value: number;
  qualifier: string | null;
  attribution: string[];
  certainty: string;
  status: EventStatus;
  independent_sources: number;
  summary: string;
  sources: SourceView[];
}

export interface TallySeries {
  /** Stable key: type|measure|country|region|since. */
  key: string;
  type: string;
  measure: string;
  country: string | null;
  region: string | null;
  since: string | null;
  /** Oldest first. */
  points: TallyPoint[];
  /** The claim with the latest "as of" day (ties: the higher value). */
  latest: TallyPoint | null;
  /** The highest value claimed (ties: the earlier claim). */
  highest: TallyPoint | null;
}

/**
 * Every tally series matching the filter. A claim that gives no start of its period joins the series
 * of the same measure and area with the earliest start (usually "since the invasion").
 */
export async function listTallySeries(store: Store, filter: TallyFilter = {}): Promise<TallySeries[]> {
  const events = await listEvents(store, {
    kind: 'tally',
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.region ? { region: filter.region } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    status: filter.status ?? ['published'],
    limit: 10_000,
  });
  const points: { base: string; e: (typeof events)[number]; p: TallyPoint }[] = [];
  for (const e of events) {
    if (!e.measure || e.value === undefined) continue;
    if (filter.measure && !filter.measure.includes(e.measure)) continue;
    if (filter.country && e.place.country !== filter.country) continue;
    const asOf = e.date.end ?? e.date.start;
    const since = e.date.end && e.date.start !== e.date.end ? e.date.start : null;
    points.push({
      base: [e.type, e.measure, e.place.country ?? '', e.place.region ?? ''].join('|'),
      e,
      p: {
        event_id: e.id, date: asOf, since, value: e.value, qualifier: e.qualifier ?? null, attribution: e.attribution, certainty: e.certainty,
        status: e.status, independent_sources: e.independent_sources, summary: e.summary, sources: e.sources,
      },
    });
  }
  const earliestSince = new Map<string, string>();
  for (const { base, p } of points) if (p.since && (!earliestSince.has(base) || p.since < earliestSince.get(base)!)) earliestSince.set(base, p.since);
  const series = new Map<string, TallySeries>();
  for (const { base, e, p } of points) {
    const since = p.since ?? earliestSince.get(base) ?? null;
    const key = `${base}|${since ?? ''}`;
    let s = series.get(key);
    if (!s) {
      s = { key, type: e.type, measure: e.measure!, country: e.place.country, region: e.place.region, since, points: [], latest: null, highest: null };
      series.set(key, s);
    }
    s.points.push(p);
  }
  for (const s of series.values()) {
    s.points.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.value - b.value || a.event_id - b.event_id);
    for (const p of s.points) {
      if (!s.latest || (p.date ?? '') > (s.latest.date ?? '') || ((p.date ?? '') === (s.latest.date ?? '') && p.value > s.latest.value)) s.latest = p;
      if (!s.highest || p.value > s.highest.value) s.highest = p;
    }
  }
  return [...series.values()].sort((a, b) => a.key.localeCompare(b.key));
}
