/**
 * Streaming reads for exports and reports: events in keyset-paginated pages, each event with the
 * documents behind it. Memory stays flat however many events match.
 *
 * One query a page gives the events and, per event, the ids of its documents (and, for JSON Lines,
 * each record's quote). Documents are few next to events (a document gives several records, an
 * event cites few documents), so they are read once, by id, into a bounded cache, instead of being
 * joined into every event's row.
 *
 * Rows come back from Postgres as one JSON text a page (arrays, not objects: no key repeated per
 * row): PGlite's per-row, per-column transfer costs more than the query itself, and one JSON.parse
 * a page is fast on both engines.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { intArray } from './arrays.js';
import { filterWhere, type EventFilter } from './events.js';
import type { RecordFieldValues } from './records.js';
import type { DB, EventStatus } from './schema.js';

/** The fields exports and overviews use (no search text, no editing state). */
export interface ExportEventRow extends RecordFieldValues {
  id: number;
  date_lo: string | null;
  date_hi: string | null;
  status: EventStatus;
  disputed: boolean;
  independent_sources: number;
  source_count: number;
}

/** A source as a citation needs it. */
export interface BriefSource {
  source_kind: string;
  source_name: string | null;
  url: string | null;
  source_ref: string;
  /** ISO date-time of publication (UTC, milliseconds, as Date.toISOString writes it). */
  published_at: string | null;
}

/** A document as exports give it: a citation, and what JSON Lines says of each source. */
export interface ExportDocument extends BriefSource {
  id: number;
  title: string | null;
  forwarded_from: string | null;
  copy_of: number | null;
}

/** One record behind an event, with the evidence it quotes (JSON Lines). */
export interface RecordSource {
  record_id: number;
  document: ExportDocument;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
}

/** `brief` sources only cite (one per record, as documents); `full` ones carry each record's quote. */
export type SourceMode = 'brief' | 'full';
export type SourceOf<M extends SourceMode> = M extends 'full' ? RecordSource : ExportDocument;

/** An event and its sources, oldest publication first (unknown last), then by record. */
export type ExportEvent<M extends SourceMode> = ExportEventRow & { sources: SourceOf<M>[] };

/** The fields an overview lists. */
export type ReportEventRow = Pick<ExportEventRow,
  'id' | 'kind' | 'type' | 'date_start' | 'date_end' | 'date_precision' | 'country' | 'region' | 'settlement' | 'summary' |
  'certainty' | 'date_lo' | 'status' | 'disputed' | 'independent_sources'> & { sources: ExportDocument[] };

const EXPORT_COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon',
  'actors', 'target', 'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'date_lo', 'date_hi',
  'status', 'disputed', 'independent_sources', 'source_count',
] as const;
type ExportRaw = [
  number, string, string, string | null, string | null, string, string | null, string | null, string | null, number | null, number | null,
  string[], string | null, Record<string, number>, string | null, number | null, string | null, string, string[], string, string | null, string | null,
  EventStatus, boolean, number, number, unknown,
];

const REPORT_COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'summary', 'certainty', 'date_lo',
  'status', 'disputed', 'independent_sources',
] as const;
type ReportRaw = [
  number, string, string, string | null, string | null, string, string | null, string | null, string | null, string, string, string | null,
  EventStatus, boolean, number, number[] | null,
];

/** Per event: its current records' documents (brief) or [document, record, quote] (full), by record. */
function sourcesSql(mode: SourceMode): RawBuilder<unknown> {
  const from = sql`FROM event_records er JOIN records r ON r.id = er.record_id WHERE er.event_id = x.id AND r.superseded_at IS NULL`;
  return mode === 'brief'
    ? sql`ARRAY(SELECT r.document_id ${from} ORDER BY r.id)`
    : sql`(SELECT json_agg(json_build_array(r.document_id, r.id, r.evidence_start, r.evidence_end, r.evidence_text) ORDER BY r.id) ${from})`;
}

/** `SELECT '[' || string_agg(json_build_array(x.a, x.b, ..., sources)) || ']'`: a page as one JSON text. */
function pageJson(columns: readonly string[], sources: RawBuilder<unknown>): RawBuilder<string | null> {
  const cols = sql.join(columns.map((c) => sql.ref(`x.${c}`)));
  return sql<string | null>`'[' || string_agg(json_build_array(${cols}, ${sources})::text, ',' ORDER BY x.id) || ']'`;
}

