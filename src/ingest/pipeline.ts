/**
 * The ingest pipeline: documents from any reader go through extraction and into the store, each
 * document atomically (its row, its records and their events commit together or not at all), so a
 * crash or kill at any moment leaves a consistent database and a re-run stores only what is missing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { extract, EXTRACTOR_VERSION } from '../extract/index.js';
import type { Lang } from '../extract/record.js';
import { resolveDocumentRecords } from '../resolve/index.js';
import {
  addDocumentCopy, appendAudit, findDocumentBySha, findDocumentBySource, findKnownDocuments, insertDocument, insertDocumentIds, insertDocuments,
  insertRecords, insertRecordsOfDocuments, replaceDocumentText, supersedeRecords, type DB, type NewDocument, type Store,
} from '../store/index.js';
import { normaliseText } from './decode.js';
import { ExtractPool, runJob } from './extract-pool.js';
import { isInputError, type DocumentInput, type InputError, type ReadItem } from './document.js';

export interface IngestSummary {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  records: number;
  errors: InputError[];
}

export interface IngestProgress extends Omit<IngestSummary, 'errors'> {
  /** Documents (and errors) seen so far. */
  seen: number;
}

export interface IngestOptions {
  /** Documents per transaction: 1 is safest; bulk imports use more and fall back to one at a time on error. */
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
  onError?: (e: InputError) => void;
  actor?: string;
  /** Extract in this many worker threads (bulk imports with batchSize > 1); 0 extracts in this thread. */
  workers?: number;
  /**
   * Bulk imports: new documents of a batch are stored without cross-source resolution, which
   * `letopis resolve` then does for all of them at once (far faster than one document at a time).
   */
  deferResolve?: boolean;
}

