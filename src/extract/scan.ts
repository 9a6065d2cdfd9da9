/**
 * Word-start scanning over a list of alternative patterns without one giant regex.
 *
 * V8 pays about 1-2 ms to compile each `\p{L}` under the `u`/`iu` flags, so a 120-entry trigger
 * alternation with hundreds of `\p{L}*` cost 1-1.5 s on the first exec (measured on the Russian
 * lexicon), which every one-document process paid in full. The scanner keeps the alternation's
 * semantics exactly:
 *
 *   combined = B(?:(?:e0)|(?:e1)|…)E   with flags giu, walked left to right, non-overlapping
 *
 * i.e. at each position where the lookbehind B holds, the first entry (in list order) whose sticky
 * `(?:ei)E` matches there wins, and the scan goes on from the end of the match. But it only compiles
 * an entry the first time its literal prefix (the letters every match must start with, read from
 * the pattern) occurs in a text; a short post compiles a handful of entries instead of all of them.
 * Positions are found by a small gate regex of the entries' first three letters; after
 * COMBINED_AFTER characters (a bulk run) the scanner switches to the combined regex itself, which
 * walks long text faster. test/extract/scan.test.ts checks both paths against the combined regex.
 */

/** Letter/digit boundaries that work for every script (\b is ASCII-only in JavaScript). */
export const B = '(?<![\\p{L}\\p{N}_])';
export const E = '(?![\\p{L}\\p{N}_])';

export interface ScanHit {
  /** Offset of the match in the text. */
  index: number;
  /** The matched text. */
  text: string;
  /** The group of the entry that matched (its key index). */
  group: number;
}

interface Entry {
  src: string;
  group: number;
  /**
   * Folded literal prefixes (up to MAX_PREFIX): every match starts with one of them; null = unknown,
   * undefined = not read yet (read when the entry is first a candidate).
   */
  prefixes: string[] | null | undefined;
  re: RegExp | null;
}

/**
 * After this many characters a scanner switches to its combined regex: its compile (0.3-1.5 s)
 * is then a small share of the run, and it scans about 15% faster than the prefix lookups.
 */
export const COMBINED_AFTER = 2_000_000;

/** Keys are literal prefixes cut to this length; a position's candidates come from its first KEY chars. */
const KEY = 3;
/** Prefixes are read up to this many characters (a cheap check before an entry is compiled). */
const MAX_PREFIX = 10;
/** Filters (LazyPattern) are gated on shorter prefixes: cheaper to read, nearly as selective. */
const FILTER_PREFIX = 5;
/** More alternatives than this and the prefix reading stops where it is (it stays a valid prefix). */
const MAX_ALTS = 64;

/**
 * Case folding of one UTF-16 unit that agrees with the `iu` flags' simple case folding on every
 * class of characters that fold together (ſ → s, K → k, ᲀ → в): upper- then lower-case it, keeping
 * the character when either step changes the length (ß, İ).
 */
