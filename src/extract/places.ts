/**
 * The place finder: countries, regions and settlements of Russia, Ukraine and Belarus (and the
 * countries people flee to) named in English, Russian, Ukrainian or Belarusian text, in any
 * grammatical case. The text is tokenised once; each token is looked up in a word-form map and
 * matching names are followed through a trie of up to six words (see gazetteer.ts).
 *
 * @example
 * findPlaces("Mordovia's town of Ruzaevka", 'en')
 * // → [{ text: 'Mordovia', level: 'region', region: 'RU-MO', role: 'adjectival', ... },
 * //    { text: 'Ruzaevka', level: 'settlement', settlement: 'Ruzayevka', region: 'RU-MO', ... }]
 */
import type { Lang } from './record.js';
import {
  getGazetteer, type Gazetteer, type Ref, type TrieNode,
  K_COUNTRY, K_IGNORE, K_REGION, K_SETTLEMENT, R_ACRONYM, R_ADJ_ONLY, R_ADJECTIVAL, R_DEMONYM, R_LOWER_OK, R_SMALL, R_WEAK,
  S_CURATED,
} from './gazetteer.js';
import { cyrFold, normWord } from './gazetteer-morph.js';

export interface PlaceMention {
  start: number; end: number; text: string;          // offsets into the text passed in (JavaScript string indices)
  level: 'country' | 'region' | 'settlement';
  country: string;                                    // ISO 3166-1 alpha-2
  region: string | null;                              // ISO 3166-2
  settlement: string | null;                          // usual English name (GeoNames spelling fine)
  lat: number | null; lon: number | null;
  role: 'origin' | 'adjectival' | null;               // "from X"/"из X"/"з X" → origin; "Moscow's", "Mordovia's town of", "подмосковных" → adjectival
  /** Set on demonyms ("Russian", "российский"): only a weak hint at the country. */
  demonym?: boolean;
}

export interface RegionInfo { code: string; country: string; name: { en: string; ru: string; uk: string }; population: number | null; capital: string | null }

// ---------------------------------------------------------------------------------------------
// Tokens

/** One word of the text. Everything but the key is computed only when a name is being checked. */
class Tok {
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number, // end of the word proper (a possessive 's is left out)
    readonly prevEnd: number, // end of the previous word (with its 's), 0 for the first
    readonly prevKey: string | null,
    readonly key: string,
    readonly poss: boolean, // English possessive 's follows
  ) {}
  /** The text between the previous word and this one. */
  get gap(): string { return this.text.slice(this.prevEnd, this.start); }
  /** First letter is a capital. */
  get upper(): boolean { const c = this.text[this.start]!; return c !== c.toLowerCase(); }
  get allCaps(): boolean { const w = this.text.slice(this.start, this.end); return this.upper && w === w.toUpperCase(); }
  /** May continue a name begun on the previous word (only spaces or a hyphen between). */
  get join(): boolean { return this.prevKey !== null && joinable(this.gap, this.prevKey); }
}

const MAX_WORDS = 6;
/** How far (in characters) a region name may be from a town to decide between homonyms. */
const REGION_WINDOW = 300;
/** How far the region (or a town in it) may be for a weak name ("Bor", "Zima") to count without a cue. */
const WEAK_WINDOW = 200;

// Normalising a word is the costliest step; words repeat, so remember them (bounded).
const keyCache = new Map<string, string>();
function keyOf(raw: string): string {
  let k = keyCache.get(raw);
  if (k === undefined) {
    if (keyCache.size > 100_000) keyCache.clear();
    k = normWord(raw);
    keyCache.set(raw, k);
  }
  return k;
}

