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
import { cleanList, eventView, validateFilter, type Clean } from '../query/events.js';
import { eventPages, type BriefSource, type ExportEvent, type ExportEventRow } from '../store/export.js';
import type { EventFilter, Store } from '../store/index.js';
import { csvCell, csvHeader, csvNumber, csvText } from './csv.js';
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

/** A text field as it may leave the database: private names become initials unless `names`. */
function cleaner(names: boolean, lists: NameLists): (s: string | null) => string | null {
  if (names) return (s) => s;
  // Actors and claimants recur ("OVD-Info", "Mediazona"): remember short ones.
  const memo = new Map<string, string>();
  return (s) => {
    if (s === null || s === '') return s;
    if (s.length > 80) return anonymise(s, lists);
    let v = memo.get(s);
    if (v === undefined) {
      v = anonymise(s, lists);
      if (memo.size > 10_000) memo.clear();
      memo.set(s, v);
    }
    return v;
  };
}

/** Names and codes the export spells out, looked up once per code. */
class Lookups {
  private readonly countries = new Map<string, string>();
  private readonly regions = new Map<string, string>();
  country(code: string | null): string | null {
    if (!code) return null;
    let v = this.countries.get(code);
    if (v === undefined) this.countries.set(code, (v = countryName(code)));
    return v;
  }
  region(code: string | null): string | null {
    if (!code) return null;
    let v = this.regions.get(code);
    if (v === undefined) this.regions.set(code, (v = regionName(code)));
    return v;
  }
}

/** What an export row derives from an event beyond its own fields. */
interface Derived {
  eventType: string | null;
  subType: string | null;
  timePrecision: number;
  actors: string[];
  /** ACLED: 1 = the town itself, 2 = near it or part of a region, 3 = only the region is known. */
  geoPrecision: number | null;
  sourceNames: string[];
  sourceLinks: string[];
}

function derive(e: ExportEventRow, sources: readonly BriefSource[], clean: (s: string | null) => string | null): Derived {
  const [eventType, subType] = acledType(e.type);
  // Range-dated events have a span; ACLED's day-level "week" fits a span of a few days only.
  const days = e.date_precision === 'range' && e.date_lo && e.date_hi ? (Date.parse(e.date_hi) - Date.parse(e.date_lo)) / 86_400_000 : 0;
  const sourceNames: string[] = [];
  const sourceLinks: string[] = [];
  for (const s of sources) {
    const name = s.source_name ?? s.source_kind;
    if (!sourceNames.includes(name)) sourceNames.push(name);
    const link = sourceLink(s);
    if (!sourceLinks.includes(link)) sourceLinks.push(link);
  }
  return {
    eventType,
    subType,
    timePrecision: days > 7 ? 3 : TIME_PRECISION[e.date_precision] ?? 3,
    actors: e.actors.length ? e.actors.map((a) => clean(a) ?? '') : e.actors,
    geoPrecision: e.settlement ? 1 : e.region || e.country ? 3 : null,
    sourceNames,
    sourceLinks,
  };
}

const year = (day: string | null): number | null => (day ? Number(day.slice(0, 4)) : null);

// One line's cells, reused: joined once into a flat string. (Concatenating ~50 cells builds a tree
// of string pieces per line; a page of them outlives the young generation and makes GC the main cost.)
const cells: string[] = [];

/** One event as a CSV line of EXPORT_COLUMNS, written straight from its fields. */
function csvRow(e: ExportEventRow, d: Derived, clean: (s: string | null) => string | null, names: Lookups): string {
  const counts = e.counts;
  let i = 0;
  cells[i++] = csvNumber(e.id);
  cells[i++] = csvText(e.date_lo);
  cells[i++] = csvNumber(year(e.date_lo));
  cells[i++] = csvNumber(d.timePrecision);
  cells[i++] = csvText(d.eventType);
  cells[i++] = csvText(d.subType);
  cells[i++] = csvText(d.actors[0] ?? null);
  cells[i++] = d.actors.length > 1 ? csvText(d.actors.slice(1).join('; ')) : '';
  cells[i++] = csvText(names.country(e.country));
  cells[i++] = csvText(names.region(e.region));
  cells[i++] = ''; // admin2
  cells[i++] = csvText(e.settlement);
  cells[i++] = csvNumber(e.lat);
  cells[i++] = csvNumber(e.lon);
  cells[i++] = csvNumber(d.geoPrecision);
  cells[i++] = csvText(d.sourceNames.join('; '));
  cells[i++] = csvText(d.sourceLinks.join('; '));
  cells[i++] = csvText(clean(e.summary));
  cells[i++] = csvCell(counts.killed ?? 0);
  cells[i++] = csvText(e.type);
  cells[i++] = csvText(e.kind);
  cells[i++] = csvText(e.date_start);
  cells[i++] = csvText(e.date_end);
  cells[i++] = csvText(e.date_precision);
  cells[i++] = csvText(e.country);
  cells[i++] = csvText(e.region);
  cells[i++] = csvText(e.certainty);
  cells[i++] = e.disputed ? 'true' : 'false';
  cells[i++] = csvNumber(e.independent_sources);
  cells[i++] = csvNumber(e.source_count);
  cells[i++] = csvText(e.status);
  cells[i++] = csvText(JSON.stringify(counts));
  for (const k of COUNT_KEYS) cells[i++] = csvCell(counts[k]);
  cells[i++] = csvText(e.measure);
  cells[i++] = csvNumber(e.value);
  cells[i++] = csvText(e.qualifier);
  cells[i++] = e.attribution.length ? csvText(cleanList(e.attribution, clean).join('; ')) : '';
  cells[i++] = `${csvText(clean(e.target))}\n`;
  return cells.join(',');
}