export function foldChar(c: string): string {
  const u = c.toUpperCase();
  if (u.length === 1) {
    const l = u.toLowerCase();
    if (l.length === 1) return l;
  }
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/**
 * The BMP characters whose foldChar differs from toLowerCase (µ, İ, ı, ſ, Greek symbol forms,
 * old Cyrillic ᲀ-ᲈ…), Σ (lower-cased by context in a whole string) and surrogates: any of them
 * sends a string down the slow path, one character at a time. Listed by a scan of every BMP
 * character (test/extract/scan.test.ts repeats it).
 */
const FOLD_ODD = /[\u00b5\u0130\u0131\u017f\u03a3\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80-\u1c88\u1e9b\u1fbe\ud800-\udfff]|\u0345/;

export function foldString(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length && !FOLD_ODD.test(s)) return lower;
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Literal prefixes of a regex source (a conservative reading of the subset our lexicons use).

/** A partial reading: `s` is what the text starts with; `done` means the alternative ended there. */
interface Pre { s: string; done: boolean }

class PrefixReader {
  private i = 0;
  constructor(private readonly src: string, private readonly max = MAX_PREFIX) {}

  /** Prefixes of the whole source, or null when a match may start with anything. */
  read(): string[] | null {
    let alts: Pre[];
    try {
      alts = this.alternation();
      if (this.i !== this.src.length) return null;
    } catch {
      return null;
    }
    const out = new Set<string>();
    for (const a of alts) {
      if (a.s === '') return null;
      out.add(a.s);
    }
    return [...out];
  }

  private alternation(): Pre[] {
    const out: Pre[] = [...this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      out.push(...this.sequence());
    }
    return out;
  }

  private sequence(): Pre[] {
    let cur: Pre[] = [{ s: '', done: true }];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      // Every alternative has stopped: step over the rest of the sequence without reading it.
      if (!cur.some((c) => c.done)) { this.skipSequence(); break; }
      const atom = this.atom(); // null: a class or construct whose characters are not literal
      const q = this.quantifier();
      let next: Pre[];
      if (atom === null) {
        next = [{ s: '', done: false }];
        if (q.min === 0) next.push({ s: '', done: true });
      } else {
        // One occurrence is read; more repetitions stop the reading (still a valid prefix).
        const once = q.max === 1 ? atom : atom.map((a) => ({ s: a.s, done: false }));
        next = q.min === 0 ? [...once, { s: '', done: true }] : once;
      }
      cur = this.concat(cur, next);
    }
    return cur;
  }

  /** Moves to the `|` or `)` that ends the current sequence (escapes, classes and groups skipped whole). */
  private skipSequence(): void {
    let depth = 0;
    let inClass = false;
    for (; this.i < this.src.length; this.i++) {
      const c = this.src[this.i];
      if (c === '\\') { this.i++; continue; }
      if (inClass) { if (c === ']') inClass = false; continue; }
      if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') { if (depth === 0) return; depth--; }
      else if (c === '|' && depth === 0) return;
    }
    if (depth !== 0 || inClass) throw new Error('unbalanced');
  }

  private concat(cur: Pre[], next: Pre[]): Pre[] {
    // Every alternative has stopped: the rest of the sequence is only parsed past.
    if (!cur.some((c) => c.done)) return cur;
    const out: Pre[] = [];
    for (const c of cur) {
      if (!c.done || c.s.length >= this.max) { out.push({ s: c.s, done: false }); continue; }
      for (const n of next) {
        const s = c.s + n.s;
        out.push(s.length >= this.max ? { s: s.slice(0, this.max), done: false } : { s, done: n.done });
      }
    }
    if (out.length > MAX_ALTS) return dedupe(cur.map((c) => ({ s: c.s, done: false })));
    return dedupe(out);
  }

  private quantifier(): { min: number; max: number } {
    const c = this.src[this.i];
    let q = { min: 1, max: 1 };
    if (c === '?') { q = { min: 0, max: 1 }; this.i++; }
    else if (c === '*') { q = { min: 0, max: Infinity }; this.i++; }
    else if (c === '+') { q = { min: 1, max: Infinity }; this.i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (m) {
        const min = Number(m[1]);
        q = { min, max: m[2] ? (m[3] ? Number(m[3]) : Infinity) : min };
        this.i += m[0].length;
      }
    }
    if (q.min !== 1 || q.max !== 1) {
      if (this.src[this.i] === '?') this.i++; // lazy
      if (q.min > 1) q = { min: 1, max: Infinity }; // only the first repetition is read
    }
    return q;
  }

  /** Alternatives of one atom, or null when its characters are not literal. */
  private atom(): Pre[] | null {
    const c = this.src[this.i]!;
    if (c === '(') {
      this.i++;
      let look = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
        look = true;
        this.i += this.src[this.i + 1] === '<' ? 3 : 2;
      } else if (this.src.startsWith('?<', this.i)) {
        const close = this.src.indexOf('>', this.i);
        if (close < 0) throw new Error('bad group');
        this.i = close + 1;
      }
      const inner = this.alternation();
      if (this.src[this.i] !== ')') throw new Error('unclosed group');
      this.i++;
      // A lookaround consumes nothing: the reading stops before it.
      return look ? null : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const n = this.src[this.i + 1];
      if (n === undefined) throw new Error('trailing backslash');
      if (n === 'p' || n === 'P' || n === 'u' || n === 'x' || n === 'k' || n === 'c') {
        this.skipEscape();
        return null;
      }
      this.i += 2;
      if (/[dDwWsSbB0-9]/.test(n)) return null;
      if (n === 'n' || n === 'r' || n === 't' || n === 'f' || n === 'v') return null;
      return [{ s: foldChar(n), done: true }];
    }
    if (c === '.' || c === '^' || c === '$') { this.i++; return null; }
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ')' || c === ']') throw new Error('unexpected ' + c);
    const cp = this.src.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return [{ s: ch.length === 1 ? foldChar(ch) : ch, done: true }];
  }

  private skipEscape(): void {
    const n = this.src[this.i + 1];
    this.i += 2;
    if ((n === 'p' || n === 'P' || n === 'u' || n === 'k') && (this.src[this.i] === '{' || this.src[this.i] === '<')) {
      const close = this.src.indexOf(this.src[this.i] === '{' ? '}' : '>', this.i);
      if (close < 0) throw new Error('bad escape');
      this.i = close + 1;
    } else if (n === 'u') this.i += 4;
    else if (n === 'x') this.i += 2;
    else if (n === 'c') this.i += 1;
  }

  /** A small class of plain characters ([её], [аыо]) is read as alternatives; anything else is not literal. */
  private charClass(): Pre[] | null {
    const close = findClassEnd(this.src, this.i);
    const body = this.src.slice(this.i + 1, close);
    this.i = close + 1;
    if (body === '' || body.startsWith('^') || /[\\-]/.test(body) || body.length > 12) return null;
    const chars = new Set<string>();
    for (const ch of body) {
      if (ch.length !== 1) return null;
      chars.add(foldChar(ch));
    }
    return [...chars].map((s) => ({ s, done: true }));
  }
}

