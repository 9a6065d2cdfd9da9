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
    case 'week': return sql<string | null>`date_trunc('week', date_lo::date)::date::text`;
  }
}

/**
 * Count events matching the filter, grouped by one or two keys (e.g. week then type for a timeline).
 * The filter's limit and cursor are ignored. Without sums, `counts` comes back empty.
 */
export async function aggregateEvents(db: Kysely<DB>, filter: EventFilter, by: GroupKey[], withSums = true): Promise<AggregateRow[]> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  // Two stages: group the matching rows by the plain columns first (cheap), then compute weeks and
  // months once per distinct day rather than once per event.
  const columns = [...new Set(by.map((k) => (k === 'week' || k === 'month' ? 'date_lo' : k)))];
  // Each sum reads the JSON of every row: most of the query's cost, so callers that only count skip them.
  const countKeys = withSums ? COUNT_KEYS : [];
  const inner = db
    .selectFrom('events')
    .select(columns.map((c) => sql.ref(c).as(c)))
    .select(sql<number>`count(*)`.as('n'))
    .select(countKeys.map((c) => sql<number | null>`sum((counts->>${sql.lit(c)})::float8) FILTER (WHERE counts <> '{}')`.as(`c_${c}`)))
    .where(filterWhere(f))
    .groupBy(columns.map((c) => sql.ref(c)) as never)
    .as('g');
  let q = db
    .selectFrom(inner)
    .select(by.map((k, i) => sql`${groupExpr(k)}`.as(`k${i}`)))
    .select(sql<number>`sum(n)::int`.as('n'))
    .select(countKeys.map((c) => sql<number | null>`sum(${sql.ref(`c_${c}`)})`.as(`c_${c}`)));
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
