/** Resolution: turning extracted records into canonical events. */
import type { Kysely } from 'kysely';
import type { DB, DocumentRow, RecordRow } from '../store/index.js';
import { insertEvent, linkRecords } from '../store/index.js';

/** Text the event is found by in full-text search: its summary, evidence and place. */
export function searchTextOf(r: RecordRow, doc: Pick<DocumentRow, 'title'>): string {
  return [r.summary, r.evidence_text, r.settlement, r.region, ...r.actors, ...r.attribution, doc.title].filter(Boolean).join(' \n');
}

/**
 * Resolve a document's fresh records into events. Called inside the document's transaction, so a
 * crash never leaves records without events. (Baseline: one event per record; cross-source
 * matching replaces this.)
 */
export async function resolveDocumentRecords(db: Kysely<DB>, doc: DocumentRow, records: RecordRow[]): Promise<void> {
  for (const r of records) {
    const ev = await insertEvent(db, r, { search_text: searchTextOf(r, doc) });
    await linkRecords(db, ev.id, [r.id]);
  }
}