function findClassEnd(src: string, start: number): number {
  for (let j = start + 1; j < src.length; j++) {
    if (src[j] === '\\') { j++; continue; }
    if (src[j] === ']') return j;
  }
  throw new Error('unclosed class');
}

function dedupe(list: Pre[]): Pre[] {
  const seen = new Set<string>();
  const out: Pre[] = [];
  for (const p of list) {
    const k = `${p.done ? 1 : 0}${p.s}`;
    if (!seen.has(k)) { seen.add(k); out.push(p); }
  }
  // A prefix that stops is implied by its own extensions only if they all exist; keep it as is.
  return out;
}

/** Folded literal prefixes of a pattern (every match starts with one of them), or null when unknown. */
export function literalPrefixes(src: string, max = MAX_PREFIX): string[] | null {
  return new PrefixReader(src, max).read();
}

// ---------------------------------------------------------------------------------------------

export class WordScanner {
  private readonly entries: Entry[];
  /** Key (a folded prefix of up to KEY chars) → entries that may start there; built on first scan. */
  private byKey: Map<string, number[]> | null = null;
  /** Entries whose start could not be read: tried at every boundary. */
  private readonly anywhere: number[] = [];
  private keyLengths: number[] = [];
  /** Folded text slice (KEY chars) → candidate entries, in list order. */
  private readonly candidates = new Map<string, number[]>();
  private gateRe: RegExp | null = null;
  /** Characters scanned by prefix lookup so far (see COMBINED_AFTER). */
  private scanned = 0;
  /** When to switch to the combined regex (tests set 0 or Infinity). */
  combinedAfter = COMBINED_AFTER;
  private combinedRe: RegExp | null = null;

