/**
 * Overviews of a period ("the 9th overview of anti-war sabotage"): a structured report built from
 * the stored chronicle, which renderMarkdown and renderHtml (render.ts) turn into documents and the
 * web app shows as a page. The same structure serves every output, so they cannot disagree.
 */
import { LetopisError } from '../errors.js';
import { EVENT_TYPES } from '../extract/record.js';
import { validateFilter } from '../query/events.js';
import { reportIncidentPages, type BriefSource, type ReportEventRow } from '../store/export.js';
import type { EventFilter, EventStatus, Store } from '../store/index.js';
import { scanPeriods, type KeyCount } from '../store/report.js';
import { listTallySeries, type TallyPoint } from '../query/tallies.js';
import type { SourceView } from '../query/events.js';
import { sourceLink } from './export.js';
import { anonymise, defaultNameLists } from './names.js';
import { lookupRegion } from './regions.js';

export interface ReportOptions {
  /** First and last day of the period, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  type?: string[];
  region?: string[];
  /** Drafts too (default: published events only). */
  includeDrafts?: boolean;
  /** Keep private persons' names (default: initials). */
  names?: boolean;
  /** Shown as the overview's title ("9th overview of anti-war sabotage"). */
  title?: string;
}

export interface Period {
  from: string;
  to: string;
}

export interface TypeTotal {
  type: string;
  count: number;
  previous: number;
}

export interface ReportSource {
  /** Citation number, from 1, in order of first citation. */
  n: number;
  /** URL, t.me link, Telegram message reference or file name. */
  link: string;
  name: string | null;
  published: string | null;
}

export interface ReportEvent {
  id: number;
  date: { start: string | null; end: string | null; precision: string };
  place: { settlement: string | null; region: string | null; country: string | null };
  summary: string;
  certainty: string;
  disputed: boolean;
  independent_sources: number;
  status: EventStatus;
  /** Numbers of its citations in the report's sources list. */
  cites: number[];
}

export interface ReportTally extends ReportEvent {
  type: string;
  measure: string | null;
  value: number | null;
  qualifier: string | null;
  /** Who makes the claim (an organisation, an official, a medium). */
  claimedBy: string[];
  /** Which claim of its series this is: the latest, the highest, or both at once. */
  claim: 'latest' | 'highest' | 'both';
  /** Claims of the same measure over the same area in the period (the series' size). */
  seriesClaims: number;
}

export interface RegionRow {
  code: string | null;
  count: number;
  population: number | null;
  /** Events per 100,000 inhabitants; null when the population is not known. */
  per100k: number | null;
}

export interface Report {
  title: string | null;
  period: Period;
  previous: Period;
  filters: { type: string[]; region: string[]; includeDrafts: boolean; names: boolean };
  totals: TypeTotal[];
  total: { count: number; previous: number };
  /** Incidents by type, in date order; types in codebook order, empty types left out. */
  sections: { type: string; events: ReportEvent[] }[];
  tallies: ReportTally[];
  regions: RegionRow[];
  /** Incidents per ISO week (Monday), every week of the period present, zeros included. */
  weekly: { week: string; count: number }[];
  sources: ReportSource[];
}

const DAY_MS = 86_400_000;

/** A source as the query layer gives it, as a citation; a local path is recognised as a file. */
function briefOf(s: SourceView): BriefSource {
  const kind = s.url ? 'url' : s.ref.startsWith('tg:') ? 'telegram' : /^(\/|[A-Za-z]:\\)/.test(s.ref) ? 'file' : 'url';
  return { source_kind: kind, source_name: s.source_name, url: s.url, source_ref: s.ref, published_at: s.published };
}
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The period of the same length that ends the day before `p` starts. */
export function previousPeriod(p: Period): Period {
  const from = Date.parse(p.from);
  const to = Date.parse(p.to);
  const days = Math.round((to - from) / DAY_MS) + 1;
  return { from: iso(from - days * DAY_MS), to: iso(from - DAY_MS) };
}

/** Mondays of the weeks that touch the period. */
export function weeksOf(p: Period): string[] {
  const from = Date.parse(p.from);
  const dow = (new Date(from).getUTCDay() + 6) % 7; // Monday = 0
  const out: string[] = [];
  for (let t = from - dow * DAY_MS; t <= Date.parse(p.to); t += 7 * DAY_MS) out.push(iso(t));
  return out;
}

/**
 * Build the overview of a period.
 * @example const r = await buildReport(store, { from: '2022-09-01', to: '2022-09-30', type: ['arson'] });
 */
