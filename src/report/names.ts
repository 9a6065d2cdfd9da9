/**
 * Private persons' names in summaries and evidence, replaced by initials before an overview or an
 * export leaves the database ("Иван Петров" → "И. П."). Rule-based on purpose: every decision can
 * be traced to a rule or a data file an editor can extend (data/first-names.json,
 * data/public-names.json).
 *
 * A span is taken for a person's name when it is
 *   - a known given name followed by a capitalised word (Иван Петров, Kirill Butylin), with an
 *     optional patronymic between them (Иван Сергеевич Петров);
 *   - a given name and a patronymic (Иван Сергеевич), or surname, given name and patronymic;
 *   - initials and a capitalised word (И. Петров, I. S. Petrov), or a capitalised word and
 *     initials (Петров И. С.).
 * A name on the public list (officials, public figures: surname and given name, or its initial)
 * stays, in any case form (Владимира Путина); listed organisations are never read as names.
 *
 * Known limits: a surname alone ("Петров said") and given names missing from the list are not
 * found. Those are better found by an editor than guessed: the rules err towards replacing a
 * capitalised word after a known given name, which at worst hides a street or a ship's name.
 */
import { readFileSync } from 'node:fs';
import { pkgPath } from '../paths.js';

interface FirstNamesFile { cyrillic: string[]; latin: string[] }
interface PublicPerson { given: string[]; surname: string[]; who?: string }
interface PublicNamesFile { people: PublicPerson[]; organisations: string[] }
interface PublicEntry { surname: Set<string>; given: Set<string>; initials: Set<string> }

export interface NameLists {
  /** Lower-case stems of given names (see stemsOf). */
  given: Set<string>;
  /** Public figures: stems of their surnames and given names, and the given names' initials. */
  publicPeople: PublicEntry[];
  /** The same people by each stem of their surnames. */
  publicBySurname: Map<string, PublicEntry[]>;
  /** Organisation names, lower-case, longest first. */
  organisations: string[];
}

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  /** On the public list: kept as written. */
  isPublic: boolean;
}

const CASE_ENDINGS = ['ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ами', 'ой', 'ей', 'ею', 'ою', 'ым', 'им', 'ом', 'ем', 'ую', 'юю', 'ая', 'яя', 'а', 'я', 'у', 'ю', 'е', 'ы', 'и', 'і', 'ї'];
const LATIN_ENDINGS = ["'s", '’s'];

/** Forms that a nominative name shares with its case forms: Алексей → алексе, Анна → анн, Павел → павл. */
function stemsOf(name: string): string[] {
  const n = name.toLowerCase().replace(/ё/g, 'е');
  const out = [n];
  if (/[аяйьыо]$/.test(n)) out.push(n.slice(0, -1));
  if (/(ий|ый|ой|ая|яя)$/.test(n)) out.push(n.slice(0, -2));
  if (/ел$/.test(n)) out.push(`${n.slice(0, -2)}л`); // fleeting vowel: Павел → Павла
  return out;
}

// Candidate stems of the words seen, remembered: the same words recur across thousands of texts.
const candidateMemo = new Map<string, string[]>();

/** Candidate stems of a word as written in a text: itself and itself minus a case ending. */
function candidates(word: string): string[] {
  let c = candidateMemo.get(word);
  if (c === undefined) {
    c = computeCandidates(word);
    if (candidateMemo.size > 100_000) candidateMemo.clear(); // bounded over a million texts
    candidateMemo.set(word, c);
  }
  return c;
}

function computeCandidates(word: string): string[] {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  const out = [w];
  for (const e of CASE_ENDINGS) if (w.length > e.length + 2 && w.endsWith(e)) out.push(w.slice(0, -e.length));
  for (const e of LATIN_ENDINGS) if (w.endsWith(e)) out.push(w.slice(0, -e.length));
  return out;
}

let cached: NameLists | null = null;

/** The bundled lists (src/report/data). */
export function defaultNameLists(): NameLists {
  if (cached) return cached;
  const first = JSON.parse(readFileSync(pkgPath('src/report/data/first-names.json'), 'utf8')) as FirstNamesFile;
  const pub = JSON.parse(readFileSync(pkgPath('src/report/data/public-names.json'), 'utf8')) as PublicNamesFile;
  cached = makeNameLists([...first.cyrillic, ...first.latin], pub.people, pub.organisations);
  return cached;
}

