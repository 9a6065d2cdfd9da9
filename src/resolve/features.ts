/**
 * What resolution compares, computed once per record: the day interval its date allows, a place key,
 * and a small bag of hashed word stems for content similarity. Pure functions, no I/O.
 */
import { readFileSync } from 'node:fs';
import { pkgPath } from '../paths.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD day, or NaN. */
export function dayNumber(ymd: string): number {
  const t = Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
  return Math.floor(t / DAY_MS);
}

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** First and last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) may stand for. */
export function partialBounds(d: string): [number, number] | null {
  if (/^\d{4}$/.test(d)) return [dayNumber(`${d}-01-01`), dayNumber(`${d}-12-31`)];
  if (/^\d{4}-\d{2}$/.test(d)) {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7));
    const first = Math.floor(Date.UTC(y, m - 1, 1) / DAY_MS);
    const last = Math.floor(Date.UTC(y, m, 1) / DAY_MS) - 1; // day 0 of the next month
    return [first, last];
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const n = dayNumber(d);
    return Number.isNaN(n) ? null : [n, n];
  }
  return null;
}

/** The day interval a record's date allows: "in May" is every day of May. Null when undated. */
export function dateInterval(start: string | null, end: string | null, precision: string): [number, number] | null {
  if (!start || precision === 'unknown') return null;
  const a = partialBounds(start);
  if (!a) return null;
  const b = end ? partialBounds(end) : null;
  const lo = a[0];
  const hi = b ? Math.max(b[1], a[0]) : a[1];
  return [lo, hi];
}

// --- Places -------------------------------------------------------------------------------------

const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * A spelling-tolerant key for a settlement name: "Ruzayevka", "Ruzaevka" and "Рузаевка" give one
 * key, as do "Saint Petersburg" and "St. Petersburg". Only used for equality.
 */
const keyCache = new Map<string, string | null>();

export function settlementKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let k = keyCache.get(name);
  if (k === undefined) {
    k = computeSettlementKey(name);
    if (keyCache.size > 100_000) keyCache.clear(); // names repeat a lot; keep the cache bounded
    keyCache.set(name, k);
  }
  return k;
}

function computeSettlementKey(name: string): string | null {
  let s = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[а-яёіїєґ]/g, (c) => CYR[c] ?? c);
  s = s.replace(/\bsaint\b|\bsankt\b|\bsvyatoy\b/g, 'st').replace(/[^a-z]/g, '');
  // Romanisation variants: ye/e, iy/y/i, kh/h, ts/tz, double letters.
  s = s.replace(/kh/g, 'h').replace(/ye/g, 'e').replace(/yu/g, 'u').replace(/ya/g, 'a').replace(/[iy]+/g, 'i').replace(/tz/g, 'ts').replace(/(.)\1+/g, '$1');
  return s || null;
}

// --- Types --------------------------------------------------------------------------------------

interface TypeCompatFile {
  pairs: [string, string][];
}

const compat = JSON.parse(readFileSync(pkgPath('src/resolve/data/type-compat.json'), 'utf8')) as TypeCompatFile;

/** 0: same type; 1: types two sources may give the same happening; -1: incompatible. */
const compatOf = new Map<string, Set<string>>();
for (const [a, b] of compat.pairs) {
  if (!compatOf.has(a)) compatOf.set(a, new Set());
  if (!compatOf.has(b)) compatOf.set(b, new Set());
  compatOf.get(a)!.add(b);
  compatOf.get(b)!.add(a);
}

export function typeDistance(a: string, b: string): 0 | 1 | -1 {
  if (a === b) return 0;
  return compatOf.get(a)?.has(b) ? 1 : -1;
}

/** Connected groups of compatible types: one blocking bucket per group. */
const groupOf = (() => {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    return p;
  };
  for (const [a, b] of compat.pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  return find;
})();

export function typeGroup(type: string): string {
  return groupOf(type);
}

// --- Text ---------------------------------------------------------------------------------------

const STOP = new Set(
  ('the a an of in on at to and or for by with from was were is are be been has have had that this its it as after into over ' +
    'и в во на не что по с со к о об от до за из у же а но как это был была были его ее их для при также который которые ' +
    'і й та на що до від за про як це був була було які')
    .split(' '),
);

/** FNV-1a, 32 bits: stable across runs, so signatures can be stored. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-case words of letters and digits (Latin and Cyrillic). */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Hashed crude stems (first five letters) of a text's content words, sorted and unique. Prefixes
 * fold most Russian and Ukrainian case endings ("Рузаевке", "Рузаевка") without a dictionary.
 */
export function stemBag(text: string, max = 48): number[] {
  const set = new Set<number>();
  for (const w of words(text)) {
    if (w.length < 3 || STOP.has(w)) continue;
    // 30 bits: small integers, so the array stays compact in memory (a million records keep these).
    set.add(hash32(w.length > 5 ? w.slice(0, 5) : w) >>> 2);
    if (set.size >= max) break;
  }
  return [...set].sort((x, y) => x - y);
}

/** Jaccard similarity of two sorted unique arrays. */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

export function normActor(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