export async function buildReport(store: Store, opts: ReportOptions): Promise<Report> {
  if (!opts.from || !opts.to) throw new LetopisError('USAGE', 'a report needs --from and --to');
  const statuses: EventStatus[] = opts.includeDrafts ? ['published', 'draft'] : ['published'];
  const filter: EventFilter = validateFilter({ from: opts.from, to: opts.to, type: opts.type, region: opts.region, status: statuses });
  if (opts.to < opts.from) throw new LetopisError('USAGE', `--to ${opts.to} is before --from ${opts.from}`);
  const period = { from: opts.from, to: opts.to };
  const previous = previousPeriod(period);
  const db = store.db;

  const nowMap = new Map<string, number>();
  const regionMap = new Map<string | null, number>();
  const weekMap = new Map<string, number>();
  const mondays = new Map<string, string>();
  // An event that began before the period counts in the period's first week.
  const mondayOf = (day: string): string => {
    const d = day < period.from ? period.from : day;
    let m = mondays.get(d);
    if (m === undefined) {
      const t = Date.parse(d);
      m = iso(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS);
      mondays.set(d, m);
    }
    return m;
  };
  const bump = <K>(map: Map<K, number>, key: K): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };

  const lists = opts.names ? null : defaultNameLists();
  const clean = (s: string): string => (lists ? anonymise(s, lists) : s);
  const sources: ReportSource[] = [];
  const sourceNo = new Map<string, number>();
  const cite = (list: BriefSource[]): number[] => {
    const ns: number[] = [];
    for (const s of list) {
      const link = sourceLink(s);
      let n = sourceNo.get(link);
      if (n === undefined) {
        n = sources.length + 1;
        sourceNo.set(link, n);
        sources.push({ n, link, name: s.source_name, published: s.published_at ? s.published_at.slice(0, 10) : null });
      }
      if (!ns.includes(n)) ns.push(n);
    }
    return ns;
  };
  // Citations are numbered later, in reading order.
  const pending = new Map<ReportEvent, BriefSource[]>();
  const view = (e: ReportEventRow): ReportEvent => ({
    id: e.id,
    date: { start: e.date_start, end: e.date_end, precision: e.date_precision },
    place: { settlement: e.settlement, region: e.region, country: e.country },
    summary: clean(e.summary),
    certainty: e.certainty,
    disputed: e.disputed,
    independent_sources: e.independent_sources,
    status: e.status,
    cites: [],
  });

  function track<T extends ReportEvent>(src: BriefSource[], v: T): T {
    pending.set(v, src);
    return v;
  }
  // Incidents only (tallies come as series, below), read by id, then put in date order here.
  const byType = new Map<string, { lo: string; e: ReportEvent }[]>();
  async function readIncidents(): Promise<KeyCount[]> {
    // One pass finds this period's incidents and counts the previous period's by type.
    const { ids, before } = await scanPeriods(db, store.engine, filter, previous);
    for await (const page of reportIncidentPages(db, filter, ids)) {
      for (const e of page) {
        let list = byType.get(e.type);
        if (!list) byType.set(e.type, (list = []));
        list.push({ lo: e.date_lo ?? '', e: track(e.sources, view(e)) });
        bump(nowMap, e.type);
        bump(regionMap, e.region);
        if (e.date_lo) bump(weekMap, mondayOf(e.date_lo));
      }
    }
    return before;
  }
  // Asked for at once: a server answers the tally series while the incidents are read. The
  // previous period is only counted; this period's counts come from the events read.
  const [before, allSeries] = await Promise.all([
    readIncidents(),
    listTallySeries(store, { type: opts.type, region: opts.region, from: opts.from, to: opts.to, status: statuses }),
  ]);
  const byDate = (a: { lo: string }, b: { lo: string }): number => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);
  const sections = EVENT_TYPES.filter((t) => byType.has(t)).map((t) => ({ type: t, events: byType.get(t)!.sort((a, b) => byDate(a, b) || a.e.id - b.e.id).map((x) => x.e) }));
  // Notable tallies: of each series (one measure over one area), the latest claim and the highest.
  const tallies: ReportTally[] = [];
  for (const series of allSeries) {
    const picks: [TallyPoint, ReportTally['claim']][] = [];
    if (series.latest) picks.push([series.latest, series.highest && series.highest.event_id !== series.latest.event_id ? 'latest' : 'both']);
    if (series.highest && series.highest.event_id !== series.latest?.event_id) picks.push([series.highest, 'highest']);
    for (const [p, claim] of picks) {
      tallies.push(track(p.sources.map(briefOf), {
        id: p.event_id,
        date: { start: p.since, end: p.date, precision: p.since ? 'range' : 'day' },
        place: { settlement: null, region: series.region, country: series.country },
        summary: clean(p.summary),
        certainty: p.certainty,
        disputed: false,
        independent_sources: p.independent_sources,
        status: p.status,
        cites: [],
        type: series.type,
        measure: series.measure,
        value: p.value,
        qualifier: p.qualifier,
        claimedBy: p.attribution.map(clean),
        claim,
        seriesClaims: series.points.length,
      }));
    }
  }
  for (const s of sections) for (const e of s.events) e.cites = cite(pending.get(e) ?? []);
  for (const t of tallies) t.cites = cite(pending.get(t) ?? []);
  pending.clear();

  const prevMap = new Map(before.map((r) => [r.key, r.n]));
  const totals: TypeTotal[] = EVENT_TYPES.filter((t) => nowMap.has(t) || prevMap.has(t)).map((t) => ({
    type: t,
    count: nowMap.get(t) ?? 0,
    previous: prevMap.get(t) ?? 0,
  }));

  const regions: RegionRow[] = [...regionMap]
    .map(([code, count]) => {
      const population = code ? lookupRegion(code)?.population ?? null : null;
      return { code, count, population, per100k: population ? Math.round((count / population) * 100_000 * 100) / 100 : null };
    })
    .sort((a, b) => b.count - a.count || (a.code ?? '~').localeCompare(b.code ?? '~'));

  const weekly = weeksOf(period).map((week) => ({ week, count: weekMap.get(week) ?? 0 }));

  return {
    title: opts.title ?? null,
    period,
    previous,
    filters: { type: opts.type ?? [], region: opts.region ?? [], includeDrafts: !!opts.includeDrafts, names: !!opts.names },
    totals,
    total: { count: totals.reduce((s, t) => s + t.count, 0), previous: totals.reduce((s, t) => s + t.previous, 0) },
    sections,
    tallies,
    regions,
    weekly,
    sources,
  };
}