/**
 * Documents by id, read once: exports of a million events cite the same few thousand documents
 * over and over. Bounded: a huge archive is re-read in parts rather than held whole.
 */
class DocumentCache {
  private readonly docs = new Map<number, ExportDocument>();

  constructor(private readonly db: Kysely<DB>, private readonly max = 100_000) {}

  /** Make sure every id is cached (ids of documents deleted meanwhile are skipped). */
  async load(ids: Iterable<number>): Promise<void> {
    const missing = new Set<number>();
    for (const id of ids) if (!this.docs.has(id)) missing.add(id);
    if (missing.size === 0) return;
    if (this.docs.size + missing.size > this.max) {
      this.docs.clear();
      for (const id of ids) missing.add(id);
    }
    const r = await sql<{ j: string }>`
      SELECT coalesce(json_agg(json_build_array(id, source_kind, source_name, url, source_ref,
               to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), title, forwarded_from, copy_of)), '[]')::text AS j
      FROM documents WHERE id = ANY(${intArray([...missing])}::int[])`.execute(this.db);
    type Raw = [number, string, string | null, string | null, string, string | null, string | null, string | null, number | null];
    for (const [id, source_kind, source_name, url, source_ref, published_at, title, forwarded_from, copy_of] of JSON.parse(r.rows[0]!.j) as Raw[]) {
      this.docs.set(id, { id, source_kind, source_name, url, source_ref, published_at, title, forwarded_from, copy_of });
    }
  }

  get(id: number): ExportDocument | undefined {
    return this.docs.get(id);
  }
}

/** By publication, unknown last; a stable sort keeps the record order of equal ones. */
const byPublication = (a: BriefSource, b: BriefSource): number =>
  a.published_at === b.published_at ? 0 : a.published_at === null ? 1 : b.published_at === null ? -1 : a.published_at < b.published_at ? -1 : 1;

function sortSources<S>(list: S[], doc: (s: S) => BriefSource): S[] {
  if (list.length > 1) list.sort((a, b) => byPublication(doc(a), doc(b)));
  return list;
}

/** Document ids a page's events name. */
function documentIds(raw: unknown[][], at: number, mode: SourceMode): Set<number> {
  const ids = new Set<number>();
  for (const row of raw) {
    const src = row[at] as number[] | [number, ...unknown[]][] | null;
    if (!src) continue;
    if (mode === 'brief') for (const id of src as number[]) ids.add(id);
    else for (const s of src as [number, ...unknown[]][]) ids.add(s[0]);
  }
  return ids;
}

function briefList(docs: DocumentCache, ids: number[] | null): ExportDocument[] {
  const out: ExportDocument[] = [];
  for (const id of ids ?? []) {
    const d = docs.get(id);
    if (d) out.push(d);
  }
  return sortSources(out, (d) => d);
}

function fullList(docs: DocumentCache, raw: [number, number, number, number, string][] | null): RecordSource[] {
  const out: RecordSource[] = [];
  for (const [docId, record_id, evidence_start, evidence_end, evidence_text] of raw ?? []) {
    const document = docs.get(docId);
    if (document) out.push({ record_id, document, evidence_start, evidence_end, evidence_text });
  }
  return sortSources(out, (s) => s.document);
}

function exportEvent<M extends SourceMode>(a: ExportRaw, mode: M, docs: DocumentCache): ExportEvent<M> {
  return {
    id: a[0], kind: a[1], type: a[2], date_start: a[3], date_end: a[4], date_precision: a[5], country: a[6], region: a[7], settlement: a[8],
    lat: a[9], lon: a[10], actors: a[11], target: a[12], counts: a[13], measure: a[14], value: a[15], qualifier: a[16], certainty: a[17],
    attribution: a[18], summary: a[19], date_lo: a[20], date_hi: a[21], status: a[22], disputed: a[23], independent_sources: a[24],
    source_count: a[25],
    sources: (mode === 'brief' ? briefList(docs, a[26] as number[] | null) : fullList(docs, a[26] as [number, number, number, number, string][] | null)) as SourceOf<M>[],
  };
}

