/** Test fixtures: events with their documents and records, written straight into a store. Texts are our own. */
import { createHash } from 'node:crypto';
import type { EventRecord } from '../../src/extract/record.js';
import { insertDocument, insertEvent, insertRecords, linkRecords, recordFields, type Store } from '../../src/store/index.js';

export interface SeedEvent {
  text: string;
  /** The part of text that is the evidence; must occur in text. */
  evidence: string;
  type: EventRecord['type'];
  date: string | null;
  region?: string | null;
  settlement?: string | null;
  status?: 'draft' | 'published' | 'rejected';
  counts?: EventRecord['counts'];
  summary?: string;
  kind?: 'incident' | 'tally';
  measure?: EventRecord['measure'];
  value?: number;
  attribution?: string[];
  url?: string;
}

let n = 0;

export async function seed(store: Store, events: SeedEvent[]): Promise<number[]> {
  const ids: number[] = [];
  for (const e of events) {
    n++;
    const start = e.text.indexOf(e.evidence);
    if (start < 0) throw new Error(`evidence not in text: ${e.evidence}`);
    const doc = await insertDocument(store.db, {
      source_kind: 'file', source_name: 'fixture', source_ref: `fixture-${n}-${Math.random()}`, url: e.url ?? `https://example.org/news/${n}`,
      title: null, lang: 'en', published_at: e.date ? `${e.date.slice(0, 10)}T12:00:00Z` : null, text: e.text,
      sha256: createHash('sha256').update(e.text + n + Math.random()).digest('hex'),
    });
    const rec: EventRecord = {
      kind: e.kind ?? 'incident', type: e.type,
      date: { start: e.date, precision: e.date ? 'day' : 'unknown' },
      place: { country: e.region ? e.region.slice(0, 2) : null, region: e.region ?? null, settlement: e.settlement ?? null, lat: null, lon: null },
      actors: [], target: null, counts: e.counts ?? {}, certainty: 'reported', attribution: e.attribution ?? [],
      evidence: { start, end: start + e.evidence.length, text: e.evidence }, summary: e.summary ?? e.evidence,
      ...(e.measure ? { measure: e.measure } : {}), ...(e.value !== undefined ? { value: e.value } : {}),
    };
    const [row] = await insertRecords(store.db, doc.id, [rec], 'fixture-1');
    const ev = await insertEvent(store.db, recordFields(rec), { status: e.status ?? 'published', search_text: `${rec.summary} ${e.text} ${e.settlement ?? ''}` });
    await linkRecords(store.db, ev.id, [row!.id]);
    ids.push(ev.id);
  }
  return ids;
}
