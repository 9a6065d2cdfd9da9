/** Aggregates over events: counts and sums of counts grouped by type, region, week or month. */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { COUNT_KEYS } from '../extract/record.js';
import { compiled, filterWhere, type EventFilter } from './events.js';
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

/**
 * event_totals and event_counts (migration 005): live events counted per type, kind, status, certainty
 * and place (event_counts also per month span), kept by triggers in the transaction that writes the
 * events. Not part of DB: only this file reads them.
 */
interface EventTotalsTable {
  type: string;
  kind: string;
  status: string;
  certainty: string;
  country: string | null;
  region: string | null;
  events: number;
}
interface EventCountsTable extends EventTotalsTable {
  month_lo: string | null;
  month_hi: string | null;
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

const monthOf = (day: string): string => day.slice(0, 7);
function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}
const isLastDay = (day: string): boolean => monthOf(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()) !== monthOf(day);

/**
 * How the counts table can answer: the whole months of the date range come from it (`lo`..`hi`, either
 * open), and the events of a partly covered first or last month are read from the events themselves
 * (`edges`: day conditions that pick them). Null when it cannot: a filter it does not keep (settlement,
 * actor, full text), weeks, or a range without one whole month.
 */
export interface CountsPlan {
  lo: string | null;
  hi: string | null;
  edges: { below?: string; above?: string };
}

export function countsPlan(f: EventFilter, by: GroupKey[]): CountsPlan | null {
  if (f.settlement || f.actor || f.q || by.includes('week')) return null;
  const lo = f.from ? (f.from.endsWith('-01') ? monthOf(f.from) : shiftMonth(monthOf(f.from), 1)) : null;
  const hi = f.to ? (isLastDay(f.to) ? monthOf(f.to) : shiftMonth(monthOf(f.to), -1)) : null;
  if (lo && hi && lo > hi) return null;
  const edges: CountsPlan['edges'] = {};
  // Matching events not in the whole months: they end before the first whole month, or start after the last.
  if (f.from && lo && !f.from.endsWith('-01')) edges.below = `${lo}-01`;
  if (f.to && hi && !isLastDay(f.to)) edges.above = `${hi}-31`;
  return { lo, hi, edges };
}

/** The aggregate's statement (see aggregateEvents), before compiling. */
function aggregateQuery(db: Kysely<DB>, f: EventFilter, by: GroupKey[], withSums: boolean) {
  // Two stages: group the matching rows by the plain columns first (cheap), then compute weeks and
  // months once per distinct day rather than once per event.
  const columns = [...new Set(by.map((k) => (k === 'week' || k === 'month' ? 'date_lo' : k)))];
  // Each sum reads the JSON of every row: most of the query's cost, so callers that only count skip them.
  const countKeys = withSums ? COUNT_KEYS : [];
  const plan = countsPlan(f, by);
  const fromEvents = (extra?: (eb: import('kysely').ExpressionBuilder<DB, 'events'>) => Expression<SqlBool>) => db
    .selectFrom('events')
    .select(columns.map((c) => sql.ref(c).as(c)))
    .select(sql<number>`count(*)`.as('n'))
    .select(countKeys.map((c) => sql<number>`sum(letopis_count(counts, ${sql.lit(c)})) FILTER (WHERE counts <> '{}')`.as(`c_${c}`)))
    .where(filterWhere(f))
    .$if(!!extra, (q) => q.where(extra!))
    .groupBy(columns.map((c) => sql.ref(c)) as never);
  let inner;
  if (!plan) {
    inner = fromEvents().as('g');
  } else {
    // Without dates or months, the totals (no month span) have the fewest groups to add up.
    const table = plan.lo || plan.hi || columns.includes('date_lo') ? 'event_counts' : 'event_totals';
    // The month the counts table keeps stands in for date_lo: the outer stage only takes its month.
    const counted = db.withTables<{ event_counts: EventCountsTable; event_totals: EventCountsTable }>()
      .selectFrom(table)
      .select(columns.map((c) => (c === 'date_lo' ? sql.ref('month_lo').as(c) : sql.ref(c).as(c))))
      .select(sql<number>`sum(events)`.as('n'))
      .select(countKeys.map((c) => sql<number>`sum(${sql.ref(c)})`.as(`c_${c}`)))
      .where((eb) => {
        const c: Expression<SqlBool>[] = [eb('status', 'in', f.status && f.status.length ? f.status : ['published'])];
        if (f.type?.length) c.push(eb('type', 'in', f.type));
        if (f.kind) c.push(eb('kind', '=', f.kind));
        if (f.region?.length) c.push(eb('region', 'in', f.region));
        if (f.certainty?.length) c.push(eb('certainty', 'in', f.certainty));
        if (plan.lo) c.push(eb('month_hi', '>=', plan.lo));
        if (plan.hi) c.push(eb('month_lo', '<=', plan.hi));
        return eb.and(c);
      })
      .groupBy(columns.map((c) => sql.ref(c === 'date_lo' ? 'month_lo' : c)) as never);
    const { below, above } = plan.edges;
    inner = below || above
      ? counted.unionAll(fromEvents((eb) => eb.or([
        ...(below ? [eb('date_hi', '<', below)] : []),
        ...(above ? [eb('date_lo', '>', above)] : []),
      ]))).as('g')
      : counted.as('g');
  }
  let q = db
    .selectFrom(inner as never)
    .select(by.map((k, i) => sql`${groupExpr(k)}`.as(`k${i}`)))
    .select(sql<number>`sum(n)::int`.as('n'))
    .select(countKeys.map((c) => sql<number | null>`sum(${sql.ref(`c_${c}`)})`.as(`c_${c}`)))
    // Groups whose events have all gone stay in the counts table with zero events.
    .having(sql<SqlBool>`sum(n) > 0`);
  for (let i = 0; i < by.length; i++) q = q.groupBy(sql.ref(`k${i}`) as never).orderBy(sql.ref(`k${i}`) as never);
  return q;
}

/**
 * Count events matching the filter, grouped by one or two keys (e.g. week then type for a timeline).
 * The filter's limit and cursor are ignored. Without sums, `counts` comes back empty.
 */
export async function aggregateEvents(db: Kysely<DB>, filter: EventFilter, by: GroupKey[], withSums = true): Promise<AggregateRow[]> {
  const f: EventFilter = { ...filter, after: undefined, limit: undefined };
  const statement = compiled(db, JSON.stringify(['aggregate', f, by, withSums]), () => aggregateQuery(db, f, by, withSums));
  const rows = (await db.executeQuery<Record<string, string | number | null>>(statement)).rows;
  return rows.map((r) => {
    const counts: Record<string, number> = {};
    for (const c of COUNT_KEYS) {
      const v = Number(r[`c_${c}`] ?? 0);
      if (v) counts[c] = v;
    }
    return { key: by.map((_, i) => (r[`k${i}`] ?? null) as string | null), events: Number(r.n), counts };
  });
}