/**
 * Every event matching the filter, oldest id first, `pageSize` at a time, each with its sources.
 * The filter's own cursor and limit are ignored: the id keyset walks the primary key, so each page
 * costs the same. `full` sources carry the evidence each record quotes (JSON Lines); `brief` ones only cite.
 */
export async function* eventPages<M extends SourceMode>(
  db: Kysely<DB>, filter: EventFilter, mode: M, pageSize = 2000, documentCacheSize = 100_000,
): AsyncGenerator<ExportEvent<M>[]> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  const docs = new DocumentCache(db, documentCacheSize);
  const json = pageJson(EXPORT_COLUMNS, sourcesSql(mode));
  const fetchPage = async (after: number): Promise<ExportRaw[]> => {
    const page = db.selectFrom('events').select([...EXPORT_COLUMNS]).where(filterWhere(f)).where('id', '>', after).orderBy('id').limit(pageSize);
    const r = await db.selectFrom(page.as('x')).select(json.as('j')).executeTakeFirstOrThrow();
    return r.j === null ? [] : (JSON.parse(r.j) as ExportRaw[]);
  };
  yield* prefetched(fetchPage, pageSize, async (raw) => {
    await docs.load(documentIds(raw, EXPORT_COLUMNS.length, mode));
    return raw.map((a) => exportEvent(a, mode, docs));
  });
}

/**
 * Pages by id keyset, the next one asked for before this one is handed out: a server works while
 * we format. `build` turns a page's raw rows into what the caller gets.
 */
async function* prefetched<R extends [number, ...unknown[]], T>(
  fetchPage: (after: number) => Promise<R[]>, pageSize: number, build: (raw: R[]) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let next: Promise<R[]> | null = fetchPage(0);
  try {
    while (next) {
      const raw: R[] = await next;
      if (raw.length === 0) return;
      next = raw.length < pageSize ? null : fetchPage(raw[raw.length - 1]![0]);
      yield await build(raw);
    }
  } finally {
    // A consumer that stops early leaves a page in flight: let it settle quietly.
    void (next as Promise<unknown> | null)?.catch(() => undefined);
  }
}

/**
 * The incidents of an overview, oldest id first, in pages: those of `ids` (found by scanPeriods in
 * one pass) still matching the filter, read by id. A keyset over the primary key would walk every
 * event of other years to find this period's.
 */
export async function* reportIncidentPages(db: Kysely<DB>, filter: EventFilter, ids: number[], pageSize = 5000): AsyncGenerator<ReportEventRow[]> {
  const f: EventFilter = { ...filter, kind: 'incident', after: undefined, limit: undefined };
  const docs = new DocumentCache(db);
  const json = pageJson(REPORT_COLUMNS, sourcesSql('brief'));
  const fetchChunk = async (i: number): Promise<ReportRaw[]> => {
    if (i >= ids.length) return [];
    const chunk = intArray(ids.slice(i, i + pageSize));
    // The filter again: an event edited since the first pass is left out rather than shown wrong.
    const page = db.selectFrom('events').select([...REPORT_COLUMNS]).where(filterWhere(f)).where(sql<boolean>`id = ANY(${chunk}::int[])`);
    const r = await db.selectFrom(page.as('x')).select(json.as('j')).executeTakeFirstOrThrow();
    return r.j === null ? [] : (JSON.parse(r.j) as ReportRaw[]);
  };
  // Two pages in flight: a server reads one while it formats the other (the embedded database
  // takes them in turn). Reading by id needs no previous page to know where the next starts.
  const inFlight = [fetchChunk(0), fetchChunk(pageSize)];
  try {
    for (let i = 0; i < ids.length; i += pageSize) {
      const raw = await inFlight.shift()!;
      inFlight.push(fetchChunk(i + 2 * pageSize));
      await docs.load(documentIds(raw, REPORT_COLUMNS.length, 'brief'));
      yield raw.map((a) => ({
        id: a[0], kind: a[1], type: a[2], date_start: a[3], date_end: a[4], date_precision: a[5], country: a[6], region: a[7], settlement: a[8],
        summary: a[9], certainty: a[10], date_lo: a[11], status: a[12], disputed: a[13], independent_sources: a[14], sources: briefList(docs, a[15]),
      }));
    }
  } finally {
    for (const p of inFlight) void p.catch(() => undefined);
  }
}
