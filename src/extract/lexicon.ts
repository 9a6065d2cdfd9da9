/**
 * Language lexicons: loads src/extract/data/lexicon.<lang>.json, validates it, compiles its patterns
 * once (lazily, on first use) and caches the result. The engine only ever sees CompiledLexicon.
 */
import { readDataFile } from './datafiles.js';
import { B, E, LazyPattern, WordScanner } from './scan.js';
import { COUNT_KEYS, EVENT_TYPES, QUALIFIERS, isEventType } from './record.js';
import type { CountKey, EventType, Lang, Qualifier } from './record.js';

export type TriggerEntry = string | { re: string; weak?: boolean; standalone?: boolean; modifier?: boolean; measure?: string; note?: string };
interface FilterEntry { re: string; weakOnly?: boolean; types?: string[]; note?: string }

/** The JSON file as an editor writes it (see data/lexicon.en.json and README.md). */
export interface RawLexicon {
  lang: Lang;
  version: string;
  triggers: Partial<Record<EventType, TriggerEntry[]>>;
  mergeGroups?: string[][];
  eventive: string[];
  suppressBefore: FilterEntry[];
  suppressAfter: FilterEntry[];
  tallyCues: string[];
  passiveTally?: string;
  /** Before a number: the group is one already told ("all three", «всем троим»): the same event's people, no tally. */
  knownGroup?: string;
  /** Before a date: the verb of telling ("police said on Tuesday"): the day it was told, not the day of the act. */
  speechDateBefore?: string;
  hedges: { claimed: string[]; rumoured: string[] };
  attribution: string[];
  attributionBack?: string[];
  attributionStop?: string[];
  attributionGate?: string;
  attributionSuffix?: string;
  reportedSpeech?: string;
  actors: string[];
  actorNames: string[];
  targets: Record<string, string[]>;
  typeTargets?: Partial<Record<EventType, string[]>>;
  typeDefaultTargets?: Partial<Record<EventType, string>>;
  retypeByTarget?: Partial<Record<EventType, Record<string, string>>>;
  responsibility?: string;
  countNouns: Record<string, string[]>;
  typeMeasure: Partial<Record<EventType, string>>;
  qualifiers: Partial<Record<Qualifier, string[]>>;
  numberWords: Record<string, number>;
  multipliers?: Record<string, number>;
  vagueNumbers?: Record<string, number>;
  nonCountUnits: string[];
  nonCountBefore: string[];
  warContext: string[];
  warStart?: string;
  institutions?: Record<string, string[]>;
  anaphora: string[];
  specificSubject?: string;
  genericSentence?: string[];
  newEvent?: string[];
  destinationBefore: string[];
  /** "the village of", «села», «смт»: a town named right after one is named as the place. */
  settlementNouns?: string[];
  /** Institutions a town adjective can name («петербургский суд», "Moscow's city court"): then the adjective locates. */
  placeInstitutions?: string[];
  /** "the same happened in X", «то же самое произошло»: the record just told, again, with its own place and day. */
  repeatEvent?: string[];
  /** "about", «о», «про»: a place in a noun phrase after it is a topic ("leaflets about the bombing in Mariupol"). */
  topicBefore?: string[];
  abbreviations: string[];
  boilerplate: { cutFrom: string[]; dropLine: string[] };
  typeLabels: Partial<Record<EventType, string>>;
  words?: Record<string, string>;
}

export interface TriggerDef {
  type: EventType;
  weak: boolean;
  standalone: boolean;
  /** Describes the purpose of another act ("in protest against"): dropped when the sentence has another trigger. */
  modifier: boolean;
  measure: CountKey | null;
  source: string;
}

/** A filter's pattern compiles on first need (most filters never meet their words in a short text). */
export interface FilterDef { re: LazyPattern; weakOnly: boolean; types: Set<EventType> | null }

/** Count-noun categories: the counts keys plus two the engine maps itself. */
export type NounCategory = CountKey | 'places' | 'events';

