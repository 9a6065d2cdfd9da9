/** `letopis serve` and `letopis demo` (npm start): the API and the web app over the store. */
import { serve } from '@hono/node-server';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LetopisError } from '../../errors.js';
import { readPaths } from '../../ingest/files.js';
import { pkgPath } from '../../paths.js';
import { createApp } from '../../server/app.js';
import { hasAccounts, newToken } from '../../server/auth.js';
import { regionTable } from '../../server/regions.js';
import { TOKEN_FILE } from '../../server/remote.js';
import { loadStatic } from '../../server/static.js';
import { int, openFromOptions, str } from '../context.js';
import type { CommandContext } from '../spec.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function run(ctx: CommandContext): Promise<number> {
  const demo = process.argv[2] === 'demo';
  const host = str(ctx, 'host') ?? '127.0.0.1';
  const port = int(ctx, 'port') ?? 8080;
  const apiPerMinute = int(ctx, 'rate-limit') ?? 600;
  const store = await openFromOptions(ctx, demo ? 'demo' : 'serve');
  let tokenPath: string | null = null;
  try {
    if (demo) {
      const sample = pkgPath('sample');
      if (!existsSync(sample)) throw new LetopisError('NOT_FOUND', `the sample corpus is missing (${sample})`);
      const { ingestDocuments } = await import('../../ingest/pipeline.js');
      const s = await ingestDocuments(store, readPaths([sample]), { actor: 'demo' });
      ctx.stderr.write(`sample corpus: ${s.new} new, ${s.unchanged} unchanged, ${s.failed} failed documents; ${s.records} records\n`);
    }
    // Local mode: loopback and no accounts, so whoever can open the page is the person at this machine.
    // Anywhere else, drafts hold personal data: editors must log in, so an account must exist first.
    const accounts = await hasAccounts(store);
    const loopback = LOOPBACK.has(host);
    if (!loopback && !accounts) {
      throw new LetopisError('USAGE',
        `listening on ${host} needs at least one editor account, or anyone who reaches it could read drafts and publish. ` +
        `Create one with \`letopis user add NAME\` (with the same ${store.engine === 'pglite' ? `--data ${store.location}` : 'DATABASE_URL'}), then start again; ` +
        'or listen on 127.0.0.1 for local use.');
    }
    const local = loopback && !accounts;
    const ingestToken = process.env.LETOPIS_INGEST_TOKEN || newToken();
    const webDir = pkgPath('dist/web');
    const web = loadStatic(webDir);
    if (!web) ctx.stderr.write(`letopis: the web app is not built (${webDir}); serving a plain list. Run \`npm run build\`.\n`);
    const app = createApp({ store, local, ingestToken, web, apiPerMinute });
    const server = serve({ fetch: app.fetch, hostname: host, port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new LetopisError('USAGE', err.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use; choose another with --port` : err.message)));
    });
    regionTable(); // load the gazetteer now rather than on the first visitor's request
    void app.warm().catch(() => undefined);
    // --port 0 asks the system for a free port: name the one actually bound.
    const bound = (server.address() as AddressInfo | null)?.port ?? port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    store.lock?.update({ url });
    if (store.engine === 'pglite') {
      // `letopis ingest --server` reads this to authenticate; only this OS user can read it.
      tokenPath = join(store.location, TOKEN_FILE);
      writeFileSync(tokenPath, ingestToken, { mode: 0o600 });
    }
    ctx.stderr.write(`letopis serving ${store.engine === 'pglite' ? store.location : 'PostgreSQL'} on ${url}` +
      `${local ? ' (local mode: no accounts, you are an editor)' : ' (editors log in)'}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        server.close(() => resolve());
        // keep-alive connections would hold close() open
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } finally {
    if (tokenPath) rmSync(tokenPath, { force: true });
    await store.close();
  }
}