function joinable(gap: string, prevKey: string): boolean {
  if (gap.length === 0) return true;
  if (gap.length > 3) return /^[ \t\u00a0]+$/.test(gap) && gap.length <= 8;
  if (/^[ \t\u00a0]*\n?[ \t\u00a0]*$/.test(gap)) return true;
  if (/^['’ʼ]?[ \t\u00a0]?[-‐‑][ \t\u00a0]?$/.test(gap)) return true;
  // "Sever.Realii" (a name written with a dot and no space)
  if (gap === '.') return true;
  // "St. Petersburg", "Н. Новгород"
  return (prevKey === 'st' || prevKey.length === 1) && /^\.[ \u00a0]?$/.test(gap);
}

const LETTER_HI = /[\p{L}\p{M}]/u;

/** Letters and combining marks; a fast path for the Latin and Cyrillic blocks. */
function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c < 0x530) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && (c < 0x2b9 || c >= 0x300);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER_HI.test(String.fromCharCode(c));
}
const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc;

/** Words: runs of letters, with apostrophes allowed between letters (Мар'янівка, Ust'). */
function tokenize(text: string, g: Gazetteer): Tok[] {
  const toks: Tok[] = [];
  const n = text.length;
  let prevEnd = 0;
  let prevKey: string | null = null;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isLetter(c)) i++;
      else if ((isApostrophe(c) || c === 0xad) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) i += 2; // 0xad: soft hyphen
      else break;
    }
    let end = i;
    let raw = text.slice(start, end);
    let poss = false;
    // "Moscow's" is Moscow, but "Engel's" (a romanised soft sign) is Engels.
    if (end - start > 3 && (text.charCodeAt(end - 1) | 0x20) === 0x73 && isApostrophe(text.charCodeAt(end - 2)) && text.charCodeAt(start) < 0x80 && !g.forms.has(keyOf(raw)) && !g.root.has(keyOf(raw))) {
      end -= 2;
      raw = raw.slice(0, -2);
      poss = true;
    }
    const key = keyOf(raw);
    toks.push(new Tok(text, start, end, prevEnd, prevKey, key, poss));
    prevEnd = i;
    prevKey = key;
  }
  return toks;
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Match { i: number; j: number; refs: Ref[] }

function lemmasOf(g: Gazetteer, key: string): string | string[] | undefined {
  return g.forms.get(key);
}

/** The longest name starting at token i, with every reference that ends there. */
function longestAt(g: Gazetteer, toks: Tok[], i: number): Match | null {
  const key0 = toks[i]!.key;
  const l0 = lemmasOf(g, key0);
  const n0 = g.root.get(key0);
  if (l0 === undefined && n0 === undefined) return null;
  let best: Match | null = null;
  const visit = (node: TrieNode, j: number): void => {
    if (node.refs) {
      if (!best || j > best.j) best = { i, j, refs: [...node.refs] };
      else if (j === best.j) for (const r of node.refs) if (!best.refs.includes(r)) best.refs.push(r);
    }
    const next = node.next;
    if (!next || j + 1 >= toks.length || j + 1 - i >= MAX_WORDS) return;
    const t = toks[j + 1]!;
    const self = next.get(t.key);
    const ls = lemmasOf(g, t.key);
    if (self === undefined && ls === undefined) return;
    if (!t.join) return;
    if (self) visit(self, j + 1);
    if (ls === undefined) return;
    if (typeof ls === 'string') { const c = next.get(ls); if (c) visit(c, j + 1); }
    else for (const l of ls) { const c = next.get(l); if (c) visit(c, j + 1); }
  };
  if (n0) visit(n0, i);
  if (typeof l0 === 'string') { const n = g.root.get(l0); if (n) visit(n, i); }
  else if (l0) for (const l of l0) { const n = g.root.get(l); if (n) visit(n, i); }
  return best;
}

/** The word is (a case form of) one of the nominatives in the set. */
function formOf(g: Gazetteer, key: string, set: Set<string>): boolean {
  if (set.has(key)) return true;
  const ls = lemmasOf(g, key);
  return ls !== undefined && (typeof ls === 'string' ? set.has(ls) : ls.some((l) => set.has(l)));
}

const CONJ = new Set(['и', 'і', 'та', 'й', 'and', 'or', 'или', 'або', 'ды', 'і']);

