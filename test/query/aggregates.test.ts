/**
 * Aggregates read the event_counts table (kept by triggers) for whole months and the events for the
 * rest: after random inserts, updates and deletes, every answer must equal a count made here in
 * plain TypeScript from the event rows themselves.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_KEYS } from '../../src/extract/record.js';
import { aggregateEvents, countsPlan, type AggregateRow, type EventFilter, type GroupKey, type Store } from '../../src/store/index.js';
import { engines } from '../helpers/engines.js';

const TYPES = ['arson', 'protest', 'detention'];
const REGIONS = ['RU-MOW', 'RU-SPE', 'BY-HM', null];
const STATUSES = ['draft', 'published', 'rejected'] as const;
const DATES = [null, '2022', '2022-09', '2022-09-01', '2022-09-15', '2022-09-30', '2022-10-01', '2022-10-31', '2022-11-15', '2023-01-10', '2023-02-28'];

interface Row {
  id: number; kind: string; type: string; status: string; certainty: string; region: string | null; country: string | null;
  date_lo: string | null; date_hi: string | null; counts: Record<string, number>; merged_into: number | null; retired_at: Date | null;
}

interface NewEvent {
  kind: string; type: string; status: string; certainty: string; region: string | null;
  date_start: string | null; date_end: string | null; counts: Record<string, number>;
}

const eventArb: fc.Arbitrary<NewEvent> = fc.record({
  kind: fc.constantFrom('incident', 'tally'),
  type: fc.constantFrom(...TYPES),
  status: fc.constantFrom(...STATUSES),
  certainty: fc.constantFrom('reported', 'claimed'),
  region: fc.constantFrom(...REGIONS),
  date_start: fc.constantFrom(...DATES),
  date_end: fc.constantFrom(null, null, '2022-10-05', '2023-03'),
  counts: fc.constantFrom<Record<string, number>[]>({}, { detained: 3 }, { detained: 1, participants: 40 }, { facilities: 1 }),
});

async function insert(store: Store, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One statement for all: the statement trigger sees many rows at once, as in bulk imports.
  await sql`INSERT INTO events (kind, type, status, certainty, region, country, date_start, date_end, date_precision, counts, search_text)
    SELECT kind, type, status, certainty, region, left(region, 2), date_start, date_end, 'day', counts, 'text'
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
      AS x(kind text, type text, status text, certainty text, region text, date_start text, date_end text, counts jsonb)`.execute(store.db);
}

function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The answer counted from the rows, without SQL. */
function expected(rows: Row[], f: EventFilter, by: GroupKey[], withSums: boolean): AggregateRow[] {
  const status = f.status?.length ? f.status : ['published'];
  const groups = new Map<string, AggregateRow>();
  for (const r of rows) {
    if (r.merged_into !== null || r.retired_at !== null || !status.includes(r.status as never)) continue;
    if (f.type?.length && !f.type.includes(r.type)) continue;
    if (f.kind && r.kind !== f.kind) continue;
    if (f.region?.length && !(r.region && f.region.includes(r.region))) continue;
    if (f.certainty?.length && !f.certainty.includes(r.certainty)) continue;
    if (f.from && !(r.date_hi !== null && r.date_hi >= f.from)) continue;
    if (f.to && !(r.date_lo !== null && r.date_lo <= f.to)) continue;
    const key = by.map((k) => k === 'month' ? r.date_lo?.slice(0, 7) ?? null : k === 'week' ? (r.date_lo ? weekOf(r.date_lo) : null) : r[k]);
    const g = groups.get(JSON.stringify(key)) ?? { key, events: 0, counts: {} };
    g.events++;
    if (withSums) for (const c of COUNT_KEYS) if (r.counts[c]) g.counts[c] = (g.counts[c] ?? 0) + r.counts[c];
    groups.set(JSON.stringify(key), g);
  }
  return sortRows([...groups.values()]);
}

const sortRows = (rows: AggregateRow[]): AggregateRow[] => rows.slice().sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

const filterArb: fc.Arbitrary<EventFilter> = fc.record({
  type: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: undefined }),
  kind: fc.option(fc.constantFrom('incident', 'tally'), { nil: undefined }),
  region: fc.option(fc.subarray(['RU-MOW', 'RU-SPE', 'BY-HM'], { minLength: 1 }), { nil: undefined }),
  certainty: fc.option(fc.constantFrom(['reported'], ['claimed']).map((c) => [...c]), { nil: undefined }),
  status: fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
  from: fc.option(fc.constantFrom('2022-01-01', '2022-09-01', '2022-09-10', '2022-09-30', '2022-10-02', '2023-01-01'), { nil: undefined }),
  to: fc.option(fc.constantFrom('2022-09-14', '2022-09-30', '2022-10-31', '2022-11-20', '2023-02-28', '2023-12-31'), { nil: undefined }),
}, { requiredKeys: [] });
const byArb = fc.constantFrom<GroupKey[]>(['type'], ['region'], ['country'], ['month'], ['week'], ['month', 'type'], ['region', 'type'], ['type', 'region']);

