/** Streaming reads behind exports and overviews, on every engine: sources, their order, pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventPages, reportIncidentPages, type ExportEvent, type SourceMode } from '../../src/store/export.js';
import type { EventFilter, Store } from '../../src/store/index.js';
import { scanPeriods } from '../../src/store/report.js';
import { engines } from '../helpers/engines.js';
import { seedAll, seedEvent } from '../export/seed.js';

async function collect<M extends SourceMode>(store: Store, filter: EventFilter, mode: M, pageSize: number, cache?: number): Promise<ExportEvent<M>[]> {
  const out: ExportEvent<M>[] = [];
  for await (const page of eventPages(store.db, filter, mode, pageSize, cache)) out.push(...page);
  return out;
}

for (const engine of await engines()) {
  describe(`export pages (${engine.name})`, () => {
    let store: Store;
    let several: number;
    beforeAll(async () => {
      store = await engine.open();
      await seedAll(store);
      // Three sources published on different days, one of them undated, one record superseded.
      several = await seedEvent(store, {
        type: 'protest', date: '2022-09-24', region: 'RU-SPE', summary: 'A rally on Nevsky, several hundred held.',
        sources: [
          { name: 'Late', url: 'https://late.example/1', ref: 'https://late.example/1', text: 'Held on Nevsky.' },
          { name: 'Undated', url: null, ref: 'tg:7/70', kind: 'telegram', text: 'Rally on Nevsky.' },
          { name: 'Early', url: 'https://early.example/1', ref: 'https://early.example/1', text: 'A rally.' },
          { name: 'Gone', url: 'https://gone.example/1', ref: 'https://gone.example/1', text: 'Superseded.' },
        ],
      });
      const docs = await store.db.selectFrom('documents').select(['id', 'source_name']).where('source_name', 'in', ['Late', 'Undated', 'Early', 'Gone']).execute();
      const id = (name: string): number => docs.find((d) => d.source_name === name)!.id;
      await store.db.updateTable('documents').set({ published_at: '2022-09-26T08:30:00.123Z' }).where('id', '=', id('Late')).execute();
      await store.db.updateTable('documents').set({ published_at: null }).where('id', '=', id('Undated')).execute();
      await store.db.updateTable('documents').set({ published_at: '2022-09-24T21:00:00Z' }).where('id', '=', id('Early')).execute();
      await store.db.updateTable('records').set({ superseded_at: new Date() }).where('document_id', '=', id('Gone')).execute();
    });
    afterAll(async () => {
      await engine.dispose(store);
    });

    it('gives each event its current sources, oldest publication first and undated last', async () => {
      const events = await collect(store, {}, 'brief', 3);
      const e = events.find((x) => x.id === several)!;
      expect(e.sources.map((s) => s.source_name)).toEqual(['Early', 'Late', 'Undated']);
      expect(e.sources[1]!.published_at).toBe('2022-09-26T08:30:00.123Z');
      expect(e.sources[0]!.published_at).toBe(new Date('2022-09-24T21:00:00Z').toISOString());
    });

    it('walks every matching event once, oldest id first, whatever the page and cache size', async () => {
      const big = await collect(store, {}, 'brief', 5000);
      expect(big.length).toBe(7); // six published seeds and the rally; the draft is left out
      expect(big.map((e) => e.id)).toEqual([...big.map((e) => e.id)].sort((a, b) => a - b));
      // A cache of two documents is emptied over and over: the same sources must come back.
      const small = await collect(store, {}, 'brief', 1, 2);
      expect(small).toEqual(big);
    });

    it('carries the evidence of each record in full mode', async () => {
      const e = (await collect(store, { status: ['published'] }, 'full', 2, 1)).find((x) => x.id === several)!;
      expect(e.sources.map((s) => [s.document.source_name, s.evidence_text])).toEqual([
        ['Early', 'A rally.'], ['Late', 'Held on Nevsky.'], ['Undated', 'Rally on Nevsky.'],
      ]);
      expect(e.sources.every((s) => s.evidence_end === s.evidence_text.length)).toBe(true);
    });

    it('reads the incidents of a period for an overview, drafts and tallies left out', async () => {
      const filter: EventFilter = { from: '2022-09-01', to: '2022-10-31', status: ['published'] };
      const { ids: found, before } = await scanPeriods(store.db, store.engine, filter, { from: '2021-04-01', to: '2021-04-30' });
      expect(before).toEqual([{ key: 'protest', n: 1 }]); // the 2021 rally, counted for the previous period only
      const ids: number[] = [];
      for await (const page of reportIncidentPages(store.db, filter, found, 2)) {
        for (const e of page) {
          expect(e.kind).toBe('incident');
          expect(e.status).toBe('published');
          ids.push(e.id);
        }
      }
      // Arson, protest, detention, prosecution (October) and the rally; not the 2021 rally, the draft or the tally.
      expect(ids.length).toBe(5);
      expect(ids).toEqual(found);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const empty = await scanPeriods(store.db, store.engine, { from: '2030-01-01', to: '2030-12-31', status: ['published'] }, { from: '2029-01-01', to: '2029-12-31' });
      expect(empty).toEqual({ ids: [], before: [] });
      const none: unknown[] = [];
      for await (const page of reportIncidentPages(store.db, filter, [])) none.push(...page);
      expect(none).toEqual([]);
    });

    it('leaves out an event that stopped matching between the two passes', async () => {
      const filter: EventFilter = { from: '2022-09-24', to: '2022-09-24', status: ['published'] };
      const { ids } = await scanPeriods(store.db, store.engine, filter, { from: '2022-09-23', to: '2022-09-23' });
      expect(ids).toEqual([several]);
      await store.db.updateTable('events').set({ status: 'rejected' }).where('id', '=', several).execute();
      const read: number[] = [];
      for await (const page of reportIncidentPages(store.db, filter, ids)) read.push(...page.map((e) => e.id));
      await store.db.updateTable('events').set({ status: 'published' }).where('id', '=', several).execute();
      expect(read).toEqual([]);
    });
  });
}
