/**
 * Backup files: the store's dump (src/store/backup.ts) written to or read from a file, gzip-compressed
 * when the name ends in .gz. A backup is written beside its final name and renamed when complete,
 * so an interrupted backup never leaves a file that looks whole.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { LetopisError } from '../errors.js';
import { dumpDatabase, restoreDatabase, type DumpOptions, type RestoreOptions, type RestoreResult } from '../store/backup.js';
import type { Store } from '../store/index.js';

/** Dump the whole database to `file`; returns rows per table. */
export async function backupToFile(store: Store, file: string, opts: DumpOptions = {}): Promise<Record<string, number>> {
  const tmp = `${file}.part-${process.pid}`;
  // Owner-only: a backup holds every source text and every name, and with --with-secrets the hashes.
  const fileStream = createWriteStream(tmp, { mode: 0o600 });
  const gzip = file.endsWith('.gz') ? createGzip() : null;
  if (gzip) gzip.pipe(fileStream);
  const out: NodeJS.WritableStream = gzip ?? fileStream;
  try {
    const counts = await dumpDatabase(
      store,
      async (line) => {
        if (!out.write(`${line}\n`)) await once(out, 'drain');
      },
      opts,
    );
    out.end();
    await finished(fileStream);
    renameSync(tmp, file);
    return counts;
  } catch (err) {
    out.end();
    await finished(fileStream).catch(() => undefined);
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Lines of a backup file, decompressed when it is gzip (by magic number, whatever its name). */
async function* fileLines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new LetopisError('NOT_FOUND', `no such file: ${file}`);
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 1 })
      .on('data', (c: Buffer | string) => chunks.push(Buffer.from(c)))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  const raw = createReadStream(file);
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
    raw.destroy();
  }
}

/** Restore a backup file into the store (empty unless opts.merge). */
export async function restoreFromFile(store: Store, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  try {
    return await restoreDatabase(store, fileLines(file), opts);
  } catch (err) {
    if ((err as { code?: string }).code === 'Z_DATA_ERROR' || (err as { code?: string }).code === 'Z_BUF_ERROR') {
      throw new LetopisError('INPUT', `${file}: the compressed backup is damaged or cut short; nothing was restored`);
    }
    throw err;
  }
}