  /**
   * @param entries pattern sources in priority order, each with the group (key index) it reports
   * @param groupCount groups wrapped in capturing groups in `combined` (0: none)
   * @param onError called when an entry does not compile (it must throw)
   */
  constructor(
    entries: { src: string; group: number }[], private readonly flags = 'iu', private readonly groupCount = 0,
    private readonly onError: (index: number, err: Error) => never = (_i, err) => { throw err; },
  ) {
    this.entries = entries.map((e) => ({ src: e.src, group: e.group, prefixes: undefined, re: null }));
  }

  /**
   * Reads every entry's first KEY letters once, on first use (a scanner a text never needs costs
   * nothing); reading only that far is four times cheaper than whole prefixes.
   */
  private index(): Map<string, number[]> {
    if (this.byKey) return this.byKey;
    const byKey = new Map<string, number[]>();
    const lengths = new Set<number>();
    this.entries.forEach((e, i) => {
      const heads = literalPrefixes(e.src, KEY);
      if (!heads) { this.anywhere.push(i); e.prefixes = null; return; }
      const keys = new Set(heads);
      for (const k of keys) {
        lengths.add(k.length);
        let l = byKey.get(k);
        if (!l) byKey.set(k, (l = []));
        l.push(i);
      }
    });
    this.keyLengths = [...lengths].sort((a, b) => a - b);
    return (this.byKey = byKey);
  }

  get size(): number {
    return this.entries.length;
  }

  /** How many entries have been compiled so far (for tests and benches). */
  get compiled(): number {
    return this.entries.filter((e) => e.re !== null).length;
  }

  /**
   * The equivalent single regex (what the scanner replaces), built on demand: for tests and for
   * callers that need a RegExp. Group i+1 is group i when the scanner was built with groups.
   */
  get combined(): RegExp {
    if (!this.combinedRe) {
      let src: string;
      if (this.groupCount > 0) {
        const parts: string[] = [];
        for (let g = 0; g < this.groupCount; g++) {
          parts.push(`(${this.entries.filter((e) => e.group === g).map((e) => `(?:${e.src})`).join('|') || '(?!)'})`);
        }
        src = parts.join('|');
      } else src = this.entries.map((e) => `(?:${e.src})`).join('|') || '(?!)';
      this.combinedRe = new RegExp(`${B}(?:${src})${E}`, `g${this.flags}`);
    }
    return this.combinedRe;
  }

  /** Positions worth a look: a boundary followed by a literal prefix (or any boundary when some entry has none). */
  private gate(): RegExp {
    if (!this.gateRe) {
      // Keys only: a long run switches to the combined regex anyway (COMBINED_AFTER).
      const keys = [...this.index().keys()].sort((a, b) => b.length - a.length).map(escapeRe);
      // The lookahead leaves lastIndex at the boundary itself.
      const body = this.anywhere.length ? '' : `(?=${keys.join('|') || '(?!)'})`;
      this.gateRe = new RegExp(`${B}${body}`, `g${this.flags}`);
    }
    return this.gateRe;
  }

  private candidatesAt(text: string, p: number): number[] {
    const slice = text.slice(p, p + KEY);
    let c = this.candidates.get(slice);
    if (c) return c;
    const f = foldString(slice);
    const set = new Set<number>(this.anywhere);
    for (const n of this.keyLengths) {
      if (n > f.length) break;
      for (const i of this.index().get(f.slice(0, n)) ?? []) set.add(i);
    }
    c = [...set].sort((a, b) => a - b);
    if (this.candidates.size > 50_000) this.candidates.clear();
    this.candidates.set(slice, c);
    return c;
  }

  private compile(i: number): RegExp {
    const e = this.entries[i]!;
    if (!e.re) {
      try {
        e.re = new RegExp(`(?:${e.src})${E}`, `y${this.flags}`);
      } catch (err) {
        return this.onError(i, err as Error);
      }
    }
    return e.re;
  }

