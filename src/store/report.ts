/** Aggregates an overview needs beyond the events it lists: counts of the previous period. */
import { sql, type Kysely } from 'kysely';
import { filterWhere, type EventFilter } from './events.js';
import type { DB } from './schema.js';

export interface KeyCount {
  key: string | null;
  n: number;
}

/** Incidents matching the filter, counted by type. */
export async function countByType(db: Kysely<DB>, filter: EventFilter): Promise<KeyCount[]> {
  const rows = await db
    .selectFrom('events')
    .select(['type as key', sql<number>`count(*)::int`.as('n')])
    .where(filterWhere({ ...filter, kind: 'incident', after: undefined, limit: undefined }))
    .groupBy('type')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

export interface PeriodScan {
  /** Ids of the incidents of the filter's period, ascending. */
  ids: number[];
  /** Incidents of the previous period, counted by type. */
  before: KeyCount[];
}

/**
 * The incidents of a period (ids) and the previous period's counts by type. Where no index narrows
 * the dates, each is a read of the whole table: the embedded database reads it once for both (a
 * second read costs ~1 s at a million events); a server reads it twice at once, each read with
 * parallel workers, which is faster there than one serial pass.
 */
export async function scanPeriods(db: Kysely<DB>, engine: 'pglite' | 'postgres', filter: EventFilter, previous: { from: string; to: string }): Promise<PeriodScan> {
  if (engine === 'postgres') {
    const idsQ = db.selectFrom('events').select('id').where(filterWhere({ ...filter, kind: 'incident', after: undefined, limit: undefined })).orderBy('id').execute();
    const [rows, before] = await Promise.all([idsQ, countByType(db, { ...filter, ...previous })]);
    return { ids: rows.map((r) => r.id), before };
  }
  const { from, to } = filter;
  if (!from || !to) throw new Error('scanPeriods needs a period');
  const inNow = sql<boolean>`(date_hi >= ${from} AND date_lo <= ${to})`;
  const inBefore = sql<boolean>`(date_hi >= ${previous.from} AND date_lo <= ${previous.to})`;
  const matches = db
    .selectFrom('events')
    .select(['id', 'type', inNow.as('now'), inBefore.as('before')])
    .where(filterWhere({ ...filter, from: undefined, to: undefined, kind: 'incident', after: undefined, limit: undefined }))
    .where(sql<boolean>`(${inNow} OR ${inBefore})`);
  const r = await sql<{ ids: string | null; before: string | null }>`
    WITH m AS MATERIALIZED (${matches})
    SELECT (SELECT json_agg(id ORDER BY id) FROM m WHERE now)::text AS ids,
           (SELECT json_agg(json_build_array(type, n) ORDER BY type) FROM (SELECT type, count(*) AS n FROM m WHERE before GROUP BY type) c)::text AS before`.execute(db);
  const row = r.rows[0]!;
  return {
    ids: row.ids === null ? [] : (JSON.parse(row.ids) as number[]),
    before: row.before === null ? [] : (JSON.parse(row.before) as [string, number][]).map(([key, n]) => ({ key, n: Number(n) })),
  };
}
