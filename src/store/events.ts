/** Canonical events: what the chronicle shows, each linked to the records (and so the documents) behind it. */
import { sql, type CompiledQuery, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB, EventRow, EventStatus, NewEvent } from './schema.js';
import { recordJsonColumns, type RecordFieldValues } from './records.js';

/**
 * Every column of an event row, named: events also hold `search_tsv` (migration 005, the stored
 * tsvector of search_text), which only the full-text filter reads and no row should carry around.
 */
export const EVENT_COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon', 'actors', 'target',
  'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'date_lo', 'date_hi', 'search_text', 'status',
  'disputed', 'independent_sources', 'source_count', 'locked_fields', 'merged_into', 'version', 'retired_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof EventRow)[];

/** The columns a list of events shows (query/events.ts EventView): no search text, audit or bookkeeping columns. */
export const EVENT_VIEW_COLUMNS = [
  'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon', 'actors', 'target',
  'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'status', 'disputed', 'independent_sources', 'source_count',
] as const satisfies readonly (keyof EventRow)[];
export type EventViewRow = Pick<EventRow, (typeof EVENT_VIEW_COLUMNS)[number]>;

export async function insertEvent(db: Kysely<DB>, fields: RecordFieldValues, extra: Partial<Pick<NewEvent, 'status' | 'independent_sources' | 'source_count' | 'search_text'>> = {}): Promise<EventRow> {
  return db
    .insertInto('events')
    .values({ ...recordJsonColumns(fields), search_text: extra.search_text ?? '', ...extra })
    .returning(EVENT_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function linkRecords(db: Kysely<DB>, eventId: number, recordIds: number[], linkedBy = 'resolver'): Promise<void> {
  if (recordIds.length === 0) return;
  await db
    .insertInto('event_records')
    .values(recordIds.map((record_id) => ({ record_id, event_id: eventId, linked_by: linkedBy })))
    .onConflict((oc) => oc.column('record_id').doUpdateSet({ event_id: eventId, linked_by: linkedBy, linked_at: sql<Date>`now()` }))
    .execute();
}

export async function getEventRow(db: Kysely<DB>, id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').select(EVENT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export interface EventFilter {
  type?: string[];
  kind?: string;
  /** Inclusive YYYY-MM-DD bounds; an event matches when its date range overlaps them. */
  from?: string;
  to?: string;
  region?: string[];
  settlement?: string;
  actor?: string;
  certainty?: string[];
  status?: EventStatus[];
  q?: string;
  /** Keyset cursor: the (date_lo, id) of the last row of the previous page. */
  after?: { date: string | null; id: number };
  limit?: number;
}

export function filterWhere(f: EventFilter) {
  return (eb: import('kysely').ExpressionBuilder<DB, 'events'>): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [eb('merged_into', 'is', null), eb('retired_at', 'is', null)];
    c.push(eb('status', 'in', f.status && f.status.length ? f.status : ['published']));
    if (f.type?.length) c.push(eb('type', 'in', f.type));
    if (f.kind) c.push(eb('kind', '=', f.kind));
    if (f.region?.length) c.push(eb('region', 'in', f.region));
    if (f.certainty?.length) c.push(eb('certainty', 'in', f.certainty));
    if (f.from) c.push(eb('date_hi', '>=', f.from));
    if (f.to) c.push(eb('date_lo', '<=', f.to));
    if (f.settlement) c.push(sql<SqlBool>`lower(settlement) = lower(${f.settlement})`);
    if (f.actor) c.push(sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(actors) a WHERE a ILIKE ${'%' + f.actor + '%'})`);
    // search_tsv = letopis_fts(NULL, search_text), stored and GIN-indexed (migration 005).
    if (f.q) c.push(sql<SqlBool>`search_tsv @@ websearch_to_tsquery('russian', ${f.q})`);
    if (f.after) {
      const d = f.after.date;
      c.push(
        d === null
          ? sql<SqlBool>`(date_lo IS NULL AND id < ${f.after.id})`
          : sql<SqlBool>`(date_lo < ${d} OR (date_lo = ${d} AND id < ${f.after.id}) OR date_lo IS NULL)`,
      );
    }
    return eb.and(c);
  };
}

const compiledCache = new WeakMap<Kysely<DB>, Map<string, CompiledQuery>>();

/**
 * The compiled statement (SQL text and parameters) for `key`, built once per Kysely instance: building
 * and compiling a query costs 0.3-0.5 ms of CPU, more than PostgreSQL takes to answer an aggregate
 * from event_totals, and the web app asks the same few questions again and again. Only the statement
 * is kept; it runs every time. `key` must determine the statement (the filter and options, as JSON).
 */
export function compiled(db: Kysely<DB>, key: string, build: () => { compile(): CompiledQuery } | { compile(db: Kysely<DB>): CompiledQuery }): CompiledQuery {
  let byKey = compiledCache.get(db);
  if (!byKey) compiledCache.set(db, (byKey = new Map()));
  let q = byKey.get(key);
  if (!q) {
    if (byKey.size >= 500) byKey.clear();
    q = build().compile(db);
    byKey.set(key, q);
  }
  return q;
}

/** Newest first, keyset-paginated; the columns a list shows. */
export async function queryEvents(db: Kysely<DB>, f: EventFilter): Promise<EventViewRow[]> {
  const limit = Math.min(f.limit ?? 100, 10_000);
  const pairs = regionTypePairs(f);
  if (pairs) {
    // One date-ordered index range per (region, type), merged: a page reads about `limit` rows
    // however many events match, where one scan of all the pairs reads and sorts every match.
    const q = compiled(db, JSON.stringify(['pairs', f, limit]), () => {
      const branches = pairs.map(([region, type]) => sql`(${db
        .selectFrom('events')
        .select([...EVENT_VIEW_COLUMNS, 'date_lo'])
        .where(filterWhere({ ...f, region: [region], type: [type] }))
        .orderBy(sql`date_lo DESC NULLS LAST`)
        .orderBy('id', 'desc')
        .limit(limit)})`);
      return sql<EventViewRow>`SELECT ${sql.join(EVENT_VIEW_COLUMNS.map((c) => sql.ref(c)))}
        FROM (${sql.join(branches, sql` UNION ALL `)}) page ORDER BY date_lo DESC NULLS LAST, id DESC LIMIT ${limit}`;
    });
    return (await db.executeQuery<EventViewRow>(q)).rows;
  }
  const sortMatches = !!f.q && (await fewMatches(db, f, limit));
  const q = compiled(db, JSON.stringify(['list', f, limit, sortMatches]), () => db
    .selectFrom('events')
    .select(EVENT_VIEW_COLUMNS)
    .where(filterWhere(f))
    // The same order; written so that no index provides it, the matches are read and sorted (see fewMatches).
    .$if(sortMatches, (q) => q.orderBy(sql`date_lo IS NULL`).orderBy('date_lo', 'desc'))
    .$if(!sortMatches, (q) => q.orderBy(sql`date_lo DESC NULLS LAST`))
    .orderBy('id', 'desc')
    .limit(limit));
  return (await db.executeQuery<EventViewRow>(q)).rows;
}

/**
 * The (region, type) pairs of a filter that names both, when there are few enough to read each from
 * the (region, type, date_lo, id) index (migration 003) and merge them. Full-text filters go their own way.
 */
function regionTypePairs(f: EventFilter): [string, string][] | null {
  const regions = [...new Set(f.region ?? [])];
  const types = [...new Set(f.type ?? [])];
  if (!regions.length || !types.length || f.q || regions.length * types.length > 16) return null;
  return regions.flatMap((r) => types.map((t): [string, string] => [r, t]));
}

/**
 * A page of full-text matches is read one of two ways: walk the list index in date order, testing
 * each row, until `limit` match (about limit × rows / matches rows visited), or take every match from
 * the GIN index and sort them (about `matches` rows). PostgreSQL prices a walk that stops early as a
 * share of a full walk, which at a million events makes it walk ~20,000 rows for a word found in 0.5%
 * of them (200 ms, against 40 ms to sort its 4,500 matches). So we ask the planner only for its
 * estimates, of the matches and of the rows the walk would test (one EXPLAIN of both), and sort
 * when matches² < limit × rows.
 */
async function fewMatches(db: Kysely<DB>, f: EventFilter, limit: number): Promise<boolean> {
  const matching = db.selectFrom('events').select('id').where(filterWhere({ ...f, after: undefined }));
  const walked = db.selectFrom('events').select('id').where(filterWhere({ ...f, q: undefined, after: undefined }));
  const plan = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) ${matching} UNION ALL ${walked}`.execute(db);
  const raw = plan.rows[0]?.['QUERY PLAN'];
  type Node = { 'Plan Rows'?: number; Plans?: Node[] };
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: Node }[] | undefined;
  const [m, w] = json?.[0]?.Plan?.Plans ?? [];
  const matches = m?.['Plan Rows'];
  const rows = w?.['Plan Rows'];
  if (typeof matches !== 'number' || typeof rows !== 'number') return false; // an unexpected plan: leave it to the planner
  return matches * matches < limit * rows;
}

export async function countEvents(db: Kysely<DB>, f: EventFilter): Promise<number> {
  const r = await db.selectFrom('events').select(sql<number>`count(*)::int`.as('n')).where(filterWhere(f)).executeTakeFirstOrThrow();
  return r.n;
}

export interface EventSource {
  document_id: number;
  record_id: number;
  source_kind: string;
  source_name: string | null;
  url: string | null;
  source_ref: string;
  title: string | null;
  published_at: Date | null;
  forwarded_from: string | null;
  copy_of: number | null;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
}

/** The documents behind each event, with the evidence each record quotes. */
export async function sourcesOfEvents(db: Kysely<DB>, eventIds: number[]): Promise<Map<number, EventSource[]>> {
  const out = new Map<number, EventSource[]>();
  if (eventIds.length === 0) return out;
  const query = (ids: number[]) => db
    .selectFrom('event_records as er')
    .innerJoin('records as r', 'r.id', 'er.record_id')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .select([
      'er.event_id', 'd.id as document_id', 'r.id as record_id', 'd.source_kind', 'd.source_name', 'd.url', 'd.source_ref', 'd.title',
      'd.published_at', 'd.forwarded_from', 'd.copy_of', 'r.evidence_start', 'r.evidence_end', 'r.evidence_text',
    ])
    // One array parameter, however many ids: cheaper to build, send and plan than a list of them,
    // and the statement is the same for every page (compiled once, the ids passed as its parameter).
    .where('er.event_id', '=', sql<number>`ANY(${ids}::int[])`)
    .where('r.superseded_at', 'is', null)
    .orderBy('d.published_at')
    .orderBy('r.id');
  const statement = compiled(db, 'sourcesOfEvents', () => query([]));
  type Row = EventSource & { event_id: number };
  const rows = statement.parameters.length === 1
    ? (await db.executeQuery<Row>({ ...statement, parameters: [eventIds] })).rows
    : await query(eventIds).execute();
  for (const { event_id, ...s } of rows) {
    const list = out.get(event_id) ?? [];
    list.push(s);
    out.set(event_id, list);
  }
  return out;
}
