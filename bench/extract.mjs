// Extraction benchmark: generates >= 50 MB of report-like English (bench/generate-reports.mjs),
// extracts it document by document on one core, and prints MB/s, records/s and RSS at 10/25/50 MB;
// then times compromise + compromise-dates (places and dates only) on the first part of the same text.
//   npm run bench:extract            (builds first)
//   node bench/extract.mjs [--mb 50] [--baseline-mb 2]
import { performance } from 'node:perf_hooks';
import { generateReports } from './generate-reports.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const TOTAL_MB = arg('mb', 50);
const BASELINE_MB = arg('baseline-mb', 1);
const MARKS = [10, 25, 50, 100].filter((m) => m <= TOTAL_MB);
const mb = (n) => (n / 1e6).toFixed(1);
const rss = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;

const t0 = performance.now();
const { extract, EXTRACTOR_VERSION } = await import('../dist/extract/index.js');
// Warm up: the first call loads the lexicon and the gazetteer.
extract('On 5 May police detained 12 people in Kazan.', { published: '2022-05-10', lang: 'en' });
const loadMs = performance.now() - t0;
console.log(`extractor ${EXTRACTOR_VERSION}: loaded in ${loadMs.toFixed(0)} ms, RSS ${rss()}`);

const baselineDocs = [];
let baselineBytes = 0;
let bytes = 0, docs = 0, records = 0, mark = 0;
let busy = 0, busyCpu = 0;
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const start = performance.now();
for (const doc of generateReports(TOTAL_MB * 1e6)) {
  const b = Buffer.byteLength(doc.text);
  if (baselineBytes < BASELINE_MB * 1e6) { baselineDocs.push(doc.text); baselineBytes += b; }
  const s = performance.now();
  const c = cpuMs();
  records += extract(doc.text, { published: doc.published, lang: 'en' }).records.length;
  busy += performance.now() - s;
  busyCpu += cpuMs() - c;
  bytes += b;
  docs++;
  while (mark < MARKS.length && bytes >= MARKS[mark] * 1e6) {
    console.log(`  at ${String(MARKS[mark]).padStart(3)} MB: RSS ${rss()}, ${(bytes / 1e6 / (busy / 1000)).toFixed(2)} MB/s so far`);
    mark++;
  }
}
const wall = (performance.now() - start) / 1000;
const secs = busy / 1000;
console.log(`extract: ${mb(bytes)} MB, ${docs} documents, ${records} records in ${secs.toFixed(1)} s of extraction (${wall.toFixed(1)} s with generation)`);
console.log(`  ${(bytes / 1e6 / secs).toFixed(2)} MB/s, ${(records / secs).toFixed(0)} records/s, ${(docs / secs).toFixed(0)} documents/s (wall clock)`);
console.log(`  ${(bytes / 1e6 / (busyCpu / 1000)).toFixed(2)} MB/s per CPU-second (one core; the figure to read on a busy machine)`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

// Baseline: compromise finds places and dates only (no events), on the first BASELINE_MB of the same text.
const nlp = (await import('compromise')).default;
const dates = (await import('compromise-dates')).default;
nlp.plugin(dates);
const c0 = cpuMs();
let found = 0;
for (const text of baselineDocs) {
  const d = nlp(text);
  found += d.places().length + d.dates().length;
}
const csecs = (cpuMs() - c0) / 1000;
const cRate = baselineBytes / 1e6 / csecs;
console.log(`baseline compromise + compromise-dates (places and dates only): ${mb(baselineBytes)} MB in ${csecs.toFixed(1)} CPU-s, ${cRate.toFixed(3)} MB/s, ${found} mentions`);
console.log(`letopis extract is ${(bytes / 1e6 / (busyCpu / 1000) / cRate).toFixed(0)}x the baseline's speed (CPU time) while doing the whole job`);