/** "Самарской и Саратовской областях", "the Kursk and Belgorod regions": a region noun follows soon. */
function regionNounFollows(g: Gazetteer, toks: Tok[], j: number): boolean {
  for (let k = j + 1; k < toks.length && k <= j + 7; k++) {
    const t = toks[k]!;
    if (!/^[\s,\u00a0-]*$/.test(t.gap)) return false;
    if (formOf(g, t.key, g.typeNouns)) return true;
    if (!t.upper && !CONJ.has(t.key)) return false;
  }
  return false;
}

/** Only spaces (and at most one full stop, for "г. Москва") between two words. */
function spacesOnly(text: string, from: number, to: number, allowDot: boolean): boolean {
  let dots = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x2e && allowDot && dots++ === 0) continue;
    return false;
  }
  return true;
}

function prevCue(g: Gazetteer, toks: Tok[], i: number, set: Set<string>): boolean {
  if (i === 0) return false;
  const t = toks[i]!;
  if (!spacesOnly(t.text, t.prevEnd, t.start, true)) return false;
  let p = toks[i - 1]!;
  // "from the Luhansk region", "in the Crimea"
  if (p.key === 'the' && i >= 2 && spacesOnly(p.text, p.prevEnd, p.start, false)) p = toks[i - 2]!;
  return set.has(p.key);
}

/** "Moscow-based", "Kazan-born": the word hyphenated to the name's last word. */
function hyphenSuffix(toks: Tok[], j: number): string | null {
  const t = toks[j + 1];
  return t && t.prevEnd === toks[j]!.end && t.text.charCodeAt(t.start - 1) === 0x2d && t.prevEnd === t.start - 1 ? t.key : null;
}

/** "a native of Ryazan" */
function nativeOf(toks: Tok[], i: number): boolean {
  return i >= 2 && toks[i - 1]!.key === 'of' && (toks[i - 2]!.key === 'native' || toks[i - 2]!.key === 'natives');
}

