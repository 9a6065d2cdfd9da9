/** Aggregates over events: counts and sums of counts grouped by type, region, week or month. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { COUNT_KEYS } from '../extract/record.js';
import { filterWhere, type EventFilter } from './events.js';
import type { DB } from './schema.js';

export const GROUP_KEYS = ['type', 'region', 'country', 'week', 'month'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export interface AggregateRow {
  /** One value per requested group key, in order; null when the events lack it (no region, no date). */
  key: (string | null)[];
  events: number;
  /** Sums of the events' counts (detained, participants...), only the non-zero ones. */
  counts: Record<string, number>;
}

// Weeks start on Monday (ISO); an event dated only to a month or year falls in the week of its first day.
function groupExpr(k: GroupKey): RawBuilder<string | null> {
  switch (k) {
    case 'type': return sql<string>`type`;
    case 'region': return sql<string | null>`region`;
    case 'country': return sql<string | null>`country`;
    case 'month': return sql<string | null>`left(date_lo, 7)`;
    case 'week': return sql<string | null>`to_char(date_trunc('week', date_lo::date), 'YYYY-MM-DD')`;
  }
}

/**
 * Count events matching the filter, grouped by one or two keys (e.g. week then type for a timeline).
 * The filter's limit and cursor are ignored.
 */
export async function aggregateEvents(db: Kysely<DB>, filter: EventFilter, by: GroupKey[]): Promise<AggregateRow[]> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  const keys = by.map((k, i) => sql`${groupExpr(k)}`.as(`k${i}`));
  const sums = COUNT_KEYS.map((c) => sql<number | null>`sum((counts->>${sql.lit(c)})::float8)`.as(`c_${c}`));
  let q = db
    .selectFrom('events')
    .select(keys)
    .select(sql<number>`count(*)::int`.as('n'))
    .select(sums)
    .where(filterWhere(f));
  for (let i = 0; i < by.length; i++) q = q.groupBy(sql.ref(`k${i}`) as never).orderBy(sql.ref(`k${i}`) as never);
  const rows = (await q.execute()) as unknown as Record<string, string | number | null>[];
  return rows.map((r) => {
    const counts: Record<string, number> = {};
    for (const c of COUNT_KEYS) {
      const v = Number(r[`c_${c}`] ?? 0);
      if (v) counts[c] = v;
    }
    return { key: by.map((_, i) => (r[`k${i}`] ?? null) as string | null), events: Number(r.n), counts };
  });
}
