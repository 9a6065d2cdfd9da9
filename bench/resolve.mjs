#!/usr/bin/env node
// Resolution benchmark (npm run bench:resolve; needs `tsc -p tsconfig.build.json` first, which the script does).
//
// What is timed:
//   core  - the in-memory resolution core on N generated records: computing each record's features
//           (date interval, place key, word stems) and clustering it through the blocking buckets
//           (MemoryResolver.addDocument), one document at a time in publication order. Generation of
//           the records is done before the clock starts. This is the algorithm `letopis resolve`
//           runs over all records before it writes back. Each size runs in a fresh process so its
//           peak RSS is its own.
//   db    - the database paths on PGlite (in memory): (1) the first `resolveAll` (letopis resolve)
//           over N-500 records stored without events (a bulk import): the same core plus reading
//           the records back, filling and writing all events, links and audit entries in bulk;
//           (2) the same re-run again with nothing to change; (3) the incremental path ingest
//           uses (resolveDocumentRecords per document, in its transaction, with copy detection and
//           audit entries) on the last 500 records. Loading documents and records is not timed.
//
// Usage: node bench/resolve.mjs                 core at 100k, 300k, 1M, then db at 10k
//        node bench/resolve.mjs core N          one core run
//        node bench/resolve.mjs db N            one db run
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/', import.meta.url);

// --- Deterministic generator -------------------------------------------------------------------

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['protest', 'symbolic', 'arson', 'sabotage', 'detention', 'prosecution', 'refusal', 'draft_evasion', 'mobilisation', 'armed_attack'];
const TYPE_W = [20, 14, 6, 5, 22, 18, 5, 5, 3, 2];
const DAY0 = Date.UTC(2022, 1, 24) / 86400000;
/** True events a day across the 85 regions: a larger archive covers a longer time, as a real one does. */
const EVENTS_PER_DAY = 40;

/**
 * N records reporting about N/2.5 true events, 40 a day (1-6 reports each, some coarser: month
 * instead of day, region instead of town; counts off by up to 10%; shared words plus each report's own).
 * Returns records in publication order, with the true event of each.
 */
export function generate(n, seed = 42) {
  const r = rng(seed);
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const weighted = () => {
    let x = r() * 100;
    for (let i = 0; i < TYPES.length; i++) if ((x -= TYPE_W[i]) < 0) return TYPES[i];
    return TYPES[0];
  };
  const vocab = Array.from({ length: 6000 }, (_, i) => `w${(i * 2654435761 >>> 0).toString(36)}`);
  const regions = Array.from({ length: 85 }, (_, i) => `RU-R${i}`);
  const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
  const reports = [];
  const days = Math.max(30, Math.ceil(n / 2.5 / EVENTS_PER_DAY));
  let ev = 0;
  while (reports.length < n) {
    const id = ev++;
    const type = weighted();
    const tally = r() < 0.04;
    // Most incidents are reported with a town; a few only with a region, fewer with the country alone.
    const region = r() < 0.98 ? pick(regions) : null;
    const town = region && r() < 0.9 ? townName(Number(region.slice(4)), Math.floor(r() * 40)) : null;
    const day = DAY0 + Math.floor(r() * days);
    const count = r() < 0.4 ? 2 + Math.floor(r() * 300) : null;
    const words = Array.from({ length: 8 }, () => pick(vocab));
    const k = 1 + Math.min(5, Math.floor(-Math.log(1 - r()) * 1.2));
    for (let j = 0; j < k && reports.length < n; j++) {
      const coarse = r();
      const month = coarse < 0.08;
      const dropTown = coarse > 0.92;
      const c = count === null ? {} : { [type === 'detention' ? 'detained' : 'people']: Math.round(count * (1 + (r() - 0.5) * 0.2)) };
      const text = [...words.filter(() => r() < 0.6), ...Array.from({ length: 5 }, () => pick(vocab))].join(' ');
      reports.push({
        truth: id,
        published: day + Math.floor(r() * 5),
        rec: {
          kind: tally ? 'tally' : 'incident',
          type,
          date_start: tally ? iso(DAY0) : month ? iso(day).slice(0, 7) : iso(day),
          date_end: tally ? iso(day) : null,
          date_precision: tally ? 'range' : month ? 'month' : 'day',
          country: 'RU',
          region: dropTown && r() < 0.5 ? null : region,
          settlement: dropTown ? null : town,
          counts: tally ? {} : c,
          measure: tally ? 'detained' : null,
          value: tally ? (count ?? 100) * 50 : null,
          actors: [],
          target: null,
          summary: text,
          evidence_text: '',
        },
      });
    }
  }
  reports.sort((a, b) => a.published - b.published);
  reports.forEach((x, i) => (x.rec.document_id = i + 1));
  return reports;
}

