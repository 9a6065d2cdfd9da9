/** The review workflow: status changes, edits, merge and split round trips, history and past states. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LetopisError } from '../../src/errors.js';
import { getEvent, listEvents } from '../../src/query/events.js';
import {
  editEvent, history, mergeEvents, publish, reject, restore, setDisputed, splitRecord, stateAt,
} from '../../src/review/service.js';
import { resolveAll } from '../../src/resolve/index.js';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/index.js';
import { engines, PG_URL, postgresEngine } from '../helpers/engines.js';
import { addDoc, reextract, rec } from '../resolve/helpers.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const engine of await engines()) {
  describe(`review on ${engine.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await engine.open();
    });
    afterAll(async () => {
      await engine.dispose(store);
    });

    const twoReports = async (tag: string, region: string, settlement: string) => {
      // Different weeks, so resolution keeps them apart; an editor knows better.
      const a = await addDoc(store, { ref: `${tag}-a`, text: `First report ${tag}` }, [rec({ type: 'arson', date: { start: '2022-10-03', precision: 'day' }, place: { region, settlement }, summary: `${tag} a` })]);
      const b = await addDoc(store, { ref: `${tag}-b`, text: `Second report ${tag}` }, [rec({ type: 'arson', date: { start: '2022-10-20', precision: 'day' }, place: { region, settlement }, summary: `${tag} b` })]);
      const ea = (await listEvents(store, { status: ['draft'], q: `${tag}` })).find((e) => e.sources.some((s) => s.document_id === a.doc.id))!;
      const eb = (await listEvents(store, { status: ['draft'], q: `${tag}` })).find((e) => e.sources.some((s) => s.document_id === b.doc.id))!;
      return { a, b, ea, eb };
    };

    it('publishes, rejects (hidden, not gone) and restores, each in the history', async () => {
      await addDoc(store, { ref: 'st-1', text: 'status post' }, [rec({ type: 'protest', place: { region: 'RU-KDA', settlement: 'Krasnodar' }, summary: 'picket' })]);
      const [ev] = await listEvents(store, { status: ['draft'], type: ['protest'], region: ['RU-KDA'] });
      const p = await publish(store, ev!.id, 'ed');
      expect(p.status).toBe('published');
      expect((await listEvents(store, {})).map((e) => e.id)).toContain(ev!.id);
      await expect(publish(store, ev!.id, 'ed')).rejects.toMatchObject({ code: 'CONFLICT' });
      const r = await reject(store, ev!.id, 'ed', 'duplicate of a better report');
      expect(r.status).toBe('rejected');
      expect((await listEvents(store, { status: ['draft', 'published'] })).map((e) => e.id)).not.toContain(ev!.id);
      expect((await getEvent(store, ev!.id)).sources).toHaveLength(1); // still there
      expect((await restore(store, ev!.id, 'ed')).status).toBe('draft');
      expect((await setDisputed(store, ev!.id, true, 'ed2')).disputed).toBe(true);
      const h = await history(store, ev!.id);
      expect(h.map((x) => x.action)).toEqual(['resolve.create', 'publish', 'reject', 'restore', 'dispute']);
      expect(h[2]!.actor).toBe('ed');
      expect((h[2]!.after as { note: { reason: string } }).note.reason).toBe('duplicate of a better report');
      expect((h[2]!.before as { status: string }).status).toBe('published');
    });

    it('refuses a stale edit with CONFLICT and validates fields', async () => {
      await addDoc(store, { ref: 'ver-1', text: 'version post' }, [rec({ type: 'symbolic', place: { region: 'RU-PER', settlement: 'Perm' } })]);
      const [ev] = await listEvents(store, { status: ['draft'], region: ['RU-PER'] });
      const v = (await getEvent(store, ev!.id)) as { id: number };
      const row = await store.db.selectFrom('events').select('version').where('id', '=', v.id).executeTakeFirstOrThrow();
      await editEvent(store, ev!.id, { summary: 'first' }, 'ed-a', row.version);
      const err = await editEvent(store, ev!.id, { summary: 'second' }, 'ed-b', row.version).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LetopisError);
      expect((err as LetopisError).code).toBe('CONFLICT');
      await expect(editEvent(store, ev!.id, { type: 'picnic' }, 'ed')).rejects.toMatchObject({ code: 'USAGE' });
      await expect(editEvent(store, ev!.id, { place: { region: 'Moscow' } }, 'ed')).rejects.toMatchObject({ code: 'USAGE' });
      expect((await getEvent(store, ev!.id)).summary).toBe('first');
    });

    it('merges two events and splits them back to what they were', async () => {
      const { a, ea, eb } = await twoReports('mergetag', 'RU-NIZ', 'Nizhny Novgorod');
      expect(ea.id).not.toBe(eb.id);
      const merged = await mergeEvents(store, ea.id, eb.id, 'ed');
      expect(merged.sources).toHaveLength(2);
      expect(merged.source_count).toBe(2);
      expect(merged.independent_sources).toBe(2);
      const gone = await store.db.selectFrom('events').select(['merged_into']).where('id', '=', eb.id).executeTakeFirstOrThrow();
      expect(gone.merged_into).toBe(ea.id);
      expect((await listEvents(store, { status: ['draft'], q: 'mergetag' })).map((e) => e.id)).toEqual([ea.id]);
      // A re-run keeps the editor's merge.
      await resolveAll(store);
      expect((await getEvent(store, ea.id)).sources).toHaveLength(2);

      const bRecord = merged.sources.find((s) => s.document_id !== a.doc.id)!;
      const recordId = (await store.db.selectFrom('records').select('id').where('document_id', '=', bRecord.document_id).executeTakeFirstOrThrow()).id;
      const { from, created } = await splitRecord(store, ea.id, recordId, 'ed');
      const strip = (e: typeof from) => ({ type: e.type, date: e.date, place: e.place, summary: e.summary, counts: e.counts, sources: e.sources.map((s) => s.document_id) });
      expect(strip(from)).toEqual(strip(ea));
      expect(strip(created)).toEqual(strip(eb));
      // A re-run keeps the editor's split too.
      await resolveAll(store);
      expect((await getEvent(store, created.id)).sources).toHaveLength(1);
      expect((await getEvent(store, ea.id)).sources).toHaveLength(1);
      await expect(splitRecord(store, ea.id, recordId, 'ed')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('reproduces an event at any past moment from the audit log', async () => {
      const { ea, eb } = await twoReports('pasttag', 'RU-SAM', 'Tolyatti');
      const moments: { at: Date; view: Awaited<ReturnType<typeof getEvent>> }[] = [];
      const mark = async () => {
        await pause(15);
        moments.push({ at: new Date(), view: await getEvent(store, ea.id) });
        await pause(15);
      };
      await mark();
      await editEvent(store, ea.id, { summary: 'Entrance of the city administration set on fire', counts: { facilities: 1 } }, 'ed');
      await mark();
      await mergeEvents(store, ea.id, eb.id, 'ed');
      await mark();
      await publish(store, ea.id, 'ed');
      await mark();
      await setDisputed(store, ea.id, true, 'ed');
      await mark();
      for (const m of moments) {
        const past = await stateAt(store, ea.id, m.at);
        expect(past).not.toBeNull();
        const { sources, ...rest } = m.view;
        const { sources: pastSources, ...pastRest } = past!;
        expect(pastRest).toEqual(rest);
        expect(pastSources.map((s) => s.document_id)).toEqual(sources.map((s) => s.document_id));
      }
      expect(await stateAt(store, ea.id, new Date('2000-01-01'))).toBeNull();
    });

    it('keeps a split and a merge through re-extraction of the documents', async () => {
      const { a, b, ea, eb } = await twoReports('reextag', 'RU-TVE', 'Tver');
      await mergeEvents(store, ea.id, eb.id, 'ed');
      await reextract(store, b.doc.id, [rec({ type: 'arson', date: { start: '2022-10', precision: 'month' }, place: { region: 'RU-TVE', settlement: 'Tver' }, summary: 'reextag b again' })], 'test-2');
      const e = await getEvent(store, ea.id);
      expect(e.sources.map((s) => s.document_id).sort()).toEqual([a.doc.id, b.doc.id].sort());
      expect(await listEvents(store, { status: ['draft'], q: 'reextag' })).toHaveLength(1);
    });
  });
}

describe.runIf(await engines().then((e) => e.some((x) => x.name === 'postgres')))('concurrent editors on the PostgreSQL server', () => {
  it('records both edits (the later wins visibly) or refuses the stale one', async () => {
    const s1 = await postgresEngine.open();
    const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(s1.db)).rows[0]!.s;
    const s2 = await openStore({ url: PG_URL, schema });
    try {
      await addDoc(s1, { ref: 'conc', text: 'concurrent post' }, [rec({ type: 'protest', place: { region: 'RU-OMS', settlement: 'Omsk' } })]);
      const [ev] = await listEvents(s1, { status: ['draft'] });
      const id = ev!.id;
      // Without versions: both run, serialised by the row lock; both are in the history, the later wins.
      await Promise.all([editEvent(s1, id, { summary: 'from editor one' }, 'one'), editEvent(s2, id, { summary: 'from editor two' }, 'two')]);
      const h = (await history(s1, id)).filter((x) => x.action === 'edit');
      expect(h.map((x) => x.actor).sort()).toEqual(['one', 'two']);
      const last = h[h.length - 1]!;
      expect((await getEvent(s2, id)).summary).toBe((last.after as { summary: string }).summary);
      expect((last.before as { summary: string }).summary).toBe((h[0]!.after as { summary: string }).summary);
      // With the version both saw: exactly one wins, the other gets CONFLICT.
      const { version } = await s1.db.selectFrom('events').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      const results = await Promise.allSettled([
        editEvent(s1, id, { summary: 'stale one' }, 'one', version),
        editEvent(s2, id, { summary: 'stale two' }, 'two', version),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((failed.reason as LetopisError).code).toBe('CONFLICT');
      expect((await history(s1, id)).filter((x) => x.action === 'edit')).toHaveLength(3);
    } finally {
      await s2.close();
      await postgresEngine.dispose(s1);
    }
  });
});
