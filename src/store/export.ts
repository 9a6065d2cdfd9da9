/**
 * Streaming reads for exports and reports: events in keyset-paginated pages, each page with the
 * documents behind its events. Memory stays flat however many events match.
 *
 * Each page comes back from Postgres as one JSON text (json_agg) rather than as rows: PGlite's
 * per-row, per-column transfer costs more than the query itself, and one JSON.parse a page is fast.
 */
import { sql, type Kysely } from 'kysely';
import { filterWhere, sourcesOfEvents, type EventFilter, type EventSource } from './events.js';
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
  /** ISO date-time of publication. */
  published_at: string | null;
}

export interface EventPage<S> {
  events: ExportEventRow[];
  sources: Map<number, S[]>;
}

const COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon',
  'actors', 'target', 'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'date_lo', 'date_hi',
  'status', 'disputed', 'independent_sources', 'source_count',
] as const;

/** Citations of a page's events. A dense page is read by id range, a sparse one by its id list. */
export async function briefSources(db: Kysely<DB>, ids: number[]): Promise<Map<number, BriefSource[]>> {
  const out = new Map<number, BriefSource[]>();
  if (ids.length === 0) return out;
  const lo = ids[0]!;
  const hi = ids[ids.length - 1]!;
  const dense = hi - lo < ids.length * 2;
  const which = dense ? sql`er.event_id BETWEEN ${lo} AND ${hi}` : sql`er.event_id = ANY(${`{${ids.join(',')}}`}::int[])`;
  // Unsorted in SQL (a sort of the whole page costs more than sorting each event's few sources here).
  const r = await sql<{ j: string }>`
    SELECT coalesce(json_agg(json_build_array(er.event_id, d.source_kind, d.source_name, d.url, d.source_ref,
             to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), r.id)), '[]')::text AS j
    FROM event_records er JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id
    WHERE ${which} AND r.superseded_at IS NULL`.execute(db);
  const wanted = dense ? new Set(ids) : null;
  const order = new Map<BriefSource, number>();
  type Row = [number, string, string | null, string | null, string, string | null, number];
  for (const [eventId, source_kind, source_name, url, source_ref, published_at, recordId] of JSON.parse(r.rows[0]!.j) as Row[]) {
    if (wanted && !wanted.has(eventId)) continue;
    const list = out.get(eventId);
    const s = { source_kind, source_name, url, source_ref, published_at };
    order.set(s, recordId);
    if (list) list.push(s);
    else out.set(eventId, [s]);
  }
  // As sourcesOfEvents orders them: by publication (unknown last), then by record.
  for (const list of out.values()) {
    if (list.length > 1) {
      list.sort((a, b) =>
        a.published_at === b.published_at ? order.get(a)! - order.get(b)!
        : a.published_at === null ? 1 : b.published_at === null ? -1 : a.published_at < b.published_at ? -1 : 1);
    }
  }
  return out;
}

type SourceMode = 'brief' | 'full';
type SourceOf<M extends SourceMode> = M extends 'full' ? EventSource : BriefSource;

async function withSources<M extends SourceMode>(db: Kysely<DB>, events: ExportEventRow[], mode: M): Promise<Map<number, SourceOf<M>[]>> {
  const ids = events.map((e) => e.id);
  return (mode === 'full' ? await sourcesOfEvents(db, ids) : await briefSources(db, ids)) as Map<number, SourceOf<M>[]>;
}

/**
 * Every event matching the filter, oldest id first, `pageSize` at a time. The filter's own cursor
 * and limit are ignored: the id keyset walks the primary key, so each page costs the same.
 * `full` sources carry the evidence each record quotes (JSON Lines); `brief` ones only cite.
 */
export async function* eventPages<M extends SourceMode>(db: Kysely<DB>, filter: EventFilter, mode: M, pageSize = 5000): AsyncGenerator<EventPage<SourceOf<M>>> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  const fetchPage = async (after: number): Promise<EventPage<SourceOf<M>>> => {
    const page = db.selectFrom('events').select([...COLUMNS]).where(filterWhere(f)).where('id', '>', after).orderBy('id').limit(pageSize);
    const r = await db.selectFrom(page.as('x')).select(sql<string>`coalesce(json_agg(x ORDER BY x.id), '[]')::text`.as('j')).executeTakeFirstOrThrow();
    const events = JSON.parse(r.j) as ExportEventRow[];
    return { events, sources: await withSources(db, events, mode) };
  };
  // The next page is asked for before this one is handed out: a server works while we format.
  let next: Promise<EventPage<SourceOf<M>>> | null = fetchPage(0);
  try {
    while (next) {
      const page: EventPage<SourceOf<M>> = await next;
      if (page.events.length === 0) return;
      next = page.events.length < pageSize ? null : fetchPage(page.events[page.events.length - 1]!.id);
      yield page;
    }
  } finally {
    // A consumer that stops early leaves a page in flight: let it settle quietly.
    void (next as Promise<unknown> | null)?.catch(() => undefined);
  }
}
