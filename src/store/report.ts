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