function sentenceStart(toks: Tok[], i: number): boolean {
  if (i === 0) return true;
  return /[.!?…:;«"“„([]\s*$|\n\s*$/.test(toks[i]!.gap) || /^\s*[-—–]\s*$/.test(toks[i]!.gap);
}

interface Raw {
  start: number; end: number; i: number; j: number;
  kind: 0 | 1 | 2;
  ids: number[]; // one id for countries and regions; all homonyms for settlements
  weakIds: Set<number>; // settlement candidates that still need their region nearby
  strictIds: Set<number>; // weak ones that are also words or surnames: never at a sentence start without a cue
  flags: number;
  cue: boolean;
  atStart: boolean;
}

const PRIORITY = (g: Gazetteer, r: Ref): number => {
  if (r.kind === K_COUNTRY) return r.flags & R_DEMONYM ? 9 : 0;
  if (r.kind === K_REGION) {
    if (r.flags & R_ADJ_ONLY) return 2;
    return g.regions[r.id]!.type === 'city' ? 4 : 1;
  }
  return 3;
};

function candidates(g: Gazetteer, toks: Tok[], m: Match): Raw | null {
  const first = toks[m.i]!;
  const single = m.i === m.j;
  const cue = prevCue(g, toks, m.i, g.cues);
  const atStart = sentenceStart(toks, m.i);
  const ok: Ref[] = [];
  for (const r of m.refs) {
    if (r.flags & R_ACRONYM) { if (!(single && first.allCaps)) continue; }
    else if (!(r.flags & R_LOWER_OK) && !first.upper) continue;
    if (r.flags & R_ADJ_ONLY && !regionNounFollows(g, toks, m.j)) continue;
    ok.push(r);
  }
  if (!ok.length) return null;
  let top = Infinity;
  for (const r of ok) top = Math.min(top, PRIORITY(g, r));
  const chosen = ok.filter((r) => PRIORITY(g, r) === top);
  const r0 = chosen[0]!;
  const raw: Raw = {
    start: first.start, end: toks[m.j]!.end, i: m.i, j: m.j,
    kind: r0.kind as 0 | 1 | 2, ids: [], weakIds: new Set(), strictIds: new Set(), flags: 0, cue, atStart,
  };
  if (r0.kind === K_REGION && top === 4) {
    // A city-region's own name (Moscow, Kyiv, Sevastopol) is the city: prefer the settlement if any.
    const s = ok.filter((r) => r.kind === K_SETTLEMENT);
    if (s.length) return personName(g, toks, m, cue) ? null : settle(raw, s, cue);
  }
  if (r0.kind === K_SETTLEMENT) return personName(g, toks, m, cue) ? null : settle(raw, chosen, cue);
  raw.ids = [r0.id];
  raw.flags = r0.flags;
  return raw;
}

/** "Vladimir Putin", "Alexander Pushkin", "памятник Сергею Кирову": a person, not the town. */
function personName(g: Gazetteer, toks: Tok[], m: Match, cue: boolean): boolean {
  const S = g.settlements;
  const key = m.i === m.j ? toks[m.i]!.key : toks.slice(m.i, m.j + 1).map((t) => t.key).join(' ');
  const inSet = (set: Set<string>): boolean => (m.i === m.j ? formOf(g, key, set) : set.has(key));
  const next = toks[m.j + 1];
  if (next && inSet(S.firstNames) && next.upper && spacesOnly(next.text, next.prevEnd, next.start, false) && next.prevEnd < next.start) {
    if (!formOf(g, next.key, g.typeNouns)) return true;
  }
  const prev = toks[m.i - 1];
  const t = toks[m.i]!;
  // An initial counts as a first name: "С. Киров", "A. Pushkin".
  if (!cue && prev && inSet(S.surnames) && prev.upper && t.prevEnd < t.start && spacesOnly(t.text, t.prevEnd, t.start, prev.end - prev.start === 1)) return true;
  return false;
}

function settle(raw: Raw, refs: Ref[], cue: boolean): Raw {
  raw.kind = K_SETTLEMENT;
  const ids = new Set<number>();
  for (const r of refs) {
    ids.add(r.id);
    // Weak names: a cue before them settles it, otherwise their region must be named nearby.
    if (r.flags & R_WEAK && !cue) { raw.weakIds.add(r.id); if (!(r.flags & R_SMALL)) raw.strictIds.add(r.id); }
    raw.flags |= r.flags & R_LOWER_OK;
  }
  // An adjective only when every reading is one: «в Омске» is the town even though a case form of
  // the adjective «омский» is spelt alike.
  if (refs.every((r) => r.flags & R_ADJECTIVAL)) raw.flags |= R_ADJECTIVAL;
  // A strong reading of the same id wins over a weak one.
  for (const r of refs) if (!(r.flags & R_WEAK)) { raw.weakIds.delete(r.id); raw.strictIds.delete(r.id); }
  raw.ids = [...ids];
  return raw;
}

// Endings of Russian nouns and adjectives → the nominative endings they may come from.
const RU_ENDINGS_RAW: [string, string[], boolean][] = [
  ['ами', ['ы', 'и', 'а'], false], ['ями', ['и', 'я'], false], ['ах', ['ы', 'и', 'а'], false], ['ях', ['и', 'я'], false],
  ['ам', ['ы', 'и'], false], ['ям', ['и'], false], ['ией', ['ия'], false], ['ии', ['ия'], false], ['ию', ['ия'], false],
  ['ого', ['ый', 'ое', 'ой'], true], ['его', ['ий', 'ее'], true], ['ому', ['ый', 'ое', 'ой'], true], ['ему', ['ий', 'ее'], true],
  ['ым', ['ый', 'ое', 'ы'], true], ['им', ['ий', 'ее', 'и'], true], ['ом', ['', 'о', 'ый', 'ой', 'ое'], true], ['ем', ['ь', 'е', 'й', 'ий', 'ее'], true],
  ['ой', ['а', 'ая', 'ой'], true], ['ей', ['я', 'ь', 'яя'], true], ['ою', ['а'], false], ['ею', ['я'], false], ['ую', ['ая'], true],
  // Ukrainian and Belarusian: Якимівці, Ізюмі, Лозовою, Кам'янському, Харкові.
  ['ці', ['ка'], false], ['зі', ['га'], false], ['сі', ['ха'], false], ['ові', [''], false], ['еві', ['ь', 'й'], false],
  ['ому', ['е'], true], ['ого', ['е'], true],
  ['е', ['а', '', 'о', 'я', 'ь', 'й', 'е'], false], ['и', ['а', 'я', 'ь', 'и', 'ы', ''], false], ['у', ['а', '', 'о'], false],
  ['ю', ['я', 'ь', 'й'], false], ['а', ['', 'о', 'а'], false], ['я', ['ь', 'й', 'е', 'я'], false], ['ы', ['а', 'ы'], false],
];

const ADJ_END = /(ий|ой|ая|яя|ое|ее|ие|ого|его|ому|ему|им|ем|ом|ую|юю|их|ими)$/;
// Keys are folded (ы→и), so the table is too.
const RU_ENDINGS: [string, string[], boolean][] = RU_ENDINGS_RAW.map(([e, rs, a]) => [cyrFold(e), [...new Set(rs.map(cyrFold))], a]);

/** Towns whose guessed Cyrillic nominative this word (a normalised key, in any case) may be. */
function guessIds(g: Gazetteer, w: string, adjectival: boolean): Set<number> {
  const ids = new Set<number>();
  for (const [end, repl, adj] of RU_ENDINGS) {
    if (!w.endsWith(end) || (adj && !adjectival)) continue;
    const stem = w.slice(0, -end.length);
    for (const r of repl) for (const id of g.guess.get(stem + r) ?? []) ids.add(id);
  }
  for (const id of g.guess.get(w) ?? []) ids.add(id);
  return ids;
}

/**
 * A town known only by its guessed Cyrillic spelling, written after a locative cue in any case:
 * "в Кимовске", "из Зеленчукской", "у Якимівці". One word only; adjectival forms followed by a lower-case word
 * ("в Ленинском районе") are districts, not towns.
 */
function guessAt(g: Gazetteer, toks: Tok[], i: number): Raw | null {
  const t = toks[i]!;
  if (!t.upper || t.key.length < 4 || !/[\u0400-\u04ff]/.test(t.key) || !prevCue(g, toks, i, g.cues)) return null;
  const next = toks[i + 1];
  const nextLower = next !== undefined && !next.upper && next.end - next.start >= 3 && spacesOnly(t.text, next.prevEnd, next.start, false);
  const w = t.key;
  // "в Новый год", "в Центральном районе": an adjective before a lower-case noun is not a town.
  if (nextLower && ADJ_END.test(w)) return null;
  const ids = guessIds(g, w, !nextLower);
  if (!ids.size) return null;
  return {
    start: t.start, end: t.end, i, j: i, kind: K_SETTLEMENT, ids: [...ids], weakIds: new Set(), strictIds: new Set(), flags: 0, cue: true,
    atStart: false,
  };
}

/**
 * Finds every place named in `text`. Offsets are JavaScript string indices into `text`.
 * `lang` is a hint only: names of every language are looked for, since reports mix them.
 */
export function findPlaces(text: string, lang: Lang): PlaceMention[] {
  void lang;
  if (!text) return [];
  const g = getGazetteer();
  const toks = tokenize(text, g);
  const raws: Raw[] = [];
  for (let i = 0; i < toks.length; i++) {
    const m = longestAt(g, toks, i);
    if (m && m.refs.some((x) => x.kind === K_IGNORE)) {
      i = m.j; // "Echo of Moscow" is a radio station, not a place
      continue;
    }
    const r = m ? candidates(g, toks, m) : null;
    if (r) {
      raws.push(r);
      i = m!.j;
      continue;
    }
    const gr = guessAt(g, toks, i);
    if (gr) raws.push(gr);
  }
  if (!raws.length) return [];
  const areas = areaLists(g, toks, raws);

  // Regions named in the text settle homonyms; towns named unambiguously nearby let weak names count.
  const named = new Map<string, number[]>();
  const strongTowns = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, code: string, at: number): void => {
    const xs = map.get(code);
    if (xs) xs.push(at); else map.set(code, [at]);
  };
  for (const r of raws) {
    if (r.kind === K_REGION) push(named, g.regions[r.ids[0]!]!.code, r.start);
    else if (r.kind === K_SETTLEMENT && r.ids.length === 1 && !r.weakIds.size) push(strongTowns, g.settlements.region[r.ids[0]!]!, r.start);
  }
  // Positions are pushed in text order, so the nearest one is found by binary search (long
  // documents name Moscow thousands of times).
  const distance = (map: Map<string, number[]>, code: string, at: number): number => {
    const xs = map.get(code);
    if (!xs) return Infinity;
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid]! < at) lo = mid + 1; else hi = mid; }
    let d = Infinity;
    for (let k = Math.max(0, lo - 1); k < Math.min(xs.length, lo + 2); k++) if (xs[k] !== at) d = Math.min(d, Math.abs(xs[k]! - at));
    return d;
  };
  const S = g.settlements;
  const out: PlaceMention[] = [];
  for (const r of raws) {
    const t = toks[r.j]!;
    let role: PlaceMention['role'] = null;
    const after = hyphenSuffix(toks, r.j);
    if (t.poss || r.flags & R_ADJECTIVAL || after === 'based') role = 'adjectival';
    else if (prevCue(g, toks, r.i, g.originCues) || nativeOf(toks, r.i) || after === 'born') role = 'origin';
    const mtext = text.slice(r.start, r.end);
    if (r.kind === K_COUNTRY) {
      const c = g.countries[r.ids[0]!]!;
      const m: PlaceMention = { start: r.start, end: r.end, text: mtext, level: 'country', country: c.code, region: null, settlement: null, lat: null, lon: null, role };
      if (r.flags & R_DEMONYM) { m.demonym = true; m.role = 'adjectival'; }
      out.push(m);
      continue;
    }
    if (r.kind === K_REGION) {
      const reg = g.regions[r.ids[0]!]!;
      out.push({ start: r.start, end: r.end, text: mtext, level: 'region', country: reg.country, region: reg.code, settlement: null, lat: null, lon: null, role });
      continue;
    }
    const near = (id: number): number => {
      const d = distance(named, S.region[id]!, r.start);
      return d <= REGION_WINDOW ? d : Infinity;
    };
    const ids = r.ids.length === 1 && !r.weakIds.size ? r.ids : r.ids.filter((id) => {
      if (!r.weakIds.has(id)) return true;
      if (r.atStart && r.strictIds.has(id)) return false;
      const code = S.region[id]!;
      return Math.min(distance(named, code, r.start), distance(strongTowns, code, r.start)) <= WEAK_WINDOW;
    });
    if (!ids.length) continue;
    if (ids.length > 1) ids.sort((a, b) => near(a) - near(b) || S.population[b]! - S.population[a]! || (S.flags[b]! & S_CURATED) - (S.flags[a]! & S_CURATED) || a - b);
    const id = ids[0]!;
    const region = S.region[id]!;
    // «в Светлогорском районе»: the district named after a town is an area of the region around
    // it, not the town, and a locative like any region's name. A city that is its own region
    // (Moscow, Kyiv, Minsk) has no region around it: "a Moscow district court" is in the city.
    const cityRegion = g.regionByCode.get(region)?.type === 'city';
    if (!cityRegion && ((r.j > r.i && r.flags & R_ADJECTIVAL && formOf(g, toks[r.j]!.key, DISTRICT_NOUNS)) || areas.has(r))) {
      out.push({ start: r.start, end: r.end, text: mtext, level: 'region', country: region.slice(0, 2), region, settlement: null, lat: null, lon: null, role: null });
      continue;
    }
    out.push({
      start: r.start, end: r.end, text: mtext, level: 'settlement', country: region.slice(0, 2), region,
      settlement: S.name[id]!, lat: S.lat[id]!, lon: S.lon[id]!, role,
    });
  }
  return out;
}