for (const engine of await engines()) {
  describe(`aggregates on ${engine.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await engine.open();
    });
    afterAll(async () => engine.dispose(store));

    const rows = async (): Promise<Row[]> => (await sql<Row>`SELECT id, kind, type, status, certainty, region, country, date_lo, date_hi, counts, merged_into, retired_at FROM events`.execute(store.db)).rows;

    it('plans whole months from the counts table and the rest from the events', () => {
      expect(countsPlan({ from: '2022-09-01', to: '2022-10-31' }, ['region'])).toEqual({ lo: '2022-09', hi: '2022-10', edges: {} });
      expect(countsPlan({ from: '2022-09-10', to: '2023-02-27' }, ['type'])).toEqual({ lo: '2022-10', hi: '2023-01', edges: { below: '2022-10-01', above: '2023-01-31' } });
      expect(countsPlan({ to: '2024-02-29' }, ['month'])).toEqual({ lo: null, hi: '2024-02', edges: {} });
      expect(countsPlan({ from: '2022-09-10', to: '2022-10-20' }, ['type'])).toBeNull(); // no whole month
      expect(countsPlan({ q: 'поджог' }, ['type'])).toBeNull();
      expect(countsPlan({}, ['week'])).toBeNull();
    });

    it('answers as a count of the rows would, through inserts, updates and deletes', async () => {
      await fc.assert(fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({
          op: fc.constantFrom('status', 'type', 'region', 'date', 'counts', 'merge', 'retire', 'unretire', 'summary', 'delete'),
          pick: fc.nat({ max: 6 }), value: fc.nat({ max: 10 }),
        }), { maxLength: 6 }),
        fc.array(fc.tuple(filterArb, byArb, fc.boolean()), { minLength: 3, maxLength: 6 }),
        async (events, ops, queries) => {
          await sql`TRUNCATE events RESTART IDENTITY CASCADE`.execute(store.db);
          await insert(store, events);
          for (const o of ops) {
            // Each update or delete hits every row whose id is pick modulo 7: several rows per statement.
            const sel = sql`WHERE id % 7 = ${o.pick} AND id > 1`;
            const v = o.value;
            switch (o.op) {
              case 'status': await sql`UPDATE events SET status = ${STATUSES[v % 3]} ${sel}`.execute(store.db); break;
              case 'type': await sql`UPDATE events SET type = ${TYPES[v % 3]} ${sel}`.execute(store.db); break;
              case 'region': await sql`UPDATE events SET region = ${REGIONS[v % 4]}, country = left(${REGIONS[v % 4]}, 2) ${sel}`.execute(store.db); break;
              case 'date': await sql`UPDATE events SET date_start = ${DATES[v]} ${sel}`.execute(store.db); break;
              case 'counts': await sql`UPDATE events SET counts = ${JSON.stringify({ detained: v })} ${sel}`.execute(store.db); break;
              case 'merge': await sql`UPDATE events SET merged_into = 1 ${sel}`.execute(store.db); break;
              case 'retire': await sql`UPDATE events SET retired_at = now() ${sel}`.execute(store.db); break;
              case 'unretire': await sql`UPDATE events SET retired_at = NULL, merged_into = NULL ${sel}`.execute(store.db); break;
              case 'summary': await sql`UPDATE events SET summary = 'edited', version = version + 1 ${sel}`.execute(store.db); break;
              case 'delete': await sql`DELETE FROM events ${sel}`.execute(store.db); break;
            }
          }
          const now = await rows();
          for (const [f, by, sums] of queries) {
            const got = sortRows(await aggregateEvents(store.db, f, by, sums));
            expect(got, JSON.stringify({ f, by, sums })).toEqual(expected(now, f, by, sums));
          }
        },
      ), { numRuns: engine.name === 'pglite' ? 40 : 60 });
    });

    it('keeps the counts table out of the way of ordinary updates', async () => {
      await sql`TRUNCATE events RESTART IDENTITY CASCADE`.execute(store.db);
      await insert(store, [{ kind: 'incident', type: 'arson', status: 'published', certainty: 'reported', region: 'RU-MOW', date_start: '2022-09-15', date_end: null, counts: { detained: 2 } }]);
      const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_counts`.execute(store.db)).rows[0]!.n;
      await sql`UPDATE events SET summary = 'new words', search_text = 'new words', version = version + 1`.execute(store.db);
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_counts`.execute(store.db)).rows[0]!.n).toBe(before);
      expect(await aggregateEvents(store.db, { from: '2022-09-01', to: '2022-09-30' }, ['region'])).toEqual([{ key: ['RU-MOW'], events: 1, counts: { detained: 2 } }]);
    });
  });
}