  /** Compiles every entry now (a bad pattern reaches onError at once). */
  compileAll(): void {
    for (let i = 0; i < this.entries.length; i++) this.compile(i);
  }

  private tryAt(i: number, text: string, p: number, folded: () => string): RegExpExecArray | null {
    const e = this.entries[i]!;
    if (e.prefixes === undefined) e.prefixes = literalPrefixes(e.src);
    if (e.prefixes) {
      const f = folded();
      if (!e.prefixes.some((pre) => f.startsWith(pre))) return null;
    }
    this.compile(i);
    e.re!.lastIndex = p;
    return e.re!.exec(text);
  }

  /** Every match, in order, non-overlapping, exactly as `combined` would find them. */
  *scan(text: string): Generator<ScanHit> {
    // A long run (a bulk import, the bench) has paid the one big compile many times over by now:
    // from here on the combined regex, which walks text faster than prefix lookups in JavaScript.
    if (this.scanned > this.combinedAfter) { yield* this.scanCombined(text); return; }
    this.scanned += text.length;
    // One shared gate regex; its lastIndex is set before every exec, so interleaved scans stay correct.
    const gate = this.gate();
    let from = 0;
    let m: RegExpExecArray | null;
    for (;;) {
      gate.lastIndex = from;
      if (!(m = gate.exec(text))) break;
      const p = m.index;
      let fold: string | null = null;
      const folded = (): string => (fold ??= foldString(text.slice(p, p + MAX_PREFIX)));
      let hit: RegExpExecArray | null = null;
      let hitEntry = -1;
      for (const i of this.candidatesAt(text, p)) {
        hit = this.tryAt(i, text, p, folded);
        if (hit) { hitEntry = i; break; }
      }
      if (hit && hit[0].length > 0) {
        yield { index: p, text: hit[0], group: this.entries[hitEntry]!.group };
        from = p + hit[0].length;
      } else {
        // Step over a surrogate pair as the `u` flag does.
        const c = text.charCodeAt(p);
        from = p + (c >= 0xd800 && c <= 0xdbff && p + 1 < text.length ? 2 : 1);
      }
    }
  }

  private *scanCombined(text: string): Generator<ScanHit> {
    const re = this.combined;
    let from = 0;
    let m: RegExpExecArray | null;
    for (;;) {
      re.lastIndex = from;
      if (!(m = re.exec(text))) break;
      if (m[0].length === 0) { from = m.index + 1; continue; }
      from = m.index + m[0].length;
      let group = 0;
      for (let i = 1; i < m.length; i++) if (m[i] !== undefined) { group = i - 1; break; }
      yield { index: m.index, text: m[0], group };
    }
  }

  /** The first match, or null. */
  first(text: string): ScanHit | null {
    for (const h of this.scan(text)) return h;
    return null;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One pattern compiled on first need, and not even then when the text lacks every literal prefix
 * the pattern's matches start with (an exact test: such a text cannot match). For the many small
 * filters (suppressBefore/After) a short post mostly never reaches.
 */
export class LazyPattern {
  private re: RegExp | null = null;
  private prefixes: string[] | null | undefined = undefined;

  /**
   * @param inner the pattern whose matches' text starts with a literal prefix (without zero-width
   *   wrappers such as B…$ or ^, which `build` adds)
   * @param build compiles the full regex (throws LexiconError on a bad pattern)
   */
  constructor(private readonly inner: string, private readonly build: () => RegExp) {}

  compile(): RegExp {
    return (this.re ??= this.build());
  }

  /** Whether the pattern matches `text`; `folded` is foldString(text) when the caller has it. */
  test(text: string, folded?: string): boolean {
    if (this.prefixes === undefined) this.prefixes = literalPrefixes(this.inner, FILTER_PREFIX);
    if (this.prefixes) {
      const f = folded ?? foldString(text);
      if (!this.prefixes.some((p) => f.includes(p))) return false;
    }
    return this.compile().test(text);
  }
}