const DISTRICT_NOUNS = new Set(['район', 'раён'].map(normWord));
const AREA_NOUNS = new Set(['area', 'areas', 'district', 'districts', 'районы', 'районах', 'районов', 'районам', 'райони', 'районах', 'районів'].map(normWord));

/**
 * "the Vinnitsa, Chernivtsi, Odessa and Lviv areas", «в Курской и Белгородской областях»: towns
 * listed before a region noun name the regions around them. Every member of the run must be a town
 * («в Москве и Московской области» is a town and a region).
 */
function areaLists(g: Gazetteer, toks: Tok[], raws: Raw[]): Set<Raw> {
  const out = new Set<Raw>();
  let run: Raw[] = [];
  const flush = (): void => {
    const last = run[run.length - 1];
    const next = last ? toks[last.j + 1] : undefined;
    if (last && next && spacesOnly(next.text, next.prevEnd, next.start, false) && !next.upper &&
      (formOf(g, next.key, g.typeNouns) || AREA_NOUNS.has(next.key))) for (const r of run) out.add(r);
    run = [];
  };
  for (const r of raws) {
    const prev = run[run.length - 1];
    if (r.kind !== K_SETTLEMENT) { flush(); continue; }
    if (prev && !LIST_JOIN.test(toks[r.i]!.text.slice(toks[prev.j]!.end, r.start))) flush();
    run.push(r);
  }
  flush();
  return out;
}
const LIST_JOIN = /^(?:\s*,\s*|\s+(?:and|or|и|і|та|й)\s+|\s*,\s*(?:and|or|и|і|та|й)\s+)$/u;

