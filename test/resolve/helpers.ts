/** Test helpers: store documents with hand-written records and resolve them as ingest does. */
import type { EventRecord } from '../../src/extract/record.js';
import { resolveDocumentRecords } from '../../src/resolve/index.js';
import { insertDocument, insertRecords, supersedeRecords, type DocumentRow, type RecordRow, type Store } from '../../src/store/index.js';
import { getDocument } from '../../src/store/documents.js';

export interface DocSpec {
  ref: string;
  text: string;
  published?: string;
  sourceName?: string | null;
  url?: string | null;
  kind?: string;
  forwardedFrom?: string | null;
}

let sha = 0;

/** Insert a document and its records and resolve them in one transaction, like the ingest pipeline. */
export async function addDoc(store: Store, d: DocSpec, records: EventRecord[], version = 'test-1'): Promise<{ doc: DocumentRow; records: RecordRow[] }> {
  return store.db.transaction().execute(async (trx) => {
    const doc = await insertDocument(trx, {
      source_kind: d.kind ?? 'file', source_name: d.sourceName ?? d.ref, source_ref: d.ref, url: d.url ?? null, title: null,
      lang: null, published_at: d.published ?? '2022-09-26', text: d.text, sha256: `sha-${process.pid}-${++sha}-${d.ref}`,
      forwarded_from: d.forwardedFrom ?? null,
    });
    const rows = await insertRecords(trx, doc.id, records, version);
    await resolveDocumentRecords(trx, doc, rows);
    return { doc, records: rows };
  });
}

/** What the pipeline does when a document is extracted again: old records superseded, new ones resolved. */
export async function reextract(store: Store, docId: number, records: EventRecord[], version: string): Promise<RecordRow[]> {
  return store.db.transaction().execute(async (trx) => {
    const doc = (await getDocument(trx, docId))!;
    await supersedeRecords(trx, docId);
    const rows = await insertRecords(trx, docId, records, version);
    await resolveDocumentRecords(trx, doc, rows);
    return rows;
  });
}

/** A contract record with defaults; override what the test is about. */
export type RecSpec = Partial<Omit<EventRecord, 'place'>> & { place?: Partial<EventRecord['place']> };

export function rec(p: RecSpec): EventRecord {
  const { place, ...rest } = p;
  return {
    kind: 'incident', type: 'arson', date: { start: '2022-09-25', precision: 'day' }, actors: [], target: null, counts: {},
    certainty: 'reported', attribution: [], evidence: { start: 0, end: 5, text: 'words' }, summary: '',
    ...rest,
    place: { country: 'RU', region: null, settlement: null, lat: null, lon: null, ...(place ?? {}) },
  };
}
