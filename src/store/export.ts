/**
 * Streaming reads for exports and reports: events in keyset-paginated pages (by id), each page
 * with the documents behind its events. Memory stays flat however many events match.
 */
import { sql, type Kysely } from 'kysely';
import { filterWhere, sourcesOfEvents, type EventFilter, type EventSource } from './events.js';
import type { DB, EventRow } from './schema.js';


export interface EventPage {
  events: ExportEventRow[];
  sources: Map<number, EventSource[]>;
}

const COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon',
  'actors', 'target', 'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'date_lo', 'date_hi',
  'status', 'disputed', 'independent_sources', 'source_count', 'locked_fields', 'merged_into', 'version', 'created_at', 'updated_at',
] as const;

/** An event row without its search text (large, and never exported). */
export type ExportEventRow = Pick<EventRow, (typeof COLUMNS)[number]>;

/**
 * Every event matching the filter, oldest id first, `pageSize` at a time. The filter's own cursor
 * and limit are ignored: the id keyset walks the primary key, so each page costs the same.
 */
export async function* eventPages(db: Kysely<DB>, filter: EventFilter, pageSize = 5000, withSources = true): AsyncGenerator<EventPage> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  let last = 0;
  for (;;) {
    const events = await db
      .selectFrom('events')
      .select([...COLUMNS])
      .where(filterWhere(f))
      .where('id', '>', last)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (events.length === 0) return;
    last = events[events.length - 1]!.id;
    const sources = withSources ? await sourcesOfEvents(db, events.map((e) => e.id)) : new Map<number, EventSource[]>();
    yield { events, sources };
    if (events.length < pageSize) return;
  }
}

/** Events of one period in date order (then id), paginated by (date_lo, id): the report's lists. */
export async function* eventPagesByDate(db: Kysely<DB>, filter: EventFilter, pageSize = 5000): AsyncGenerator<EventPage> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  let cursor: { date: string; id: number } | null = null;
  for (;;) {
    const c: { date: string; id: number } | null = cursor;
    const events: ExportEventRow[] = await db
      .selectFrom('events')
      .select([...COLUMNS])
      .where(filterWhere(f))
      .where('date_lo', 'is not', null)
      .$if(c !== null, (q) => q.where(sql<boolean>`(date_lo, id) > (${c!.date}, ${c!.id})`))
      .orderBy('date_lo')
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (events.length === 0) return;
    const tail: ExportEventRow = events[events.length - 1]!;
    cursor = { date: tail.date_lo!, id: tail.id };
    yield { events, sources: await sourcesOfEvents(db, events.map((e) => e.id)) };
    if (events.length < pageSize) return;
  }
}