export interface CompiledLexicon {
  lang: Lang;
  version: string;
  /** Every trigger entry, in file order (earlier wins at a position); a hit's group is its triggerDefs index. */
  triggers: WordScanner;
  triggerDefs: TriggerDef[];
  mergeGroup: Map<EventType, number>;
  eventive: RegExp;
  suppressBefore: FilterDef[];
  suppressAfter: FilterDef[];
  tallyCue: RegExp;
  passiveTally: RegExp | null;
  knownGroup: RegExp | null;
  speechDateBefore: RegExp | null;
  claimed: RegExp;
  rumoured: RegExp;
  attribution: RegExp[];
  attributionBack: RegExp[];
  attributionStop: Set<string>;
  /** Cheap test before the attribution patterns run: a sentence without any of these words has no source. */
  attributionGate: RegExp | null;
  /** Stripped from the end of a source ("Mediazona's calculations" → "Mediazona"). */
  attributionSuffix: RegExp | null;
  /** Between a date and a trigger: the date is when it was told, the event is on or before it. */
  reportedSpeech: RegExp | null;
  actors: RegExp[];
  actorNames: WordScanner | null;
  /** Target words; a hit's group is its targetKeys index. */
  targets: WordScanner;
  targetKeys: string[];
  typeTargets: Map<EventType, string[]>;
  typeDefaultTargets: Map<EventType, string>;
  /** A fire set to a relay cabinet is sabotage: type → target → new type. */
  retypeByTarget: Map<EventType, Map<string, EventType>>;
  /** "X claimed responsibility": X is the actor of the record told just before. */
  responsibility: RegExp | null;
  /** Sticky: a count noun after optional modifiers; group i+1 is nounCats[i]. */
  countNounRe: RegExp;
  nounCats: NounCategory[];
  typeMeasure: Map<EventType, CountKey>;
  /** Anchored at the end of the text before a number; group i+1 is qualifierKeys[i]. */
  qualifierRe: RegExp;
  qualifierKeys: Qualifier[];
  numberWords: Map<string, number>;
  multipliers: Map<string, number>;
  vagueNumbers: Map<string, number>;
  nonCountAfter: RegExp;
  nonCountBefore: RegExp;
  warContext: RegExp;
  warStart: string | null;
  /** Named institutions that place an unplaced event in a country ("the State Duma" → RU); a hit's group ↔ institutionCountries[i]. */
  institutions: WordScanner;
  institutionCountries: string[];
  anaphora: RegExp;
  /** "a 19-year-old student", "a woman": one particular person, which anchors an undated, unplaced event. */
  specificSubject: RegExp | null;
  /** Discourse, not report ("not all of them should be considered..."): the sentence yields no record. */
  genericSentence: RegExp;
  /** A sentence that announces another event ("it has also been reported"): never folded into the one before. */
  newEvent: RegExp;
  destinationBefore: RegExp;
  /**
   * Anchored at the end of the text before a place: a topic word and up to six words with no clause
   * break ("о бомбардировке художественной школы в "); the match starts at the topic word.
   */
  topicBefore: RegExp | null;
  /** A sentence that tells the event just told again elsewhere or later ("the same happened in Tomsk"). */
  repeatEvent: RegExp;
  /** Anchored at the end of the text before a town: a settlement noun ("the village of", «жители села»). */
  settlementNoun: RegExp | null;
  /** Sticky at the end of a town adjective: an institution noun within two words after it. */
  placeInstitution: RegExp | null;
  abbreviations: Set<string>;
  boilerplateCut: RegExp;
  boilerplateDrop: RegExp;
  typeLabels: Map<EventType, string>;
  words: Map<string, string>;
}

export { B, E };

export class LexiconError extends Error {
  constructor(readonly file: string, readonly where: string, message: string) {
    super(`${file}: ${where}: ${message}`);
    this.name = 'LexiconError';
  }
}

export interface CompileOptions {
  /**
   * Compile every pattern now (tests, lexicon checks) instead of on first use. Either way a bad
   * pattern throws LexiconError naming the entry; lazily, when a text first reaches it.
   */
  eager?: boolean;
}

const cache = new Map<Lang, CompiledLexicon | null>();

