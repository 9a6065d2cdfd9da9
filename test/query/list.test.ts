/**
 * Event lists take different paths (one scan; merged per-(region, type) index ranges; full-text matches
 * sorted or walked in date order): each page must be the one a plain sort of the matching rows gives.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEvents, type EventFilter, type Store } from '../../src/store/index.js';
import { engines } from '../helpers/engines.js';

const TYPES = ['arson', 'protest', 'detention'];
const REGIONS = ['RU-MOW', 'RU-SPE', 'BY-HM', null];
const DATES = [null, '2022', '2022-09', '2022-09-01', '2022-09-15', '2022-09-30', '2022-10-01', '2023-01-10'];
const WORDS = ['поджог', 'пикет', 'military', 'office'];

interface Row { id: number; type: string; region: string | null; status: string; date_lo: string | null; date_hi: string | null; search_text: string }

for (const engine of await engines()) {
  describe(`event lists on ${engine.name}`, () => {
    let store: Store;
    let rows: Row[];
    beforeAll(async () => {
      store = await engine.open();
      // Many ties on date, so the id order and the cursor matter.
      const events = Array.from({ length: 300 }, (_, i) => ({
        type: TYPES[i % 3], region: REGIONS[(i * 7) % 4], date_start: DATES[(i * 5) % DATES.length], status: i % 5 === 0 ? 'draft' : 'published',
        search_text: `${WORDS[i % 4]} ${i % 11 === 0 ? 'военкомат' : ''}`,
      }));
      await sql`INSERT INTO events (kind, type, region, date_start, date_precision, status, search_text)
        SELECT 'incident', type, region, date_start, 'day', status, search_text
        FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(type text, region text, date_start text, status text, search_text text)`.execute(store.db);
      await sql`ANALYZE events`.execute(store.db);
      rows = (await sql<Row>`SELECT id, type, region, status, date_lo, date_hi, search_text FROM events`.execute(store.db)).rows;
    });
    afterAll(async () => engine.dispose(store));

    /** The page a plain sort gives; full text is checked by the words the rows were made with. */
    const expected = (f: EventFilter): number[] => rows
      .filter((r) => (f.status ?? ['published']).includes(r.status as never))
      .filter((r) => !f.type?.length || f.type.includes(r.type))
      .filter((r) => !f.region?.length || (r.region !== null && f.region.includes(r.region)))
      .filter((r) => !f.from || (r.date_hi !== null && r.date_hi >= f.from))
      .filter((r) => !f.to || (r.date_lo !== null && r.date_lo <= f.to))
      .filter((r) => !f.q || r.search_text.split(' ').includes(f.q))
      .filter((r) => !f.after || (f.after.date === null
        ? r.date_lo === null && r.id < f.after.id
        : r.date_lo === null || r.date_lo < f.after.date || (r.date_lo === f.after.date && r.id < f.after.id)))
      .sort((a, b) => (a.date_lo === b.date_lo ? b.id - a.id : a.date_lo === null ? 1 : b.date_lo === null ? -1 : a.date_lo < b.date_lo ? 1 : -1))
      .slice(0, f.limit ?? 100)
      .map((r) => r.id);

    it('pages every path as a plain sort would', async () => {
      await fc.assert(fc.asyncProperty(
        fc.record({
          type: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: undefined }),
          region: fc.option(fc.subarray(['RU-MOW', 'RU-SPE', 'BY-HM', 'RU-MOW'], { minLength: 1 }), { nil: undefined }),
          status: fc.option(fc.constantFrom<EventFilter['status']>(['published'], ['draft', 'published']), { nil: undefined }),
          from: fc.option(fc.constantFrom('2022-09-10', '2022-10-01'), { nil: undefined }),
          to: fc.option(fc.constantFrom('2022-09-30', '2023-12-31'), { nil: undefined }),
          q: fc.option(fc.constantFrom(...WORDS, 'военкомат'), { nil: undefined }),
          limit: fc.constantFrom(1, 5, 40, 100),
        }, { requiredKeys: ['limit'] }),
        fc.nat({ max: 3 }),
        async (f, pages) => {
          // Follow the cursor for a few pages, as the API's `next` does.
          let filter: EventFilter = f;
          for (let p = 0; p <= pages; p++) {
            const got = await queryEvents(store.db, filter);
            const want = expected(filter);
            expect(got.map((r) => r.id), JSON.stringify(filter)).toEqual(want);
            const last = rows.find((r) => r.id === want.at(-1));
            if (!last || want.length < (f.limit ?? 100)) break;
            filter = { ...f, after: { date: last.date_lo, id: last.id } };
          }
        },
      ), { numRuns: 60 });
    });
  });
}