/** One event as a GeoJSON Feature: EXPORT_COLUMNS but the coordinates, which make its geometry. */
function feature(e: ExportEventRow, d: Derived, clean: (s: string | null) => string | null, names: Lookups): string {
  // Unlocated events keep a null geometry (RFC 7946 allows it): QGIS lists them, nothing is dropped.
  const geometry = e.lat !== null && e.lon !== null ? { type: 'Point', coordinates: [e.lon, e.lat] } : null;
  const properties: Record<string, unknown> = {
    event_id: e.id,
    event_date: e.date_lo,
    year: year(e.date_lo),
    time_precision: d.timePrecision,
    event_type: d.eventType,
    sub_event_type: d.subType,
    actor1: d.actors[0] ?? null,
    assoc_actor_1: d.actors.slice(1),
    country: names.country(e.country),
    admin1: names.region(e.region),
    admin2: null,
    location: e.settlement,
    geo_precision: d.geoPrecision,
    source: d.sourceNames,
    source_urls: d.sourceLinks,
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
    attribution: cleanList(e.attribution, clean),
    target: clean(e.target),
  };
  for (const [k, col] of COUNT_COLUMNS) properties[col] = e.counts[k] ?? null;
  return JSON.stringify({ type: 'Feature', id: e.id, geometry, properties });
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

/** One event as a JSON Lines object: the event view the API gives, private names replaced. */
function jsonlLine(e: ExportEvent<'full'>, clean: Clean): string {
  const sources = e.sources.map((s) => ({
    document_id: s.document.id,
    record_id: s.record_id,
    source_name: s.document.source_name,
    url: s.document.url,
    ref: s.document.source_ref,
    published: s.document.published_at,
    title: clean(s.document.title),
    forwarded_from: s.document.forwarded_from,
    copy_of: s.document.copy_of,
    evidence: { start: s.evidence_start, end: s.evidence_end, text: clean(s.evidence_text) ?? '' },
  }));
  return `${JSON.stringify(eventView(e, sources, clean))}\n`;
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
  const names = new Lookups();
  let events = 0;
  let unlocated = 0;
  const pageSize = opts.pageSize ?? 2000; // smaller pages die young in the GC; more per query buys nothing measurable
  if (opts.format === 'jsonl') {
    // Everything: each source with the evidence its record quotes.
    for await (const page of eventPages(store.db, filter, 'full', pageSize)) {
      let chunk = '';
      for (const e of page) chunk += jsonlLine(e, clean);
      events += page.length;
      await write(out, chunk);
    }
    return { events, unlocated };
  }
  const csv = opts.format === 'csv';
  await write(out, csv ? csvHeader(EXPORT_COLUMNS) : '{"type":"FeatureCollection","features":[\n');
  for await (const page of eventPages(store.db, filter, 'brief', pageSize)) {
    let chunk = '';
    for (const e of page) {
      const d = derive(e, e.sources, clean);
      if (csv) chunk += csvRow(e, d, clean, names);
      else {
        if (e.lat === null || e.lon === null) unlocated++;
        chunk += `${events > 0 ? ',\n' : ''}${feature(e, d, clean, names)}`;
      }
      events++;
    }
    await write(out, chunk);
  }
  if (!csv) await write(out, '\n]}\n');
  return { events, unlocated };
}

const emptyLists: NameLists = { given: new Set(), publicPeople: [], publicBySurname: new Map(), organisations: [] };