/** Every region in the gazetteer (Russian subjects, Ukrainian oblasts, Belarusian regions). */
export function listRegions(): RegionInfo[] {
  return getGazetteer().regions.map(info);
}

function info(r: Gazetteer['regions'][number]): RegionInfo {
  return { code: r.code, country: r.country, name: { ...r.name }, population: r.population, capital: r.capital };
}

export function lookupRegion(code: string): RegionInfo | undefined {
  const r = getGazetteer().regionByCode.get(code.trim().toUpperCase());
  return r ? info(r) : undefined;
}

/** The region's name in a language; the code itself when unknown. */
export function regionName(code: string, lang: 'en' | 'ru' | 'uk'): string {
  return getGazetteer().regionByCode.get(code.trim().toUpperCase())?.name[lang] ?? code;
}

/**
 * A settlement by any of its known names or aliases, in any language and case form, in any letter
 * case (for editors' corrections). Homonyms resolve to the most populous.
 */
export function lookupSettlement(name: string): PlaceMention | undefined {
  const g = getGazetteer();
  const toks = tokenize(name, g);
  if (!toks.length) return undefined;
  const m = longestAt(g, toks, 0);
  const S = g.settlements;
  let ids = m && m.j === toks.length - 1 ? [...new Set(m.refs.filter((r) => r.kind === K_SETTLEMENT).map((r) => r.id))] : [];
  // Towns known only by a guessed Cyrillic spelling (not in the trie).
  if (!ids.length && toks.length === 1) ids = [...guessIds(g, toks[0]!.key, true)];
  if (!ids.length) return undefined;
  ids.sort((a, b) => S.population[b]! - S.population[a]! || (S.flags[b]! & S_CURATED) - (S.flags[a]! & S_CURATED) || a - b);
  const id = ids[0]!;
  const region = S.region[id]!;
  return {
    start: 0, end: name.length, text: name, level: 'settlement', country: region.slice(0, 2), region,
    settlement: S.name[id]!, lat: S.lat[id]!, lon: S.lon[id]!, role: null,
  };
}
