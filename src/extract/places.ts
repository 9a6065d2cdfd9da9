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
  K_COUNTRY, K_REGION, K_SETTLEMENT, R_ACRONYM, R_ADJ_ONLY, R_ADJECTIVAL, R_DEMONYM, R_LOWER_OK, R_TRANSLIT, R_WEAK,
  S_CURATED,
} from './gazetteer.js';
import { normWord } from './gazetteer-morph.js';

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

interface Tok {
  start: number;
  end: number; // end of the word proper (a possessive 's is left out)
  key: string;
  upper: boolean; // first letter is a capital
  allCaps: boolean;
  join: boolean; // may continue a name begun on the previous token (only spaces or a hyphen between)
  gap: string; // the text between the previous token and this one
  poss: boolean; // English possessive 's follows
}

const WORD = /[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;
const POSS = /['’ʼ][sS]$/;
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
  // "St. Petersburg"
  return prevKey === 'st' && /^\.[ \u00a0]?$/.test(gap);
}

function tokenize(text: string, g: Gazetteer): Tok[] {
  const toks: Tok[] = [];
  let prevEnd = 0;
  let prevKey = '';
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    let raw = m[0];
    const fullEnd = start + raw.length;
    let poss = false;
    // "Moscow's" is Moscow, but "Engel's" (a romanised soft sign) is Engels.
    if (raw.length > 3 && POSS.test(raw) && /[a-z]/i.test(raw[0]!) && !g.forms.has(keyOf(raw))) {
      raw = raw.slice(0, -2);
      poss = true;
    }
    const gap = text.slice(prevEnd, start);
    const key = keyOf(raw);
    const c0 = raw[0]!;
    const upper = c0 !== c0.toLowerCase();
    toks.push({
      start, end: start + raw.length, key, upper,
      allCaps: upper && raw === raw.toUpperCase(),
      join: toks.length > 0 && joinable(gap, prevKey),
      gap, poss,
    });
    prevEnd = fullEnd;
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
  const l0 = lemmasOf(g, toks[i]!.key);
  if (l0 === undefined) return null;
  let best: Match | null = null;
  const visit = (node: TrieNode, j: number): void => {
    if (node.refs) {
      if (!best || j > best.j) best = { i, j, refs: [...node.refs] };
      else if (j === best.j) for (const r of node.refs) if (!best.refs.includes(r)) best.refs.push(r);
    }
    if (!node.next || j + 1 >= toks.length || j + 1 - i >= MAX_WORDS) return;
    const t = toks[j + 1]!;
    if (!t.join) return;
    const ls = lemmasOf(g, t.key);
    if (ls === undefined) return;
    if (typeof ls === 'string') { const c = node.next.get(ls); if (c) visit(c, j + 1); }
    else for (const l of ls) { const c = node.next.get(l); if (c) visit(c, j + 1); }
  };
  if (typeof l0 === 'string') { const n = g.root.get(l0); if (n) visit(n, i); }
  else for (const l of l0) { const n = g.root.get(l); if (n) visit(n, i); }
  return best;
}

const CONJ = new Set(['и', 'і', 'та', 'й', 'and', 'or', 'или', 'або', 'ды', 'і']);

/** "Самарской и Саратовской областях", "the Kursk and Belgorod regions": a region noun follows soon. */
function regionNounFollows(g: Gazetteer, toks: Tok[], j: number): boolean {
  for (let k = j + 1; k < toks.length && k <= j + 7; k++) {
    const t = toks[k]!;
    if (!/^[\s,\u00a0-]*$/.test(t.gap)) return false;
    const ls = lemmasOf(g, t.key);
    if (ls !== undefined && (typeof ls === 'string' ? g.typeNouns.has(ls) : ls.some((l) => g.typeNouns.has(l)))) return true;
    if (!t.upper && !CONJ.has(t.key)) return false;
  }
  return false;
}

function prevCue(g: Gazetteer, toks: Tok[], i: number, set: Set<string>): boolean {
  if (i === 0) return false;
  const t = toks[i]!;
  if (!/^[\s\u00a0]*(?:\.\s*)?$/.test(t.gap) && !/^\.?\s+$/.test(t.gap)) return false;
  let p = toks[i - 1]!;
  // "from the Luhansk region", "in the Crimea"
  if ((p.key === 'the') && i >= 2 && /^\s+$/.test(p.gap)) p = toks[i - 2]!;
  return set.has(p.key);
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
    if (r.flags & R_TRANSLIT && !cue) continue;
    ok.push(r);
  }
  if (!ok.length) return null;
  let top = Infinity;
  for (const r of ok) top = Math.min(top, PRIORITY(g, r));
  const chosen = ok.filter((r) => PRIORITY(g, r) === top);
  const r0 = chosen[0]!;
  const raw: Raw = {
    start: first.start, end: toks[m.j]!.end, i: m.i, j: m.j,
    kind: r0.kind, ids: [], weakIds: new Set(), flags: 0, cue, atStart,
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
  const key = toks.slice(m.i, m.j + 1).map((t) => t.key).join(' ');
  const lemmas = m.i === m.j ? [key, ...[lemmasOf(g, key) ?? []].flat()] : [key];
  const next = toks[m.j + 1];
  if (next && next.upper && /^[ \u00a0]+$/.test(next.gap) && lemmas.some((l) => S.firstNames.has(l))) {
    const nl = lemmasOf(g, next.key);
    const isTypeNoun = nl !== undefined && [nl].flat().some((l) => g.typeNouns.has(l));
    if (!isTypeNoun) return true;
  }
  const prev = toks[m.i - 1];
  if (!cue && prev && prev.upper && /^[ \u00a0]+$/.test(toks[m.i]!.gap) && lemmas.some((l) => S.surnames.has(l))) return true;
  return false;
}

function settle(raw: Raw, refs: Ref[], cue: boolean): Raw {
  raw.kind = K_SETTLEMENT;
  const ids = new Set<number>();
  for (const r of refs) {
    ids.add(r.id);
    // Weak names: a cue before them settles it, otherwise their region must be named nearby.
    if (r.flags & R_WEAK && !cue) raw.weakIds.add(r.id);
    raw.flags |= r.flags & (R_ADJECTIVAL | R_LOWER_OK);
  }
  // A strong reading of the same id wins over a weak one.
  for (const r of refs) if (!(r.flags & R_WEAK)) raw.weakIds.delete(r.id);
  raw.ids = [...ids];
  return raw;
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
    if (!m) continue;
    const r = candidates(g, toks, m);
    if (!r) continue;
    raws.push(r);
    i = m.j;
  }
  if (!raws.length) return [];

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
  const distance = (map: Map<string, number[]>, code: string, at: number): number => {
    let d = Infinity;
    for (const p of map.get(code) ?? []) if (p !== at) d = Math.min(d, Math.abs(p - at));
    return d;
  };
  const S = g.settlements;
  const out: PlaceMention[] = [];
  for (const r of raws) {
    const t = toks[r.j]!;
    let role: PlaceMention['role'] = null;
    if (t.poss || r.flags & R_ADJECTIVAL) role = 'adjectival';
    else if (prevCue(g, toks, r.i, g.originCues)) role = 'origin';
    const base = { start: r.start, end: r.end, text: text.slice(r.start, r.end), role };
    if (r.kind === K_COUNTRY) {
      const c = g.countries[r.ids[0]!]!;
      const m: PlaceMention = { ...base, level: 'country', country: c.code, region: null, settlement: null, lat: null, lon: null };
      if (r.flags & R_DEMONYM) { m.demonym = true; m.role = 'adjectival'; }
      out.push(m);
      continue;
    }
    if (r.kind === K_REGION) {
      const reg = g.regions[r.ids[0]!]!;
      out.push({ ...base, level: 'region', country: reg.country, region: reg.code, settlement: null, lat: null, lon: null });
      continue;
    }
    const near = (id: number): number => {
      const d = distance(named, S.region[id]!, r.start);
      return d <= REGION_WINDOW ? d : Infinity;
    };
    const ids = r.ids.filter((id) => {
      if (!r.weakIds.has(id)) return true;
      if (r.atStart) return false;
      const code = S.region[id]!;
      return Math.min(distance(named, code, r.start), distance(strongTowns, code, r.start)) <= WEAK_WINDOW;
    });
    if (!ids.length) continue;
    ids.sort((a, b) => near(a) - near(b) || S.population[b]! - S.population[a]! || (S.flags[b]! & S_CURATED) - (S.flags[a]! & S_CURATED) || a - b);
    const id = ids[0]!;
    const region = S.region[id]!;
    out.push({
      ...base, level: 'settlement', country: region.slice(0, 2), region, settlement: S.name[id]!,
      lat: S.lat[id]!, lon: S.lon[id]!,
    });
  }
  return out;
}

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
  if (!m || m.j !== toks.length - 1) return undefined;
  const S = g.settlements;
  const ids = [...new Set(m.refs.filter((r) => r.kind === K_SETTLEMENT).map((r) => r.id))];
  if (!ids.length) return undefined;
  ids.sort((a, b) => S.population[b]! - S.population[a]! || (S.flags[b]! & S_CURATED) - (S.flags[a]! & S_CURATED) || a - b);
  const id = ids[0]!;
  const region = S.region[id]!;
  return {
    start: 0, end: name.length, text: name, level: 'settlement', country: region.slice(0, 2), region,
    settlement: S.name[id]!, lat: S.lat[id]!, lon: S.lon[id]!, role: null,
  };
}
