/**
 * Analyst exports of the chronicle: CSV after ACLED's column conventions, GeoJSON for QGIS, JSON
 * Lines of everything. Events stream from the store page by page and are written as they come, so
 * a million events take as little memory as a thousand.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { COUNT_KEYS } from '../extract/record.js';
import { LetopisError } from '../errors.js';
import { pkgPath } from '../paths.js';
import { toEventView, validateFilter, type EventView } from '../query/events.js';
import { eventPages, type BriefSource, type ExportEventRow } from '../store/export.js';
import type { EventFilter, EventRow, Store } from '../store/index.js';
import { csvHeader, csvLine } from './csv.js';
import { anonymise, defaultNameLists, type NameLists } from './names.js';
import { countryName, regionName } from './regions.js';

export const EXPORT_FORMATS = ['csv', 'geojson', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  filter: EventFilter;
  /** Keep private persons' names; by default they become initials. */
  names?: boolean;
  /** Events per database page. */
  pageSize?: number;
}

export interface ExportResult {
  events: number;
  /** GeoJSON features without coordinates (written with a null geometry, never dropped). */
  unlocated: number;
}

/** ACLED's columns where they fit, then Letopis' own. */
export const EXPORT_COLUMNS = [
  'event_id', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1',
  'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_urls', 'notes', 'fatalities',
  'type', 'kind', 'date_start', 'date_end', 'date_precision', 'country_code', 'region_code', 'certainty', 'disputed',
  'independent_sources', 'source_count', 'status', 'counts', ...COUNT_KEYS.map((k) => `n_${k}`), 'measure', 'value', 'qualifier',
  'attribution', 'target',
] as const;

const COUNT_COLUMNS = COUNT_KEYS.map((k) => [k, `n_${k}`] as const);

let acled: Record<string, [string, string]> | null = null;
function acledType(type: string): [string, string] | [null, null] {
  acled ??= (JSON.parse(readFileSync(pkgPath('src/report/data/acled-types.json'), 'utf8')) as { map: Record<string, [string, string]> }).map;
  return acled[type] ?? [null, null];
}

// ACLED: 1 = the day is known, 2 = the week, 3 = the month or longer.
const TIME_PRECISION: Record<string, number> = { day: 1, range: 2, month: 3, year: 3, unknown: 3 };

/** A text field as it may leave the database. */
function cleaner(names: boolean, lists: NameLists): (s: string | null) => string | null {
  return names ? (s) => s : (s) => (s === null ? null : anonymise(s, lists));
}

/** One event as a flat row of EXPORT_COLUMNS. */
export function exportRow(e: ExportEventRow, sources: BriefSource[], clean: (s: string | null) => string | null): Record<string, unknown> {
  const [eventType, subType] = acledType(e.type);
  const actors = e.actors.map((a) => clean(a) ?? '');
  // Range-dated events have a span; ACLED's day-level "week" fits a span of a few days only.
  const days = e.date_precision === 'range' && e.date_lo && e.date_hi ? (Date.parse(e.date_hi) - Date.parse(e.date_lo)) / 86_400_000 : 0;
  const timePrecision = days > 7 ? 3 : TIME_PRECISION[e.date_precision] ?? 3;
  const row: Record<string, unknown> = {
    event_id: e.id,
    event_date: e.date_lo,
    year: e.date_lo ? Number(e.date_lo.slice(0, 4)) : null,
    time_precision: timePrecision,
    event_type: eventType,
    sub_event_type: subType,
    actor1: actors[0] ?? null,
    assoc_actor_1: actors.slice(1),
    country: e.country ? countryName(e.country) : null,
    admin1: e.region ? regionName(e.region) : null,
    admin2: null,
    location: e.settlement,
    latitude: e.lat,
    longitude: e.lon,
    // ACLED: 1 = the town itself, 2 = near it or part of a region, 3 = only the region is known.
    geo_precision: e.settlement ? 1 : e.region || e.country ? 3 : null,
    source: [...new Set(sources.map((s) => s.source_name ?? s.source_kind))],
    source_urls: [...new Set(sources.map(sourceLink))],
    notes: clean(e.summary),
    fatalities: e.counts.killed ?? 0,
    type: e.type,
    kind: e.kind,
    date_start: e.date_start,
    date_end: e.date_end,
    date_precision: e.date_precision,
    country_code: e.country,
    region_code: e.region,
    certainty: e.certainty,
    disputed: e.disputed,
    independent_sources: e.independent_sources,
    source_count: e.source_count,
    status: e.status,
    counts: e.counts,
    measure: e.measure,
    value: e.value,
    qualifier: e.qualifier,
    attribution: e.attribution.map((a) => clean(a) ?? ''),
    target: clean(e.target),
  };
  for (const [k, col] of COUNT_COLUMNS) row[col] = e.counts[k] ?? null;
  return row;
}

