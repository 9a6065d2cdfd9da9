/** Through the real ingest pipeline: an edited message keeps its event, an editor's fields and its history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../../src/ingest/pipeline.js';
import type { DocumentInput } from '../../src/ingest/document.js';
import { getEvent, listEvents } from '../../src/query/events.js';
import { editEvent, history } from '../../src/review/service.js';
import { openStore, type Store } from '../../src/store/index.js';

const post = (text: string, extra: Partial<DocumentInput> = {}): DocumentInput => ({
  sourceKind: 'telegram', sourceName: 'Test channel', sourceRef: 'tg:77/5', url: 'https://t.me/test_channel/5', title: null,
  publishedAt: '2022-09-25T10:00:00+03:00', text, ...extra,
});

describe('ingest, edit, re-extract', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store.close();
  });

  it('re-extracts an edited message into the same event without losing the editor\'s summary', async () => {
    const first = await ingestDocuments(store, [post('Two Molotov cocktails were thrown into the enlistment office in Ruzaevka, Mordovia, on 25 September.')]);
    expect(first.failed).toBe(0);
    expect(first.records).toBeGreaterThan(0);
    const [ev] = await listEvents(store, { status: ['draft'], type: ['arson'] });
    expect(ev).toBeDefined();
    await editEvent(store, ev!.id, { summary: 'Enlistment office in Ruzaevka firebombed' }, 'editor');
    const second = await ingestDocuments(store, [post('Two Molotov cocktails were thrown into the enlistment office in Ruzaevka, Mordovia, on 25 September. Nobody was hurt.', { editedAt: '2022-09-25T12:00:00+03:00' })]);
    expect(second).toMatchObject({ updated: 1, failed: 0 });
    const events = await listEvents(store, { status: ['draft'], type: ['arson'] });
    expect(events.map((e) => e.id)).toEqual([ev!.id]);
    const now = await getEvent(store, ev!.id);
    expect(now.summary).toBe('Enlistment office in Ruzaevka firebombed');
    expect(now.sources).toHaveLength(1);
    expect(now.sources[0]!.evidence.text).toContain('Ruzaevka');
    expect((await history(store, ev!.id)).map((h) => h.action)[0]).toBe('resolve.create');
  });
});