/** Pairwise precision and recall from cluster/truth labels, through the contingency table. */
function pairwise(pred, truth) {
  const c2 = (m) => (m * (m - 1)) / 2;
  const count = (keys) => {
    const m = new Map();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.values()].reduce((s, v) => s + c2(v), 0);
  };
  const both = count(pred.map((p, i) => `${p}:${truth[i]}`));
  const p = count(pred);
  const t = count(truth);
  return { precision: p ? both / p : 1, recall: t ? both / t : 1 };
}

// Settlement names are compared by letters only (digits do not count), so names are made of syllables.
const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vu', 'ze', 'po', 'gra', 'dov'];
const townName = (region, k) => [SYL[region % 12], SYL[Math.floor(region / 12) % 12], SYL[k % 12], SYL[Math.floor(k / 12) % 12]].join('') + 'sk';

const mb = (b) => `${Math.round(b / 1048576)} MB`;

async function core(n) {
  const { features, MemoryResolver } = await import(new URL('resolve/core.js', dist));
  const reports = generate(n);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const resolver = new MemoryResolver();
  const pred = new Int32Array(n);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    pred[i] = resolver.addDocument([features(reports[i].rec)])[0].cluster;
    if ((i & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  const q = pairwise(Array.from(pred), reports.map((x) => x.truth));
  console.log(
    // CPU time too: on a shared machine the wall clock also counts other people's work.
    `core ${String(n).padStart(8)} records: ${secs.toFixed(1).padStart(6)} s (CPU ${cpuSecs.toFixed(1)} s), ${Math.round(n / secs).toLocaleString('en').padStart(8)} records/s, ` +
      `${(resolver.comparisons / n).toFixed(1)} comparisons/record, ${resolver.clusterCount.toLocaleString('en')} events; ` +
      `peak RSS ${mb(Math.max(peak, process.resourceUsage().maxRSS * 1024))} (generated input alone ${mb(rssBefore)}); ` +
      `generated-truth pairwise P=${q.precision.toFixed(3)} R=${q.recall.toFixed(3)}`,
  );
}

async function db(n) {
  const { openStore, insertDocument, insertRecords } = await import(new URL('store/index.js', dist));
  const { resolveDocumentRecords, resolveAll } = await import(new URL('resolve/index.js', dist));
  const { sql } = await import('kysely');
  const reports = generate(n);
  const store = await openStore({ memory: true });
  const toRecord = (x) => ({
    kind: x.rec.kind, type: x.rec.type,
    date: { start: x.rec.date_start, end: x.rec.date_end, precision: x.rec.date_precision },
    place: { country: x.rec.country, region: x.rec.region, settlement: x.rec.settlement, lat: null, lon: null },
    actors: [], target: null, counts: x.rec.counts, ...(x.rec.kind === 'tally' ? { measure: x.rec.measure, value: x.rec.value } : {}),
    certainty: 'reported', attribution: [], evidence: { start: 0, end: 10, text: x.rec.summary.slice(0, 10) }, summary: x.rec.summary,
  });
  const docRow = (x, i) => ({
    source_kind: 'file', source_name: `pub${i % 500}`, source_ref: `bench:${i}`, url: null, title: null, lang: 'en',
    published_at: new Date(x.published * 86400000).toISOString(), text: `${x.rec.summary} report ${i}`, sha256: `bench:${i}`, forwarded_from: null,
  });
  // Not timed: documents and records stored without events, as a bulk import would leave them.
  const bulk = n - Math.min(500, Math.floor(n / 10));
  const tl = performance.now();
  for (let i = 0; i < bulk; i += 1000) {
    const slice = reports.slice(i, Math.min(bulk, i + 1000));
    const docs = await store.db.insertInto('documents').values(slice.map((x, k) => docRow(x, i + k))).returning('id').execute();
    await sql`INSERT INTO records (document_id, ordinal, kind, type, date_start, date_end, date_precision, country, region, settlement,
        counts, measure, value, certainty, evidence_start, evidence_end, evidence_text, summary, extractor_version)
      SELECT d, 0, r->>'kind', r->>'type', r->>'date_start', r->>'date_end', r->>'date_precision', r->>'country', r->>'region', r->>'settlement',
        coalesce(r->'counts', '{}'), r->>'measure', (r->>'value')::float8, 'reported', 0, 10, left(r->>'summary', 10), r->>'summary', 'bench'
      FROM jsonb_array_elements(${JSON.stringify(slice.map((x) => x.rec))}::jsonb) WITH ORDINALITY AS j(r, o)
      JOIN unnest(${docs.map((d) => d.id)}::int[]) WITH ORDINALITY AS u(d, p) ON p = o`.execute(store.db);
  }
  const load = (performance.now() - tl) / 1000;
  // PGlite runs inside this process, so its CPU time counts the database work as well.
  const cpuOf = (c) => ((c.user + c.system) / 1e6).toFixed(1);
  let c0 = process.cpuUsage();
  let t = performance.now();
  const first = await resolveAll(store);
  const firstSecs = (performance.now() - t) / 1000;
  const firstCpu = cpuOf(process.cpuUsage(c0));
  console.log(
    `db first resolution (letopis resolve) of ${bulk} stored records (PGlite, in memory): ${firstSecs.toFixed(1)} s (CPU ${firstCpu} s) = ${Math.round(bulk / firstSecs)} records/s, ` +
      `${first.created} events created in bulk (loading them took ${load.toFixed(1)} s, not timed)`,
  );
  c0 = process.cpuUsage();
  t = performance.now();
  const again = await resolveAll(store);
  const againSecs = (performance.now() - t) / 1000;
  console.log(`db re-run with nothing changed: ${againSecs.toFixed(1)} s (CPU ${cpuOf(process.cpuUsage(c0))} s) = ${Math.round(bulk / againSecs)} records/s (relinked ${again.relinked}, created ${again.created})`);
  c0 = process.cpuUsage();
  let inc = 0;
  for (let i = bulk; i < n; i++) {
    const x = reports[i];
    await store.db.transaction().execute(async (trx) => {
      const doc = await insertDocument(trx, docRow(x, i));
      const rows = await insertRecords(trx, doc.id, [toRecord(x)], 'bench');
      const tr = performance.now();
      await resolveDocumentRecords(trx, doc, rows);
      inc += performance.now() - tr;
    });
  }
  const peak = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(
    `db incremental (ingest path: resolveDocumentRecords per document, copy detection and audit included) on the next ${n - bulk} records: ` +
      `${(inc / 1000).toFixed(1)} s = ${Math.round((n - bulk) / (inc / 1000))} records/s (CPU of the whole loop with inserts ${cpuOf(process.cpuUsage(c0))} s); peak RSS ${mb(peak)}`,
  );
  await store.close();
}

const [mode, arg] = process.argv.slice(2);
if (mode === "lib") { /* imported for its generator */ }
if (mode === 'core') await core(Number(arg));
else if (mode === 'db') await db(Number(arg));
else if (mode !== "lib") {
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  for (const n of [100_000, 300_000, 1_000_000]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', self, 'core', String(n)], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const dbN = Number(process.env.BENCH_DB_N ?? 100_000);
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', self, 'db', String(dbN)], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}
