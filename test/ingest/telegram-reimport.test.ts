import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../../src/ingest/pipeline.js';
import { readTelegramExport } from '../../src/ingest/telegram.js';
import { findDocumentBySource, openStore, storeCounts, type Store } from '../../src/store/index.js';

const ONE = join(import.meta.dirname, 'fixtures', 'telegram', 'one-channel.json');
const tmp = mkdtempSync(join(tmpdir(), 'letopis-tg-reimport-'));

interface Export { messages: Record<string, unknown>[] }

let store: Store;
beforeAll(async () => {
  store = await openStore({ memory: true, url: null });
});
afterAll(async () => {
  await store.close();
});

describe.each([[1, 0], [4, 0], [100, 0], [3, 2]])('re-importing a later export of the same channel (batch size %i, %i workers)', (batchSize, workers) => {
  it('adds only the new and the edited messages, and keeps the edit', async () => {
    await store.exec('TRUNCATE documents CASCADE');
    const first = await ingestDocuments(store, readTelegramExport(ONE, { channelUsername: 'testchan' }), { batchSize, workers });
    expect(first).toMatchObject({ new: 7, updated: 0, unchanged: 0, failed: 0 });

    // The later export: message 3 edited, message 11 new, messages 2-10 otherwise the same.
    const later = JSON.parse(readFileSync(ONE, 'utf8')) as Export;
    const m3 = later.messages.find((m) => m.id === 3)!;
    m3.text = 'Простой пост строкой: в Калуге полиция задержала трёх студентов у здания университета.';
    m3.text_entities = [{ type: 'plain', text: m3.text }];
    m3.edited = '2023-01-12T09:00:00';
    m3.edited_unixtime = '1673503200';
    later.messages.push({
      id: 11, type: 'message', date: '2023-01-16T10:00:00', date_unixtime: '1673852400', from: 'Тестовый канал', from_id: 'channel1111111111',
      text: 'Новый пост: в Брянске сорвали агитационный баннер.', text_entities: [{ type: 'plain', text: 'Новый пост: в Брянске сорвали агитационный баннер.' }],
    });
    const path = join(tmp, 'later.json');
    writeFileSync(path, JSON.stringify(later, null, 1));

    const second = await ingestDocuments(store, readTelegramExport(path, { channelUsername: 'testchan' }), { batchSize, workers });
    expect(second).toMatchObject({ new: 1, updated: 1, unchanged: 6, failed: 0 });
    const edited = await findDocumentBySource(store.db, 'telegram', 'tg:1111111111/3');
    expect(edited?.text).toContain('трёх студентов');
    expect(String(edited?.edited_at)).not.toBe('null');
    const fwd = await findDocumentBySource(store.db, 'telegram', 'tg:1111111111/9');
    expect(fwd?.forwarded_from).toBe('Інший канал');
    expect(fwd?.url).toBe('https://t.me/testchan/9');
  });

  it('stores a text seen twice in one batch once', async () => {
    await store.exec('TRUNCATE documents CASCADE');
    const docs = [];
    for await (const d of readTelegramExport(ONE)) docs.push(d);
    const twice = [...docs, ...docs.map((d) => ('error' in d ? d : { ...d, sourceRef: `${d.sourceRef}-copy` }))];
    const s = await ingestDocuments(store, twice, { batchSize, workers });
    expect(s).toMatchObject({ new: 7, unchanged: 7, failed: 0 });
  });
});

describe('a bulk import with deferred resolution', () => {
  it('stores documents and records, and leaves events to `letopis resolve`', async () => {
    await store.exec('TRUNCATE documents CASCADE');
    const before = await storeCounts(store.db);
    const s = await ingestDocuments(store, readTelegramExport(ONE), { batchSize: 50, deferResolve: true });
    expect(s).toMatchObject({ new: 7, failed: 0 });
    const after = await storeCounts(store.db);
    expect(after.documents).toBe(7);
    expect(after.records).toBe(s.records);
    expect(after.events).toBe(before.events);
  });
});
