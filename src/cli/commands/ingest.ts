/** `letopis ingest PATH...`: read, extract, store; a summary at the end, a progress line on a terminal. */
import { LetopisError } from '../../errors.js';
import type { InputError, ReadItem } from '../../ingest/document.js';
import { expandPaths, readPaths } from '../../ingest/files.js';
import type { SourceReadOptions } from '../../ingest/readers.js';
import type { TelegramProgress } from '../../ingest/telegram.js';
import { readUrlList } from '../../ingest/urls.js';
import { ingestDocuments, type IngestSummary } from '../../ingest/pipeline.js';
import { day, int, str, withStore } from '../context.js';
import { bar, progressLine } from '../progress.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  const urls = str(ctx, 'urls');
  if (ctx.args.length === 0 && urls === undefined) throw new LetopisError('USAGE', 'give at least one file or folder. Run `letopis ingest --help`.');
  const maxMb = Number(str(ctx, 'max-size') ?? '16');
  if (!(maxMb > 0)) throw new LetopisError('USAGE', '--max-size: give a size in MB, e.g. 16');
  await import('../../ingest/readers.js'); // registers the Telegram and feed readers
  // A Telegram export is one file of many messages: its reader reports bytes read for the bar.
  let tg: TelegramProgress | null = null;
  const readOpts: SourceReadOptions = {
    published: day(ctx, 'published') ?? null, maxBytes: maxMb * 1024 * 1024,
    channelUsername: str(ctx, 'channel-username') ?? null, onProgress: (p) => { tg = p; },
  };

  // Count files first (cheap) so the progress bar knows its end.
  let total = 0;
  for await (const f of expandPaths(ctx.args)) if (typeof f === 'string') total++;
  const items: AsyncIterable<ReadItem> = urls === undefined ? readPaths(ctx.args, readOpts)
    : (async function* both() { yield* readPaths(ctx.args, readOpts); yield* readUrlList(urls, { published: readOpts.published ?? null }); })();

  const server = str(ctx, 'server');
  const progress = progressLine(ctx.stderr, ctx.opts.quiet !== true && (total >= 5 || urls !== undefined || ctx.args.some((a) => /\.json$/i.test(a))));
  const started = Date.now();
  const onError = (e: InputError): void => {
    if (ctx.stderr.isTTY) ctx.stderr.write('\r\x1b[K');
    ctx.stderr.write(`letopis: ${e.file}${e.where ? ` (${e.where})` : ''}: ${e.message}\n`);
  };
  const onProgress = (p: { seen: number; new: number; unchanged: number; updated: number; failed: number }): void => {
    const rate = p.seen / Math.max(0.001, (Date.now() - started) / 1000);
    const t = tg as TelegramProgress | null;
    if (t !== null && t.bytesRead < t.totalBytes) {
      progress.update(`${bar(t.bytesRead, t.totalBytes)} ${p.seen} messages, ${rate.toFixed(0)} messages/s: new ${p.new}, unchanged ${p.unchanged}, updated ${p.updated}, failed ${p.failed}`);
      return;
    }
    progress.update(`${bar(p.seen, total)} ${p.seen}/${total} documents, ${rate.toFixed(0)}/s: new ${p.new}, unchanged ${p.unchanged}, failed ${p.failed}`);
  };

  let summary: IngestSummary;
  if (server) {
    const { ingestThroughServer } = await import('../../server/remote.js');
    summary = await ingestThroughServer(server, items, { onError, onProgress, dataDir: str(ctx, 'data') });
  } else {
    summary = await withStore(ctx, 'ingest', (store) =>
      ingestDocuments(store, items, { batchSize: int(ctx, 'batch-size') ?? 1, workers: int(ctx, 'workers') ?? 0, deferResolve: ctx.opts['defer-resolve'] === true, onError, onProgress }));
  }
  progress.done();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  ctx.stderr.write(
    `documents: ${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed; ` +
      `records extracted: ${summary.records} (${secs} s)\n`,
  );
  return summary.failed > 0 ? 65 : 0;
}
