#!/usr/bin/env node
/**
 * Place finder speed: gazetteer load time and findPlaces throughput on one core.
 *
 *   npm run bench:places [-- --mb 8] [-- --file TEXT_FILE]   (tsc, then this script on dist/)
 *
 * Without --file the text is assembled from sentences written for this benchmark (English,
 * Russian, Ukrainian) mixed with place-free filler, roughly as dense in names as news reports.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};

const t0 = performance.now();
const { findPlaces } = await import('../dist/extract/places.js');
const t1 = performance.now();
const loadCpu0 = process.cpuUsage();
findPlaces('Москва', 'ru');
const loadCpu = process.cpuUsage(loadCpu0);
const t2 = performance.now();

const SENTENCES = [
  'On Tuesday night unknown people threw bottles at the enlistment office in Nizhnevartovsk; the governor of Yugra said nobody was hurt.',
  "Police in Mordovia's town of Ruzaevka detained two teenagers after a relay cabinet burned near the station.",
  'Residents of the Belgorod and Kursk regions reported drones; in Moscow and St. Petersburg pickets continued.',
  'В ночь на субботу в Рузаевке сгорел релейный шкаф, задержан житель Саранска.',
  'Суд в Нижнем Новгороде назначил штраф активистке из Усть-Илимска Иркутской области.',
  'В подмосковных Луховицах подожгли военкомат, а в Самарской и Саратовской областях прошли обыски.',
  'У Херсоні та Мелітополі з’явилися листівки, а в Світлогорському районі затримали трьох залізничників.',
  'Родина виїхала з Криму до Польщі, потім до Німеччини.',
  'The court fined a man for a post about the war; his lawyer said the case would be appealed next month.',
  'Суд оштрафовал мужчину за пост о войне, адвокат собирается обжаловать решение в следующем месяце.',
  'Суд оштрафував чоловіка за допис про війну, адвокат оскаржить рішення наступного місяця.',
  'According to the rights group, at least a dozen people were questioned and later released without charge.',
];

let text;
if (arg('file')) {
  text = readFileSync(arg('file'), 'utf8');
} else {
  const mb = Number(arg('mb', '8'));
  const parts = [];
  let size = 0;
  let k = 0;
  while (size < mb * 1024 * 1024) {
    const s = SENTENCES[k++ % SENTENCES.length];
    parts.push(s);
    size += s.length * 1.6; // about 1.6 bytes a character in mixed Cyrillic/Latin UTF-8
  }
  text = parts.join(k % 7 === 0 ? '\n\n' : ' ');
}
const bytes = Buffer.byteLength(text);

// Documents are a few kilobytes each: measure per-document calls, as extraction makes them.
const docs = [];
for (let i = 0; i < text.length; i += 4000) docs.push(text.slice(i, i + 4000));
let mentions = 0;
const cpu0 = process.cpuUsage();
const t3 = performance.now();
for (const d of docs) mentions += findPlaces(d, 'en').length;
const t4 = performance.now();
const secs = (t4 - t3) / 1000;
// CPU time too: on a shared machine wall time also counts other processes.
const cpuSecs = process.cpuUsage(cpu0).user / 1e6;
console.log(`module import ${(t1 - t0).toFixed(1)} ms, gazetteer load (first call) ${(t2 - t1).toFixed(1)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(1)} ms CPU (GC threads included)`);
console.log(`${(bytes / 1048576).toFixed(1)} MB in ${docs.length} documents, ${mentions} mentions: wall ${secs.toFixed(2)} s = ${(bytes / 1048576 / secs).toFixed(1)} MB/s; CPU ${cpuSecs.toFixed(2)} s = ${(bytes / 1048576 / cpuSecs).toFixed(1)} MB/s`);