/** The compiled lexicon for a language, or null when the language has no lexicon file. */
export function getLexicon(lang: Lang): CompiledLexicon | null {
  if (cache.has(lang)) return cache.get(lang) ?? null;
  const file = `lexicon.${lang}.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(readDataFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      cache.set(lang, null);
      return null;
    }
    throw new LexiconError(file, 'file', `not valid JSON: ${(err as Error).message}`);
  }
  const lex = compileLexicon(raw, file);
  cache.set(lang, lex);
  return lex;
}

/** Validates a parsed lexicon file and compiles it; throws LexiconError naming the entry at fault. */
export function compileLexicon(input: unknown, file = 'lexicon', opts: CompileOptions = {}): CompiledLexicon {
  const fail = (where: string, msg: string): never => {
    throw new LexiconError(file, where, msg);
  };
  if (typeof input !== 'object' || input === null) fail('file', 'expected a JSON object');
  const raw = input as RawLexicon;
  const strList = (v: unknown, where: string): string[] => {
    if (v === undefined) return []; // a section a language does not need
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(where, 'expected a list of strings');
    return v as string[];
  };
  const re = (src: string, where: string, flags = 'iu', wrap = true): RegExp => {
    try {
      return new RegExp(wrap ? `${B}(?:${src})${E}` : src, flags);
    } catch (err) {
      return fail(where, `bad pattern ${JSON.stringify(src)}: ${(err as Error).message}`);
    }
  };
  // Entries are checked one by one only when their alternation does not compile: the loader names
  // the entry at fault without paying for hundreds of separate compilations on every start.
  const alt = (list: string[], where: string): string => {
    const joined = list.map((s) => `(?:${s})`).join('|');
    try {
      new RegExp(joined, 'iu');
    } catch {
      list.forEach((s, i) => re(s, `${where}[${i}]`));
    }
    return joined;
  };
  const oneOf = (list: string[], where: string, flags = 'iu'): RegExp =>
    list.length ? re(alt(list, where), where, flags) : /(?!)/u;

  if (typeof raw.lang !== 'string') fail('lang', 'missing');
  if (typeof raw.version !== 'string') fail('version', 'missing');
  if (typeof raw.triggers !== 'object' || raw.triggers === null) fail('triggers', 'missing');

  // Triggers: one entry each, in file order (earlier wins at a position); compiled on first use.
  const triggerDefs: TriggerDef[] = [];
  const triggerEntries: { src: string; group: number; where: string }[] = [];
  for (const [type, entries] of Object.entries(raw.triggers)) {
    if (!isEventType(type)) fail(`triggers.${type}`, `unknown type; use one of ${EVENT_TYPES.join(', ')}`);
    if (!Array.isArray(entries)) fail(`triggers.${type}`, 'expected a list');
    (entries as TriggerEntry[]).forEach((e, i) => {
      const where = `triggers.${type}[${i}]`;
      const spec = typeof e === 'string' ? { re: e } : e;
      if (typeof spec !== 'object' || spec === null || typeof spec.re !== 'string') fail(where, 'expected a string or {re: string}');
      if (spec.measure !== undefined && !(COUNT_KEYS as readonly string[]).includes(spec.measure)) {
        fail(where, `unknown measure ${spec.measure}; use one of ${COUNT_KEYS.join(', ')}`);
      }
      // Hits are told apart by entry, not by group numbers: a group of its own is an editor's slip.
      const captures = countCaptures(spec.re);
      if (captures < 0) fail(where, `bad pattern ${JSON.stringify(spec.re)}: unbalanced parentheses`);
      if (captures > 0) fail(where, 'a pattern has a capturing group; use (?:...) instead');
      triggerEntries.push({ src: spec.re, group: triggerDefs.length, where });
      triggerDefs.push({
        type: type as EventType,
        weak: spec.weak === true,
        standalone: spec.standalone === true,
        modifier: spec.modifier === true,
        measure: (spec.measure as CountKey | undefined) ?? null,
        source: spec.re,
      });
    });
  }
  const scanner = (entries: { src: string; group: number; where: string }[], groups: number): WordScanner =>
    new WordScanner(entries, 'iu', groups, (i, err) => fail(entries[i]!.where, `bad pattern ${JSON.stringify(entries[i]!.src)}: ${err.message}`));
  const eagerly = (w: WordScanner): WordScanner => {
    if (opts.eager) w.compileAll();
    return w;
  };
  const triggers = eagerly(scanner(triggerEntries, triggerDefs.length));

  const mergeGroup = new Map<EventType, number>();
  (raw.mergeGroups ?? []).forEach((g, i) => {
    for (const t of g) {
      if (!isEventType(t)) fail(`mergeGroups[${i}]`, `unknown type ${t}`);
      mergeGroup.set(t as EventType, i);
    }
  });

  const filters = (list: FilterEntry[] | undefined, where: string, anchor: 'start' | 'end'): FilterDef[] =>
    (list ?? []).map((f, i) => {
      if (typeof f !== 'object' || f === null || typeof f.re !== 'string') fail(`${where}[${i}]`, 'expected {re: string}');
      const types = f.types ? new Set(f.types.map((t) => (isEventType(t) ? t : fail(`${where}[${i}]`, `unknown type ${t}`)))) : null;
      const src = anchor === 'end' ? `${B}(?:${f.re})$` : `^(?:${f.re})`;
      const pattern = new LazyPattern(f.re, () => re(src, `${where}[${i}]`, 'iu', false));
      if (opts.eager) pattern.compile();
      return { re: pattern, weakOnly: f.weakOnly === true, types };
    });

  const targetKeys = Object.keys(raw.targets ?? {});
  const targets = eagerly(scanner(targetKeys.flatMap((k, g) => strList(raw.targets[k], `targets.${k}`).map((src, i) => ({ src, group: g, where: `targets.${k}[${i}]` }))), targetKeys.length));

  const nounCats: NounCategory[] = [];
  const nounParts: string[] = [];
  const validCats = new Set<string>([...COUNT_KEYS, 'places', 'events']);
  // Longer nouns first so "enlistment offices" wins over "offices".
  const nounEntries: [string, string][] = [];
  for (const [cat, list] of Object.entries(raw.countNouns ?? {})) {
    if (!validCats.has(cat)) fail(`countNouns.${cat}`, 'unknown category');
    for (const n of strList(list, `countNouns.${cat}`)) nounEntries.push([cat, n]);
  }
  nounEntries.sort((a, b) => b[1].length - a[1].length);
  for (const [cat, n] of nounEntries) {
    nounCats.push(cat as NounCategory);
    nounParts.push(`(${n})`);
  }
  // Up to three modifiers ("male", "Russian", "recruiting") between the number and its noun.
  const countNounRe = re(`\\s+(?:[\\p{L}’'-]+\\s+){0,3}?(?:${nounParts.join('|')})${E}`, 'countNouns', 'iuy', false);

  const typeMeasure = new Map<EventType, CountKey>();
  for (const [t, m] of Object.entries(raw.typeMeasure ?? {})) {
    if (!isEventType(t)) fail(`typeMeasure.${t}`, 'unknown type');
    if (!(COUNT_KEYS as readonly string[]).includes(m)) fail(`typeMeasure.${t}`, `unknown measure ${m}`);
    typeMeasure.set(t as EventType, m as CountKey);
  }

  const qualifierKeys: Qualifier[] = [];
  const qparts: string[] = [];
  for (const [q, list] of Object.entries(raw.qualifiers ?? {})) {
    if (!(QUALIFIERS as readonly string[]).includes(q)) fail(`qualifiers.${q}`, 'unknown qualifier');
    qualifierKeys.push(q as Qualifier);
    qparts.push(`(${alt(strList(list, `qualifiers.${q}`), `qualifiers.${q}`)})`);
  }
  const qualifierRe = re(`${B}(?:${qparts.join('|') || '(?!)'})\\s*$`, 'qualifiers', 'iu', false);

  const numMap = (o: Record<string, number> | undefined, where: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [k, v] of Object.entries(o ?? {})) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${where}.${k}`, 'expected a non-negative number');
      m.set(k.toLowerCase(), v);
    }
    return m;
  };

  const typeTargets = new Map<EventType, string[]>();
  for (const [t, l] of Object.entries(raw.typeTargets ?? {})) {
    if (!isEventType(t)) fail(`typeTargets.${t}`, 'unknown type');
    for (const k of strList(l, `typeTargets.${t}`)) if (!targetKeys.includes(k)) fail(`typeTargets.${t}`, `unknown target ${k}`);
    typeTargets.set(t as EventType, l);
  }
  const typeDefaultTargets = new Map<EventType, string>();
  for (const [t, k] of Object.entries(raw.typeDefaultTargets ?? {})) {
    if (!isEventType(t)) fail(`typeDefaultTargets.${t}`, 'unknown type');
    typeDefaultTargets.set(t as EventType, k);
  }
  const retypeByTarget = new Map<EventType, Map<string, EventType>>();
  for (const [t, m] of Object.entries(raw.retypeByTarget ?? {})) {
    if (!isEventType(t)) fail(`retypeByTarget.${t}`, 'unknown type');
    const inner = new Map<string, EventType>();
    for (const [k, to] of Object.entries(m ?? {})) {
      if (!targetKeys.includes(k)) fail(`retypeByTarget.${t}.${k}`, 'unknown target');
      if (!isEventType(to)) fail(`retypeByTarget.${t}.${k}`, `unknown type ${to}`);
      inner.set(k, to as EventType);
    }
    retypeByTarget.set(t as EventType, inner);
  }
  const typeLabels = new Map<EventType, string>();
  for (const t of EVENT_TYPES) typeLabels.set(t, raw.typeLabels?.[t] ?? t);

  if (raw.warStart !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(raw.warStart)) fail('warStart', 'expected YYYY-MM-DD');

  return {
    lang: raw.lang,
    version: raw.version,
    triggers,
    triggerDefs,
    mergeGroup,
    eventive: oneOf(strList(raw.eventive, 'eventive'), 'eventive'),
    suppressBefore: filters(raw.suppressBefore, 'suppressBefore', 'end'),
    suppressAfter: filters(raw.suppressAfter, 'suppressAfter', 'start'),
    tallyCue: oneOf(strList(raw.tallyCues, 'tallyCues'), 'tallyCues'),
    passiveTally: raw.passiveTally ? re(raw.passiveTally, 'passiveTally', 'iu', false) : null,
    speechDateBefore: raw.speechDateBefore ? re(`(?<![\\p{L}\\p{N}_])(?:${raw.speechDateBefore})\\s*$`, 'speechDateBefore', 'iu', false) : null,
    knownGroup: raw.knownGroup ? re(`(?<![\\p{L}\\p{N}_])(?:${raw.knownGroup})\\s+$`, 'knownGroup', 'iu', false) : null,
    claimed: oneOf(strList(raw.hedges?.claimed ?? [], 'hedges.claimed'), 'hedges.claimed'),
    rumoured: oneOf(strList(raw.hedges?.rumoured ?? [], 'hedges.rumoured'), 'hedges.rumoured'),
    // Attribution and actor patterns are case-sensitive: capitals mark names.
    attribution: strList(raw.attribution, 'attribution').map((s, i) => re(s, `attribution[${i}]`, 'gu', false)),
    attributionBack: strList(raw.attributionBack ?? [], 'attributionBack').map((s, i) => re(s, `attributionBack[${i}]`, 'gu', false)),
    attributionStop: new Set(strList(raw.attributionStop ?? [], 'attributionStop').map((s) => s.toLowerCase())),
    attributionGate: raw.attributionGate ? re(raw.attributionGate, 'attributionGate', 'iu', false) : null,
    attributionSuffix: raw.attributionSuffix ? re(raw.attributionSuffix, 'attributionSuffix', 'u', false) : null,
    reportedSpeech: raw.reportedSpeech ? re(raw.reportedSpeech, 'reportedSpeech', 'iu', false) : null,
    actors: strList(raw.actors, 'actors').map((s, i) => re(s, `actors[${i}]`, 'gu', false)),
    actorNames: raw.actorNames?.length ? eagerly(scanner(strList(raw.actorNames, 'actorNames').map((src, i) => ({ src, group: 0, where: `actorNames[${i}]` })), 0)) : null,
    targets,
    targetKeys,
    typeTargets,
    typeDefaultTargets,
    retypeByTarget,
    responsibility: raw.responsibility ? re(raw.responsibility, 'responsibility', 'iu') : null,
    countNounRe,
    nounCats,
    typeMeasure,
    qualifierRe,
    qualifierKeys,
    numberWords: numMap(raw.numberWords, 'numberWords'),
    multipliers: numMap(raw.multipliers, 'multipliers'),
    vagueNumbers: numMap(raw.vagueNumbers, 'vagueNumbers'),
    nonCountAfter: re(`\\s*(?:${alt(strList(raw.nonCountUnits, 'nonCountUnits'), 'nonCountUnits')})${E}`, 'nonCountUnits', 'iuy', false),
    nonCountBefore: re(`${B}(?:${alt(strList(raw.nonCountBefore, 'nonCountBefore'), 'nonCountBefore')})\\s*$`, 'nonCountBefore', 'iu', false),
    warContext: oneOf(strList(raw.warContext, 'warContext'), 'warContext'),
    warStart: raw.warStart ?? null,
    ...institutions(raw.institutions, (e, g) => eagerly(scanner(e, g)), fail),
    anaphora: re(`^[\\s"“‘'(]*(?:${alt(strList(raw.anaphora, 'anaphora'), 'anaphora')})${E}`, 'anaphora', 'iu', false),
    specificSubject: raw.specificSubject ? re(raw.specificSubject, 'specificSubject', 'iu', false) : null,
    genericSentence: oneOf(strList(raw.genericSentence ?? [], 'genericSentence'), 'genericSentence'),
    newEvent: oneOf(strList(raw.newEvent ?? [], 'newEvent'), 'newEvent'),
    destinationBefore: re(`${B}(?:${alt(strList(raw.destinationBefore, 'destinationBefore'), 'destinationBefore')})\\s+(?:the\\s+)?(?:\\p{Ll}[\\p{L}-]*\\s+)?$`, 'destinationBefore', 'iu', false),
    settlementNoun: raw.settlementNouns?.length
      ? re(`${B}(?:${alt(strList(raw.settlementNouns, 'settlementNouns'), 'settlementNouns')})\\s+$`, 'settlementNouns', 'iu', false)
      : null,
    placeInstitution: raw.placeInstitutions?.length
      ? re(`['’]?s?\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${alt(strList(raw.placeInstitutions, 'placeInstitutions'), 'placeInstitutions')})${E}`, 'placeInstitutions', 'iuy', false)
      : null,
    repeatEvent: oneOf(strList(raw.repeatEvent ?? [], 'repeatEvent'), 'repeatEvent'),
    topicBefore: raw.topicBefore?.length
      ? re(`${B}(?:${alt(strList(raw.topicBefore, 'topicBefore'), 'topicBefore')})\\s+(?![\\d])(?:[^\\s,;:.!?()«»"“”—–]+\\s+){0,6}$`, 'topicBefore', 'iu', false)
      : null,
    abbreviations: new Set(strList(raw.abbreviations, 'abbreviations').map((s) => s.replaceAll('\\.', '.'))),
    boilerplateCut: re(`^\\s*(?:${alt(strList(raw.boilerplate?.cutFrom ?? [], 'boilerplate.cutFrom'), 'boilerplate.cutFrom') || '(?!)'})\\s*$`, 'boilerplate.cutFrom', 'iu', false),
    boilerplateDrop: re(`^\\s*(?:${alt(strList(raw.boilerplate?.dropLine ?? [], 'boilerplate.dropLine'), 'boilerplate.dropLine') || '(?!)'})\\s*$`, 'boilerplate.dropLine', 'iu', false),
    typeLabels,
    words: new Map(Object.entries(raw.words ?? {})),
  };
}

function institutions(
  o: Record<string, string[]> | undefined, scanner: (e: { src: string; group: number; where: string }[], groups: number) => WordScanner,
  fail: (w: string, m: string) => never,
): { institutions: WordScanner; institutionCountries: string[] } {
  const keys = Object.keys(o ?? {});
  for (const k of keys) if (!/^[A-Z]{2}$/.test(k)) fail(`institutions.${k}`, 'expected an ISO 3166-1 alpha-2 code');
  const entries = keys.flatMap((k, g) => {
    const list = o![k];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) fail(`institutions.${k}`, 'expected a list of strings');
    return list!.map((src, i) => ({ src, group: g, where: `institutions.${k}[${i}]` }));
  });
  return { institutions: scanner(entries, keys.length), institutionCountries: keys };
}

/**
 * Capturing groups in a pattern source: `(` not escaped, not in a class, not `(?:`/lookaround
 * (a named group `(?<name>` captures); -1 when the parentheses do not balance. A cheap check at
 * load: compiling the pattern (which would tell the same) waits until a text needs it.
 */
export function countCaptures(src: string): number {
  let n = 0;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === ')') { if (--depth < 0) return -1; continue; }
    if (c !== '(') continue;
    depth++;
    if (src[i + 1] !== '?') { n++; continue; }
    if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') n++;
  }
  return depth === 0 ? n : -1;
}