export function makeNameLists(given: string[], publicPeople: PublicPerson[], organisations: string[]): NameLists {
  const people: PublicEntry[] = publicPeople.map((p) => ({
    surname: new Set(p.surname.flatMap(stemsOf)),
    given: new Set(p.given.flatMap(stemsOf)),
    initials: new Set(p.given.map((g) => [...g][0]!.toUpperCase())),
  }));
  const bySurname = new Map<string, PublicEntry[]>();
  for (const p of people) for (const stem of p.surname) bySurname.set(stem, [...(bySurname.get(stem) ?? []), p]);
  return {
    given: new Set(given.flatMap(stemsOf)),
    publicPeople: people,
    publicBySurname: bySurname,
    organisations: [...new Set(organisations.map((o) => o.toLowerCase()))].sort((a, b) => b.length - a.length),
  };
}

const has = (set: Set<string>, word: string): boolean => candidates(word).some((c) => set.has(c));

// Whether a word is a known given name, remembered: the same words recur across thousands of texts.
const givenMemo = new WeakMap<NameLists, Map<string, boolean>>();
function isGiven(lists: NameLists, word: string): boolean {
  let memo = givenMemo.get(lists);
  if (!memo) givenMemo.set(lists, (memo = new Map()));
  let v = memo.get(word);
  if (v === undefined) {
    v = has(lists.given, word);
    if (memo.size > 100_000) memo.clear(); // bounded: an export of a million texts must not grow it
    memo.set(word, v);
  }
  return v;
}

const PATRONYMIC = /^\p{Lu}\p{Ll}+(?:(?:ович|евич|ьич)(?:а|у|ем|ом|е)?|(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою)|ovich|evich|ovna|evna|ichna)$/u;
// A capitalised word (hyphenated parts allowed: Кара-Мурза) or an initial (И.).
const TOKEN = /\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*|\p{Lu}\./gu;

interface Tok { start: number; end: number; text: string; initial: boolean }

/** A letter or a digit (the character before a token that sits inside a word). */
function letterOrDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return /[\p{L}\d]/u.test(text[i]!);
}

/** Runs of capitalised words and initials separated only by spaces. */
function runs(text: string, masked: boolean[] | null): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index;
    const word = m[0];
    const t: Tok = { start, end: start + word.length, text: word, initial: word.length === 2 && word.charCodeAt(1) === 46 };
    // Inside a word (McDonald, camelCase) or inside an organisation's name: not a name token.
    if ((start > 0 && letterOrDigit(text, start - 1)) || masked?.[start]) {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    const prev = cur[cur.length - 1];
    // Joined by one space (or no-break space), or an initial right before the next token (И.Петров).
    const joined = prev !== undefined &&
      ((start === prev.end + 1 && (text.charCodeAt(prev.end) === 32 || text.charCodeAt(prev.end) === 0xa0)) || (prev.initial && start === prev.end));
    if (joined) cur.push(t);
    else {
      if (cur.length) out.push(cur);
      cur = [t];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Mark the characters that belong to a listed organisation's name; null when the text names none
 * (the common case: then nothing needs masking).
 */
function maskOrganisations(text: string, lists: NameLists): boolean[] | null {
  let mask: boolean[] | null = null;
  const lower = text.toLowerCase();
  for (const o of lists.organisations) {
    let i = lower.indexOf(o);
    while (i >= 0) {
      const after = lower[i + o.length];
      const before = i > 0 ? lower[i - 1] : undefined;
      // Whole words only, though case endings may follow (Мемориала).
      if (!(before && /\p{L}/u.test(before)) && !(after && /\p{L}/u.test(after) && /^\p{Lu}/u.test(text.slice(i + o.length)))) {
        mask ??= new Array<boolean>(text.length).fill(false);
        for (let k = i; k < i + o.length; k++) mask[k] = true;
      }
      i = lower.indexOf(o, i + o.length);
    }
  }
  return mask;
}

/** Person names found in a text, public ones flagged. */
export function findPersonNames(text: string, lists: NameLists = defaultNameLists()): NameSpan[] {
  // Most texts name nobody: look without the organisation mask first, and build the mask only
  // when something looks like a name (masking only ever removes candidates).
  const rough = scan(text, null, lists);
  if (rough.length === 0) return rough;
  const mask = maskOrganisations(text, lists);
  return mask ? scan(text, mask, lists) : rough;
}

function scan(text: string, masked: boolean[] | null, lists: NameLists): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const run of runs(text, masked)) {
    if (run.length < 2) continue; // every name has two parts at least
    let i = 0;
    while (i < run.length) {
      const taken = matchAt(run, i, lists);
      if (!taken) {
        i++;
        continue;
      }
      const [from, to, surnameIdx] = taken;
      const first = run[from]!;
      const last = run[to]!;
      const isPublic = isPublicName(run.slice(from, to + 1), surnameIdx.map((k) => k - from), lists);
      spans.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), isPublic });
      i = to + 1;
    }
  }
  return spans;
}

