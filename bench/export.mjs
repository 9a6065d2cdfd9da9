#!/usr/bin/env node
// Export and report speed on a large generated chronicle (uses the built code in dist/: run `npm run build` first).
//   node bench/export.mjs [--events 1000000] [--days 3650] [--formats csv,jsonl,geojson] [--page-size N] [--no-report]
//                         [--url postgres://... [--schema NAME]] [--data DIR] [--keep]   (npm run bench:export)
// With --keep the generated data stays (in --schema on a server, in --data with PGlite) and is reused by the next run.
// Prints: generation time; per export format rows/s, CPU and peak RSS (memory must stay flat: pages,
// not all rows); and the seconds to build and render the overview of one year (~100k events).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const N = Number(arg('events', '1000000'));
const url = arg('url', null);
// Events spread over this many days from 2015-01-01: ten years by default, so a million events give ~100k a year.
const DAYS = Number(arg('days', '3650'));
const year = String(2015 + Math.min(7, Math.floor((DAYS - 1) / 365)));

const { openStore } = await import('../dist/store/index.js');
const { exportEvents } = await import('../dist/report/export.js');
const { buildReport } = await import('../dist/report/report.js');
const { renderMarkdown, renderHtml } = await import('../dist/report/render.js');

const keep = process.argv.includes('--keep');
const dataArg = arg('data', null);
const dir = url ? null : dataArg ?? mkdtempSync(join(tmpdir(), 'letopis-bench-export-'));
const pageSize = arg('page-size', null) ? Number(arg('page-size', null)) : undefined;
const formats = arg('formats', 'csv,jsonl,geojson').split(',').filter(Boolean);
const schema = url ? arg('schema', `letopis_bench_${process.pid}`) : undefined;
const store = await openStore(url ? { url, schema } : { dataDir: dir, command: 'bench' });
const mb = (b) => Math.round(b / 1048576);

try {
  let t = performance.now();
  const have = Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (have !== 0 && have !== N) throw new Error(`schema ${schema} holds ${have} events, not ${N}: drop it or pick another --schema`);
  if (have === 0) {
    await store.exec(`INSERT INTO documents (source_kind, source_name, source_ref, url, lang, published_at, text, sha256)
      SELECT 'url', 'Bench Source ' || (g % 50), 'https://bench.example/' || g, 'https://bench.example/' || g, 'en',
             timestamptz '2015-01-01' + (g % ${DAYS}) * interval '1 day', 'A short bench text ' || g, md5(g::text) || md5((g + 1)::text)
      FROM generate_series(1, 10000) g`);
    const types = `ARRAY['protest','symbolic','arson','sabotage','armed_attack','refusal','mutiny','desertion','draft_evasion','self_harm','civil_resistance','detention','prosecution','legislation','mobilisation']`;
    const regions = `ARRAY['RU-MOW','RU-SPE','RU-MO','RU-DA','RU-IRK','RU-KDA','RU-TA','RU-BA','BY-HM','UA-43']`;
    for (let lo = 1; lo <= N; lo += 100_000) {
      const hi = Math.min(N, lo + 99_999);
      await store.exec(`
        INSERT INTO events (kind, type, date_start, date_precision, country, region, settlement, lat, lon, counts, measure, value, qualifier,
                            certainty, attribution, summary, status, independent_sources, source_count, search_text)
        SELECT CASE WHEN g % 50 = 0 THEN 'tally' ELSE 'incident' END, (${types})[1 + g % 15],
               to_char(date '2015-01-01' + (g % ${DAYS}), 'YYYY-MM-DD'), 'day', 'RU', (${regions})[1 + g % 10], 'Town ' || (g % 500),
               CASE WHEN g % 4 = 0 THEN NULL ELSE 50 + (g % 1000) / 100.0 END, CASE WHEN g % 4 = 0 THEN NULL ELSE 30 + (g % 2000) / 50.0 END,
               '{"detained": 3, "participants": 40}', CASE WHEN g % 50 = 0 THEN 'detained' END, CASE WHEN g % 50 = 0 THEN g END,
               CASE WHEN g % 50 = 0 THEN 'at_least' END, 'reported', CASE WHEN g % 50 = 0 THEN '["OVD-Info"]'::jsonb ELSE '[]'::jsonb END,
               'Bench event ' || g || ': Ivan Petrov and others were detained near the enlistment office, says a "local" channel.',
               'published', 1 + g % 3, 1 + g % 3, ''
        FROM generate_series(${lo}, ${hi}) g;
        INSERT INTO records (document_id, ordinal, kind, type, date_start, date_precision, certainty, evidence_start, evidence_end, evidence_text, summary, extractor_version)
        SELECT 1 + g % 10000, g / 10000, 'incident', 'protest', '2020-01-01', 'day', 'reported', 0, 30, 'Evidence sentence number ' || g, '', 'bench'
        FROM generate_series(${lo}, ${hi}) g;
        INSERT INTO event_records (record_id, event_id) SELECT g, g FROM generate_series(${lo}, ${hi}) g;`);
    }
    await store.exec('ANALYZE');
    console.log(`generated ${N} events (${store.engine}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else console.log(`reusing ${N} events in ${schema ? `schema ${schema}` : dir}`);

  // Each export to a sink that counts bytes (the disk is not what we measure).
  for (const format of formats) {
    let bytes = 0;
    const sink = new Writable({ write(chunk, _enc, cb) { bytes += chunk.length; cb(); } });
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const res = await exportEvents(store, sink, { format, filter: { status: ['published'] }, pageSize });
    const secs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`export ${format}: ${res.events} rows in ${secs.toFixed(1)} s = ${Math.round(res.events / secs)} rows/s, ${mb(bytes)} MB; RSS ${mb(rssBefore)} MB before, peak ${mb(peak)} MB; this process used ${cpuSecs.toFixed(1)} CPU s (${Math.round(res.events / cpuSecs)} rows per CPU s)`);
  }
  const os = await import('node:os');
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (figures are wall-clock: a loaded machine lowers them)`);
  if (!process.argv.includes('--no-report')) await reportBench();
} finally {
  if (schema && !keep) await store.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
  await store.close();
  if (dir && !(keep && dataArg)) rmSync(dir, { recursive: true, force: true });
}

async function reportBench() {
  const t = performance.now();
  const rcpu0 = process.cpuUsage();
  const report = await buildReport(store, { from: `${year}-01-01`, to: `${year}-12-31` });
  const built = (performance.now() - t) / 1000;
  const md = renderMarkdown(report, 'en');
  const html = renderHtml(report, 'ru');
  const total = (performance.now() - t) / 1000;
  const rcpu = process.cpuUsage(rcpu0);
  const events = report.sections.reduce((n, s) => n + s.events.length, 0);
  console.log(`report ${year}: ${events} events, ${report.tallies.length} tallies, ${report.sources.length} sources; built in ${built.toFixed(2)} s, built + rendered md (${mb(md.length)} MB) and html (${mb(html.length)} MB) in ${total.toFixed(2)} s (this process: ${((rcpu.user + rcpu.system) / 1e6).toFixed(2)} CPU s)`);
}
