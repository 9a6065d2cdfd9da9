#!/usr/bin/env node
/**
 * `npm run bench:api`: fill a PostgreSQL schema with generated events (1,000,000 by default; kept
 * for the next run), then measure latency (p50/p95/p99) and requests/s at N concurrent connections
 * for three requests through the HTTP API, and for the same SQL sent straight through `pg`.
 *
 *   node bench/api.mjs [--events 1000000] [--concurrency 50] [--seconds 10]
 *                      [--url postgres://postgres@127.0.0.1:5432/test] [--schema letopis_bench_api] [--regenerate]
 *
 * Goals (issue 6): p95 under 50 ms at 50 connections; API time under 1.5x the direct query.
 * The SQL for the direct runs is captured from the store's own functions (a logging Kysely), so
 * both sides run exactly the same statements.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { generateEvents } from './api-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const N = Number(arg('events', '1000000'));
const CONC = Number(arg('concurrency', '50'));
const SECONDS = Number(arg('seconds', '10'));
const URL_ = arg('url', process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
const SCHEMA = arg('schema', 'letopis_bench_api');
if (!/^[a-z_][a-z0-9_]*$/.test(SCHEMA)) throw new Error('bad schema name');
if (!existsSync(join(root, 'dist', 'server', 'app.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const { openStore } = await import('../dist/store/index.js');
const { listEvents } = await import('../dist/query/events.js');
const { aggregateEvents } = await import('../dist/store/aggregates.js');

// --- data ---------------------------------------------------------------------------------------

const store = await openStore({ url: URL_, schema: SCHEMA });
const pool = new pg.Pool({ connectionString: URL_, max: Number(process.env.LETOPIS_PG_POOL || 10), options: `-c search_path=${SCHEMA}` });
const one = async (q, p = []) => (await pool.query(q, p)).rows[0];

const have = Number((await one(`SELECT count(*) AS n FROM events`)).n);
if (have !== N || args.includes('--regenerate')) {
  console.log(`generating ${N.toLocaleString('en')} events in schema ${SCHEMA} (kept for the next run)...`);
  const t0 = Date.now();
  await pool.query(`TRUNCATE event_records, events RESTART IDENTITY CASCADE`);
  // The full-text index is built once after the load: maintaining it row by row is far slower.
  // (The stored tsvector itself, a generated column since migration 005, is computed as rows go in.)
  await pool.query(`DROP INDEX IF EXISTS events_search`);
  await generateEvents((q, p) => pool.query(q, p), N, (done) => process.stdout.write(`\r  ${done.toLocaleString('en')} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s`));
  console.log('\n  building the full-text index...');
  await pool.query(`CREATE INDEX events_search ON events USING gin (search_tsv)`);
  await pool.query(`VACUUM ANALYZE events`);
  await pool.query(`VACUUM ANALYZE event_counts`);
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// --- scenarios ----------------------------------------------------------------------------------

const SCENARIOS = [
  { name: 'filtered list', path: '/api/events?type=detention,arson&region=RU-MOW,RU-SPE&from=2023-01-01&to=2023-12-31&limit=100',
    run: (s) => listEvents(s, { type: ['detention', 'arson'], region: ['RU-MOW', 'RU-SPE'], from: '2023-01-01', to: '2023-12-31', status: ['published'], limit: 100 }) },
  { name: 'aggregate by region (type filter)', path: '/api/aggregates?by=region&type=detention',
    run: (s) => aggregateEvents(s.db, { type: ['detention'], status: ['published'] }, ['region']) },
  { name: 'full-text search', path: `/api/events?q=${encodeURIComponent('саботаж')}&limit=100`,
    run: (s) => listEvents(s, { q: 'саботаж', status: ['published'], limit: 100 }) },
];

// Capture the statements each scenario runs, by running the real functions over a logging Kysely.
for (const sc of SCENARIOS) {
  const captured = [];
  const db = new Kysely({
    dialect: new PostgresDialect({ pool }),
    log: (e) => { if (e.level === 'query') captured.push({ sql: e.query.sql, params: [...e.query.parameters] }); },
  });
  await sc.run({ db });
  sc.sql = captured;
}

async function load(fn) {
  const lat = [];
  let errors = 0;
  let firstError = '';
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const t = performance.now();
      try {
        await fn();
        lat.push(performance.now() - t);
      } catch (err) {
        errors++;
        firstError ||= String(err?.message ?? err);
      }
    }
  };
  // Warm up, then measure.
  await Promise.all(Array.from({ length: CONC }, () => fn().catch(() => undefined)));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONC }, worker));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), rps: lat.length / secs, errors, ...(firstError ? { firstError } : {}), requests: lat.length + errors + CONC };
}

/** CPU time (user + system, ms) a process has used so far; null where /proc is missing (not Linux). */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return null;
  }
}

// node:http with keep-alive costs the client less CPU than fetch, so the client disturbs less.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONC });
function httpGet(base, path) {
  return new Promise((resolve, reject) => {
    http.get(base + path, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(String(res.statusCode)))));
    }).on('error', reject);
  });
}

function startServer(cacheSeconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench', 'api-server.mjs'), URL_, SCHEMA, String(cacheSeconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      const m = /ready (\d+)/.exec(String(d));
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

const fmt = (r) => `p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ${r.rps.toFixed(0)} req/s` +
  `${r.serverCpuMs !== undefined ? `  (server CPU ${r.serverCpuMs.toFixed(2)} ms/request)` : ''}${r.errors ? `  ${r.errors} errors (first: ${r.firstError})` : ''}`;
console.log(`\n${N.toLocaleString('en')} events, ${CONC} concurrent connections, ${SECONDS} s per run, pg pool ${pool.options.max} (API and direct alike)`);
console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on the machine slows both sides)\n`);
const results = [];
for (const cache of [0, 10]) {
  const { child, base } = await startServer(cache);
  if (cache) console.log('With the answer cache the server keeps public answers for 10 s (changes through the API clear it):\n');
  try {
    for (const sc of SCENARIOS) {

      const check = await fetch(base + sc.path);
      if (!check.ok) throw new Error(`${sc.path}: ${check.status} ${await check.text()}`);
      const cpu0 = cpuMs(child.pid);
      const api = await load(() => httpGet(base, sc.path));
      const cpu1 = cpuMs(child.pid);
      // The API process's own CPU per request: what the API adds on top of PostgreSQL's work.
      if (cpu0 !== null && cpu1 !== null) api.serverCpuMs = (cpu1 - cpu0) / api.requests;
      const label = cache ? `${sc.name}, cached` : sc.name;
      if (cache) {
        console.log(`${label}\n  API    ${fmt(api)}\n`);
        results.push({ scenario: label, api });
        continue;
      }
      const direct = await load(async () => {
        for (const st of sc.sql) await pool.query(st.sql, st.params);
      });
      console.log(`${label} (${sc.sql.length} statement${sc.sql.length > 1 ? 's' : ''})\n  API    ${fmt(api)}\n  direct ${fmt(direct)}\n  API/direct p50 ${(api.p50 / direct.p50).toFixed(2)}x  p95 ${(api.p95 / direct.p95).toFixed(2)}x\n`);
      results.push({ scenario: label, api, direct });
    }
  } finally {
    child.kill('SIGTERM');
  }
}
console.log(JSON.stringify(results));
agent.destroy();
await pool.end();
await store.close();