/**
 * A public figure's name: a listed surname together with one of that person's given names or its
 * initial. The surname alone is not enough: private persons share ministers' surnames.
 */
function isPublicName(tokens: Tok[], surnameIdx: number[], lists: NameLists): boolean {
  return surnameIdx.some((si) => {
    const people = new Set(candidates(tokens[si]!.text).flatMap((c) => lists.publicBySurname.get(c) ?? []));
    for (const p of people) {
      if (tokens.some((t, k) => k !== si && (t.initial ? p.initials.has(t.text[0]!.toUpperCase()) : has(p.given, t.text)))) return true;
    }
    return false;
  });
}

const isWord = (run: Tok[], k: number): boolean => k < run.length && !run[k]!.initial;
const isInitial = (run: Tok[], k: number): boolean => k < run.length && run[k]!.initial;
const isGivenAt = (run: Tok[], k: number, lists: NameLists): boolean => isWord(run, k) && isGiven(lists, run[k]!.text);
const isPatronymic = (run: Tok[], k: number): boolean => isWord(run, k) && PATRONYMIC.test(run[k]!.text);

/** [first token, last token, indices of tokens that may be the surname] of a name starting at i. */
function matchAt(run: Tok[], i: number, lists: NameLists): [number, number, number[]] | null {
  // Initials then a surname: И. Петров, I. S. Petrov.
  if (isInitial(run, i)) {
    let k = i;
    while (isInitial(run, k)) k++;
    return isWord(run, k) && k - i <= 3 ? [i, k, [k]] : null;
  }
  // Given name [patronymic] surname, or given name and patronymic alone.
  if (isGivenAt(run, i, lists)) {
    if (isPatronymic(run, i + 1)) return isWord(run, i + 2) ? [i, i + 2, [i + 2]] : [i, i + 1, [i + 1]];
    if (isWord(run, i + 1)) return [i, i + 1, [i + 1]];
  }
  // Surname, given name, patronymic: Петров Иван Сергеевич.
  if (isWord(run, i) && isGivenAt(run, i + 1, lists) && isPatronymic(run, i + 2)) return [i, i + 2, [i]];
  // Surname then initials: Петров И. С. (but "в Москве И. Петров": the initials belong to the next word).
  if (isWord(run, i) && isInitial(run, i + 1) && !isGivenAt(run, i, lists)) {
    let k = i + 1;
    while (isInitial(run, k) && k - i <= 3) k++;
    return isWord(run, k) ? null : [i, k - 1, [i]];
  }
  return null;
}

/** Initials of a name as written: "Ивана Петрова" → "И. П.". Parts are split at spaces and after each full stop. */
export function initials(name: string): string {
  let out = '';
  let inPart = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 32 || c === 0xa0 || (c >= 9 && c <= 13) || (c > 127 && /\s/u.test(name[i]!))) {
      inPart = false;
      continue;
    }
    if (!inPart) {
      const cp = name.codePointAt(i)!;
      out += `${out ? ' ' : ''}${String.fromCodePoint(cp).toUpperCase()}.`;
      inPart = true;
      if (cp > 0xffff) i++;
    }
    if (c === 46) inPart = false; // "И.С." is two parts
  }
  return out;
}

/** The text with private persons' names replaced by their initials. */
export function anonymise(text: string, lists: NameLists = defaultNameLists()): string {
  if (!text) return text;
  const spans = findPersonNames(text, lists).filter((s) => !s.isPublic);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    const short = initials(s.text);
    // "...против М. С. И." rather than "И..": the sentence's own full stop ends the initials.
    out += text.slice(at, s.start) + (text[s.end] === '.' ? short.slice(0, -1) : short);
    at = s.end;
  }
  return out + text.slice(at);
}