/**
 * A citation a reader can follow: the URL (t.me links for public channels), else the Telegram
 * message reference, else the file's name (never its local path, which can say too much).
 */
export function sourceLink(s: Pick<BriefSource, 'url' | 'source_ref' | 'source_kind'>): string {
  if (s.url) return s.url;
  if (s.source_kind === 'file' || s.source_kind === 'sample') return `file:${s.source_ref.split(/[\\/]/).pop() ?? ''}`;
  return s.source_ref;
}

/** The event view (as the API gives it) with private names replaced. */
export function cleanView(v: EventView, clean: (s: string | null) => string | null): EventView {
  return {
    ...v,
    actors: v.actors.map((a) => clean(a) ?? ''),
    attribution: v.attribution.map((a) => clean(a) ?? ''),
    target: clean(v.target),
    summary: clean(v.summary) ?? '',
    sources: v.sources.map((s) => ({ ...s, title: clean(s.title), evidence: { ...s.evidence, text: clean(s.evidence.text) ?? '' } })),
  };
}

// Unlocated events keep a null geometry (RFC 7946 allows it): QGIS lists them, nothing is dropped.
function feature(row: Record<string, unknown>): string {
  const { latitude, longitude, ...props } = row;
  const geometry =
    typeof latitude === 'number' && typeof longitude === 'number' ? { type: 'Point', coordinates: [longitude, latitude] } : null;
  return JSON.stringify({ type: 'Feature', id: row.event_id, geometry, properties: props });
}

/** Write with backpressure; a reader that went away (`| head`) ends the export with EPIPE. */
async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  const closed = (): Error => Object.assign(new Error('the output was closed'), { code: 'EPIPE' });
  if ((out as { destroyed?: boolean }).destroyed) throw closed();
  if (out.write(chunk)) return;
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw closed();
      }),
    ]);
  } finally {
    ac.abort();
  }
}

/**
 * Write every event matching the filter to `out` in the format asked for.
 * @example await exportEvents(store, process.stdout, { format: 'csv', filter: { status: ['published'] } })
 */
export async function exportEvents(store: Store, out: NodeJS.WritableStream, opts: ExportOptions): Promise<ExportResult> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new LetopisError('USAGE', `--format: "${opts.format}" is not csv, geojson or jsonl`);
  }
  const filter = validateFilter(opts.filter);
  const clean = cleaner(!!opts.names, opts.names ? emptyLists : defaultNameLists());
  let events = 0;
  let unlocated = 0;
  if (opts.format === 'csv') await write(out, csvHeader(EXPORT_COLUMNS));
  if (opts.format === 'geojson') await write(out, '{"type":"FeatureCollection","features":[\n');
  const pageSize = opts.pageSize ?? 5000;
  if (opts.format === 'jsonl') {
    // Everything: each source with the evidence its record quotes.
    for await (const page of eventPages(store.db, filter, 'full', pageSize)) {
      let chunk = '';
      for (const e of page.events) {
        chunk += `${JSON.stringify(cleanView(toEventView(e as EventRow, page.sources.get(e.id) ?? []), clean))}\n`;
        events++;
      }
      await write(out, chunk);
    }
    return { events, unlocated };
  }
  for await (const page of eventPages(store.db, filter, 'brief', pageSize)) {
    let chunk = '';
    for (const e of page.events) {
      const row = exportRow(e, page.sources.get(e.id) ?? [], clean);
      if (opts.format === 'csv') chunk += csvLine(EXPORT_COLUMNS, row);
      else {
        if (e.lat === null || e.lon === null) unlocated++;
        chunk += `${events > 0 ? ',\n' : ''}${feature(row)}`;
      }
      events++;
    }
    await write(out, chunk);
  }
  if (opts.format === 'geojson') await write(out, '\n]}\n');
  return { events, unlocated };
}

const emptyLists: NameLists = { given: new Set(), publicPeople: [], publicBySurname: new Map(), organisations: [] };
