/** The storage contract, run on PGlite and (when it answers) on the PostgreSQL server. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../../src/ingest/pipeline.js';
import type { DocumentInput } from '../../src/ingest/document.js';
import {
  appendAudit, auditOf, findDocumentBySha, insertDocument, insertRecords, migrate, migrationStatus, storeCounts,
  type Store,
} from '../../src/store/index.js';
import { listEvents } from '../../src/query/events.js';
import type { EventRecord } from '../../src/extract/record.js';
import { engines } from '../helpers/engines.js';

const doc = (ref: string, text: string, extra: Partial<DocumentInput> = {}): DocumentInput => ({
  sourceKind: 'file', sourceName: 'test', sourceRef: ref, url: null, title: null, publishedAt: '2022-09-22', text, ...extra,
});

const record: EventRecord = {
  kind: 'incident', type: 'arson', date: { start: '2022-09-25', precision: 'day' },
  place: { country: 'RU', region: 'RU-MO', settlement: 'Ruzayevka', lat: 54.06, lon: 44.95 },
  actors: [], target: 'enlistment_office', counts: { facilities: 1 }, certainty: 'reported', attribution: ['Novaya Gazeta Europe'],
  evidence: { start: 0, end: 10, text: 'Some words' }, summary: 'Enlistment office set on fire',
};

for (const engine of await engines()) {
  describe(`store on ${engine.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await engine.open();
    });
    afterAll(async () => {
      await engine.dispose(store);
    });

    it('applies every migration once and reports none pending', async () => {
      const st = await migrationStatus(store);
      expect(st.pending).toEqual([]);
      expect(st.applied.map((m) => m.version)[0]).toBe(1);
      expect(await migrate(store)).toEqual([]); // idempotent
    });

    it('stores a document once per normalised text and counts as numbers', async () => {
      const d = await insertDocument(store.db, { source_kind: 'file', source_ref: 'a', text: 'text one', sha256: 'sha-a' });
      expect(typeof d.id).toBe('number');
      await expect(insertDocument(store.db, { source_kind: 'file', source_ref: 'b', text: 'text one', sha256: 'sha-a' })).rejects.toThrow();
      expect((await findDocumentBySha(store.db, 'sha-a'))?.id).toBe(d.id);
      const c = await storeCounts(store.db);
      expect(typeof c.documents).toBe('number');
      expect(c.documents).toBeGreaterThanOrEqual(1);
    });

    it('keeps every contract field of a record', async () => {
      const d = await insertDocument(store.db, { source_kind: 'file', source_ref: 'rec', text: 'Some words here', sha256: 'sha-rec' });
      const [row] = await insertRecords(store.db, d.id, [record], 'test-1');
      expect(row).toMatchObject({
        kind: 'incident', type: 'arson', date_start: '2022-09-25', region: 'RU-MO', settlement: 'Ruzayevka', lat: 54.06,
        counts: { facilities: 1 }, attribution: ['Novaya Gazeta Europe'], evidence_start: 0, evidence_end: 10, extractor_version: 'test-1',
      });
    });

    it('refuses to change or delete audit entries', async () => {
      await appendAudit(store.db, { actor: 'tester', action: 'test', entity: 'event', entityId: 999, before: null, after: { a: 1 } });
      await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
      const entries = await auditOf(store.db, 'event', 999);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.after).toEqual({ a: 1 });
    });

    it('finds documents by full text in Russian and English, whatever the word form', async () => {
      await insertDocument(store.db, { source_kind: 'file', source_ref: 'ru', text: 'Неизвестные подожгли военкоматы в двух городах', sha256: 'sha-ru' });
      await insertDocument(store.db, { source_kind: 'file', source_ref: 'en', text: 'Protesters were detained outside the enlistment offices', sha256: 'sha-en' });
      const hits = async (q: string): Promise<string[]> =>
        (await sql<{ source_ref: string }>`SELECT source_ref FROM documents WHERE letopis_fts(title, text) @@ websearch_to_tsquery('russian', ${q}) ORDER BY id`.execute(store.db)).rows.map((r) => r.source_ref);
      expect(await hits('военкомат')).toEqual(['ru']);
      expect(await hits('detain office')).toEqual(['en']);
      expect(await hits('поджог')).toEqual([]); // a different word, not a form of подожгли
    });

    it('ingests atomically, dedups by content and records edits of the same source', async () => {
      const before = await storeCounts(store.db);
      const s1 = await ingestDocuments(store, [doc('m1', 'First post text'), doc('m2', 'Second post text'), doc('m1-copy', 'First post text')]);
      expect(s1).toMatchObject({ new: 2, unchanged: 1, failed: 0 });
      const s2 = await ingestDocuments(store, [doc('m1', 'First post text, corrected', { editedAt: '2022-09-23T10:00:00Z' })]);
      expect(s2).toMatchObject({ new: 0, updated: 1 });
      const after = await storeCounts(store.db);
      expect(after.documents - before.documents).toBe(2);
      const edits = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.edit'`.execute(store.db);
      expect(edits.rows[0]!.n).toBe(1);
    });

    it('filters events by type, date range over partial dates, region and text', async () => {
      const d = await insertDocument(store.db, { source_kind: 'file', source_ref: 'ev', text: 'x', sha256: 'sha-ev' });
      const rows = await insertRecords(store.db, d.id, [
        record,
        { ...record, type: 'protest', date: { start: '2022-09', precision: 'month' }, place: { ...record.place, region: 'RU-DA', settlement: null }, summary: 'Women protest in Makhachkala' },
      ], 'test-1');
      for (const r of rows) {
        const ev = await store.db.insertInto('events').values({
          kind: r.kind, type: r.type, date_start: r.date_start, date_precision: r.date_precision, region: r.region, certainty: r.certainty,
          summary: r.summary, search_text: r.summary, actors: '[]', counts: '{}', attribution: '[]', country: 'RU', settlement: r.settlement,
          lat: null, lon: null, target: null, measure: null, value: null, qualifier: null, date_end: null, status: 'published',
        }).returning('id').executeTakeFirstOrThrow();
        await store.db.insertInto('event_records').values({ event_id: ev.id, record_id: r.id }).execute();
      }
      const ids = async (f: Parameters<typeof listEvents>[1]): Promise<string[]> => (await listEvents(store, f)).map((e) => e.type);
      expect(await ids({ from: '2022-09-20', to: '2022-09-30' })).toEqual(expect.arrayContaining(['arson', 'protest']));
      expect(await ids({ from: '2022-09-26', to: '2022-09-30' })).toEqual(['protest']); // "September" may be the 26th
      expect(await ids({ region: ['RU-MO'] })).toEqual(['arson']);
      expect(await ids({ q: 'protests Makhachkala' })).toEqual(['protest']);
      expect(await ids({ status: ['draft'], type: ['arson'] })).toEqual([]);
    });
  });
}
