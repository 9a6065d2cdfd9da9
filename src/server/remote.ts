/** Ingest through a running `letopis serve` (it holds the embedded database): documents go over its API. */
import { LetopisError } from '../errors.js';
import { isInputError, type DocumentInput, type InputError, type ReadItem } from '../ingest/document.js';
import type { IngestOptions, IngestSummary } from '../ingest/pipeline.js';

export async function ingestThroughServer(base: string, items: AsyncIterable<ReadItem>, opts: Pick<IngestOptions, 'onError' | 'onProgress'> = {}): Promise<IngestSummary> {
  const total: IngestSummary = { new: 0, updated: 0, unchanged: 0, failed: 0, records: 0, errors: [] };
  let batch: DocumentInput[] = [];
  let seen = 0;
  const send = async (): Promise<void> => {
    if (!batch.length) return;
    let res: Response;
    try {
      res = await fetch(new URL('/api/documents', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(base).origin },
        body: JSON.stringify({ documents: batch }),
      });
    } catch (err) {
      throw new LetopisError('DB', `cannot reach letopis serve at ${base}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new LetopisError('DB', `letopis serve at ${base} refused the documents: ${res.status} ${await res.text()}`);
    const s = (await res.json()) as IngestSummary;
    for (const k of ['new', 'updated', 'unchanged', 'failed', 'records'] as const) total[k] += s[k];
    for (const e of s.errors) opts.onError?.(e);
    total.errors.push(...s.errors);
    batch = [];
    opts.onProgress?.({ ...total, seen });
  };
  for await (const item of items) {
    seen++;
    if (isInputError(item)) {
      const e: InputError = item;
      total.failed++;
      total.errors.push(e);
      opts.onError?.(e);
      continue;
    }
    batch.push(item);
    if (batch.length >= 50) await send();
  }
  await send();
  return total;
}
