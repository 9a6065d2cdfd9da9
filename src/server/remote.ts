/** Ingest through a running `letopis serve` (it holds the embedded database): documents go over its API. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LetopisError } from '../errors.js';
import { isInputError, type DocumentInput, type InputError, type ReadItem } from '../ingest/document.js';
import type { IngestOptions, IngestSummary } from '../ingest/pipeline.js';

/** The file in the data folder where `letopis serve` leaves its ingest token (mode 0600). */
export const TOKEN_FILE = 'serve.token';

/** The token to send: LETOPIS_INGEST_TOKEN, else the one `letopis serve` wrote into the data folder. */
export function ingestToken(dataDir: string | undefined): string | null {
  if (process.env.LETOPIS_INGEST_TOKEN) return process.env.LETOPIS_INGEST_TOKEN;
  if (!dataDir) return null;
  try {
    return readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export async function ingestThroughServer(
  base: string, items: AsyncIterable<ReadItem>, opts: Pick<IngestOptions, 'onError' | 'onProgress'> & { dataDir?: string } = {},
): Promise<IngestSummary> {
  const token = ingestToken(opts.dataDir);
  const total: IngestSummary = { new: 0, updated: 0, unchanged: 0, failed: 0, records: 0, errors: [] };
  let batch: DocumentInput[] = [];
  let seen = 0;
  const send = async (): Promise<void> => {
    if (!batch.length) return;
    let res: Response;
    try {
      res = await fetch(new URL('/api/documents', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ documents: batch }),
      });
    } catch (err) {
      throw new LetopisError('DB', `cannot reach letopis serve at ${base}: ${(err as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new LetopisError('FORBIDDEN', `letopis serve at ${base} refused the documents (${res.status}): run ingest with the same --data folder as serve, or set LETOPIS_INGEST_TOKEN to the token in its ${TOKEN_FILE}`);
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