interface Prepared {
  input: DocumentInput;
  text: string;
  sha256: string;
  lang: Lang;
  published: string | null;
  records: ReturnType<typeof extract>['records'];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The publication day as the source gives it (a local date stays that date; no time-zone shift). */
export function publishedDay(publishedAt: string | null): string | null {
  if (!publishedAt) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt);
  if (m) return m[1]!;
  const t = Date.parse(publishedAt);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

function prepare(input: DocumentInput): Prepared {
  const text = normaliseText(input.text);
  const published = publishedDay(input.publishedAt);
  const { lang, records } = extract(text, { published, lang: input.lang ?? null });
  return { input, text, sha256: sha256Hex(text), lang, published, records };
}

type Outcome = 'new' | 'updated' | 'unchanged';

async function store1(db: Kysely<DB>, p: Prepared, actor: string): Promise<{ outcome: Outcome; records: number }> {
  const { input } = p;
  const same = await findDocumentBySha(db, p.sha256);
  if (same) {
    if (same.source_kind !== input.sourceKind || same.source_ref !== input.sourceRef) {
      await addDocumentCopy(db, same.id, { source_kind: input.sourceKind, source_ref: input.sourceRef, source_name: input.sourceName, url: input.url });
    }
    return { outcome: 'unchanged', records: 0 };
  }
  const previous = await findDocumentBySource(db, input.sourceKind, input.sourceRef);
  if (previous) {
    // The same source document with new text (an edited message, a corrected file): latest text wins.
    const doc = await replaceDocumentText(db, previous.id, {
      text: p.text, sha256: p.sha256, title: input.title, lang: p.lang, edited_at: input.editedAt ?? new Date().toISOString(),
    });
    await appendAudit(db, {
      actor, action: 'document.edit', entity: 'document', entityId: doc.id,
      before: { text: previous.text, sha256: previous.sha256, edited_at: previous.edited_at },
      after: { text: doc.text, sha256: doc.sha256, edited_at: doc.edited_at },
    });
    await supersedeRecords(db, doc.id);
    const rows = await insertRecords(db, doc.id, p.records, EXTRACTOR_VERSION);
    await resolveDocumentRecords(db, doc, rows);
    return { outcome: 'updated', records: rows.length };
  }
  const doc = await insertDocument(db, newDocumentRow(p));
  const rows = await insertRecords(db, doc.id, p.records, EXTRACTOR_VERSION);
  await resolveDocumentRecords(db, doc, rows);
  return { outcome: 'new', records: rows.length };
}

function newDocumentRow(p: Prepared): NewDocument {
  const { input } = p;
  return {
    source_kind: input.sourceKind,
    source_name: input.sourceName,
    source_ref: input.sourceRef,
    url: input.url,
    title: input.title,
    lang: p.lang,
    published_at: input.publishedAt,
    text: p.text,
    sha256: p.sha256,
    forwarded_from: input.forwardedFrom ?? null,
    edited_at: input.editedAt ?? null,
    meta: JSON.stringify(input.meta ?? {}),
  };
}

/**
 * A batch in one transaction. Documents that are new by hash and by source ref (the bulk of a
 * first import) are found with one query and inserted with one statement; the others (copies,
 * edits, repeats inside the batch) go through store1 one by one, after them.
 */
async function storeBatch(db: Kysely<DB>, batch: Prepared[], actor: string, deferResolve = false): Promise<{ outcome: Outcome; records: number }[]> {
  if (batch.length === 1) return [await store1(db, batch[0]!, actor)];
  const refKey = (p: Prepared): string => `${p.input.sourceKind}\u0000${p.input.sourceRef}`;
  const known = await findKnownDocuments(db, batch.map((p) => p.sha256), batch.map((p) => ({ kind: p.input.sourceKind, ref: p.input.sourceRef })));
  const fresh = batch.map((p) => {
    const ok = !known.shas.has(p.sha256) && !known.refs.has(refKey(p));
    known.shas.add(p.sha256);
    known.refs.add(refKey(p));
    return ok;
  });
  const out: { outcome: Outcome; records: number }[] = [];
  const freshOnes = batch.filter((_, i) => fresh[i]);
  if (deferResolve) {
    // Two statements for the whole batch; resolution comes later, for everything at once.
    const ids = await insertDocumentIds(db, freshOnes.map(newDocumentRow));
    await insertRecordsOfDocuments(db, freshOnes.map((p, k) => ({ documentId: ids[k]!, records: p.records })), EXTRACTOR_VERSION);
  } else {
    const docs = await insertDocuments(db, freshOnes.map(newDocumentRow));
    for (let k = 0; k < docs.length; k++) {
      const rows = await insertRecords(db, docs[k]!.id, freshOnes[k]!.records, EXTRACTOR_VERSION);
      await resolveDocumentRecords(db, docs[k]!, rows);
    }
  }
  for (let i = 0; i < batch.length; i++) if (fresh[i]) out[i] = { outcome: 'new', records: batch[i]!.records.length };
  for (let i = 0; i < batch.length; i++) if (!fresh[i]) out[i] = await store1(db, batch[i]!, actor);
  return out;
}

/** Ingest everything a reader yields. Never throws for a bad document: it is counted and reported. */
export async function ingestDocuments(store: Store, items: AsyncIterable<ReadItem> | Iterable<ReadItem>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { new: 0, updated: 0, unchanged: 0, failed: 0, records: 0, errors: [] };
  const batchSize = Math.max(1, opts.batchSize ?? 1);
  const actor = opts.actor ?? 'ingest';
  let seen = 0;
  let batch: Prepared[] = [];

  const fail = (e: InputError): void => {
    summary.failed++;
    summary.errors.push(e);
    opts.onError?.(e);
  };
  /** Count an item as seen; a reader's error is recorded and needs nothing more (true). */
  const counted = (item: ReadItem): item is InputError => {
    seen++;
    if (!isInputError(item)) return false;
    fail(item);
    opts.onProgress?.({ ...summary, seen });
    return true;
  };
  const count = (o: { outcome: Outcome; records: number }): void => {
    summary[o.outcome]++;
    summary.records += o.records;
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    try {
      const outcomes = await store.db.transaction().execute((trx) => storeBatch(trx, current, actor, opts.deferResolve === true));
      outcomes.forEach(count);
    } catch (err) {
      if (current.length === 1) {
        fail({ error: true, file: current[0]!.input.sourceRef, message: `not stored: ${(err as Error).message}` });
      } else {
        // Find the bad document: retry one per transaction.
        for (const p of current) {
          batch = [p];
          await flush();
        }
      }
    }
    opts.onProgress?.({ ...summary, seen });
  };

  const pool = (opts.workers ?? 0) > 0 && batchSize > 1 ? new ExtractPool(opts.workers!) : null;
  if (pool) {
    try {
      await ingestWithPool(pool);
    } finally {
      await pool.close();
    }
    return summary;
  }

  /** Bulk: the workers extract one chunk while the previous one is written. */
  async function ingestWithPool(pool: ExtractPool): Promise<void> {
    let storing: Promise<void> = Promise.resolve();
    const extractChunk = async (inputs: DocumentInput[]): Promise<void> => {
      const texts = inputs.map((i) => normaliseText(i.text));
      const days = inputs.map((i) => publishedDay(i.publishedAt));
      const jobs = inputs.map((i, k) => ({ text: texts[k]!, published: days[k]!, lang: i.lang ?? null }));
      const running = pool.run(jobs).catch(() => jobs.map(runJob));
      await storing;
      const results = await running;
      const prepared: Prepared[] = [];
      inputs.forEach((input, k) => {
        const r = results[k]!;
        const text = texts[k]!;
        if ('error' in r) fail({ error: true, file: input.sourceRef, message: `extraction failed: ${r.error}` });
        else if (!text) fail({ error: true, file: input.sourceRef, message: 'empty document (no text)' });
        else prepared.push({ input, text, sha256: sha256Hex(text), lang: r.lang, published: days[k]!, records: r.records });
      });
      batch = prepared;
      storing = flush();
    };
    let chunk: DocumentInput[] = [];
    for await (const item of items) {
      if (counted(item)) continue;
      chunk.push(item);
      if (chunk.length >= batchSize) {
        await extractChunk(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await extractChunk(chunk);
    await storing;
  }

  for await (const item of items) {
    if (counted(item)) continue;
    let p: Prepared;
    try {
      p = prepare(item);
    } catch (err) {
      fail({ error: true, file: item.sourceRef, message: `extraction failed: ${(err as Error).message}` });
      continue;
    }
    if (!p.text) {
      fail({ error: true, file: item.sourceRef, message: 'empty document (no text)' });
      continue;
    }
    batch.push(p);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
