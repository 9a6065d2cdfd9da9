#!/usr/bin/env node
/**
 * `node bench/api-web.mjs [--events 100000]`: how fast the web app's first view is ready with many
 * events in the embedded database (PGlite, kept in .bench/ for the next run). Chromium opens the
 * built app (dist/web) and we time from navigation until the timeline, the map and the table are drawn.
 * Goal (issue 6): under 1 s with 100,000 events.
 */
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery } from 'kysely';
import { chromium } from 'playwright-core';
import { generateEvents } from './api-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const i = args.indexOf('--events');
const N = i >= 0 ? Number(args[i + 1]) : 100_000;
if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
  console.error('bench: dist/web is missing; run `npm run build` first');
  process.exit(1);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('bench: /usr/bin/chromium is missing (apt-get install -y chromium)');
  process.exit(1);
}
const { openStore } = await import('../dist/store/index.js');
const { createApp } = await import('../dist/server/app.js');
const { loadStatic } = await import('../dist/server/static.js');

const dir = join(root, '.bench', `web-${N}`);
mkdirSync(dir, { recursive: true });
const store = await openStore({ dataDir: dir, command: 'bench:api-web' });
const exec = (q, p = []) => store.db.executeQuery(CompiledQuery.raw(q, p));
const have = Number((await exec('SELECT count(*)::int AS n FROM events')).rows[0].n);
if (have !== N) {
  const t0 = Date.now();
  console.log(`generating ${N.toLocaleString('en')} events in ${dir}...`);
  await exec('TRUNCATE event_records, events RESTART IDENTITY CASCADE');
  // The full-text index (on the stored tsvector, migration 005) is built once after the load.
  await exec('DROP INDEX IF EXISTS events_search');
  await generateEvents(exec, N, (d) => process.stdout.write(`\r  ${d.toLocaleString('en')} rows`));
  await exec('CREATE INDEX events_search ON events USING gin (search_tsv)');
  await exec('ANALYZE events');
  await exec('ANALYZE event_counts');
  await exec('ANALYZE event_totals');
  console.log(`\n  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const app = createApp({ store, local: false, web: loadStatic(join(root, 'dist', 'web')), apiPerMinute: 0 });
// As `letopis serve` does: compute the first view's answers before the first visitor.
const tw = performance.now();
await app.warm();
console.log(`server warm-up (first view's answers): ${(performance.now() - tw).toFixed(0)} ms`);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const views = ['/', '/?region=RU-MOW', `/?q=${encodeURIComponent('саботаж')}`, '/?type=arson&from=2023-01-01&to=2023-06-30'];
console.log(`${N.toLocaleString('en')} events (PGlite), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; time until timeline, map and table are drawn:`);
for (const v of views) {
  const times = [];
  for (let run = 0; run < 4; run++) {
    // A fresh context each time: no HTTP cache, as a first visit.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t = performance.now();
    await page.goto(base + v);
    await page.waitForSelector('svg.cartogram');
    await page.waitForSelector('table.events, .empty');
    times.push(performance.now() - t);
    await ctx.close();
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  console.log(`  ${v.padEnd(46)} first ${times[0].toFixed(0)} ms, then median ${rest[1].toFixed(0)} ms`);
}
await browser.close();
server.close();
await store.close();
