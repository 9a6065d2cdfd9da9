/** `letopis serve` and `letopis demo` (npm start): the API and pages over the store. */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { LetopisError } from '../../errors.js';
import { readPaths } from '../../ingest/files.js';
import { ingestDocuments } from '../../ingest/pipeline.js';
import { pkgPath } from '../../paths.js';
import { createApp } from '../../server/app.js';
import { int, openFromOptions, str } from '../context.js';
import type { CommandContext } from '../spec.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function run(ctx: CommandContext): Promise<number> {
  const demo = process.argv[2] === 'demo';
  const host = str(ctx, 'host') ?? '127.0.0.1';
  const port = int(ctx, 'port') ?? 8080;
  const store = await openFromOptions(ctx, demo ? 'demo' : 'serve');
  try {
    if (demo) {
      const sample = pkgPath('sample');
      if (!existsSync(sample)) throw new LetopisError('NOT_FOUND', `the sample corpus is missing (${sample})`);
      const s = await ingestDocuments(store, readPaths([sample]), { actor: 'demo' });
      ctx.stderr.write(`sample corpus: ${s.new} new, ${s.unchanged} unchanged, ${s.failed} failed documents; ${s.records} records\n`);
    }
    const local = LOOPBACK.has(host);
    if (!local) {
      throw new LetopisError('USAGE', `listening on ${host} needs editor accounts, and user accounts arrive with the web app; listen on 127.0.0.1 for local use`);
    }
    const app = createApp({ store, local });
    const server = serve({ fetch: app.fetch, hostname: host, port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new LetopisError('USAGE', err.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use; choose another with --port` : err.message)));
    });
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    store.lock?.update({ url });
    ctx.stderr.write(`letopis serving ${store.engine === 'pglite' ? store.location : 'PostgreSQL'} on ${url}${local ? ' (local mode: you are an editor)' : ''}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.close(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } finally {
    await store.close();
  }
}
