/** Aggregates an overview needs: counts by type, by region and by week over one period. */
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

/** Incidents matching the filter, counted by region (null: region not known). */
export async function countByRegion(db: Kysely<DB>, filter: EventFilter): Promise<KeyCount[]> {
  const rows = await db
    .selectFrom('events')
    .select(['region as key', sql<number>`count(*)::int`.as('n')])
    .where(filterWhere({ ...filter, kind: 'incident', after: undefined, limit: undefined }))
    .groupBy('region')
    .orderBy('region')
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

/**
 * Incidents by ISO week (Monday, YYYY-MM-DD). An event that began before the period counts in the
 * period's first week, so every event of the period is in the chart once.
 */
export async function countByWeek(db: Kysely<DB>, filter: EventFilter & { from: string }): Promise<KeyCount[]> {
  const wk = sql<string>`to_char(date_trunc('week', greatest(date_lo, ${filter.from})::date), 'YYYY-MM-DD')`;
  const rows = await db
    .selectFrom('events')
    .select([wk.as('key'), sql<number>`count(*)::int`.as('n')])
    .where(filterWhere({ ...filter, kind: 'incident', after: undefined, limit: undefined }))
    .where('date_lo', 'is not', null)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}
