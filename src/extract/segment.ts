/**
 * Language-neutral segmentation: lines, paragraphs, sentences and clauses, all as offsets into
 * the original text (never copies), plus boilerplate marking from the lexicon's markers.
 */
import type { CompiledLexicon } from './lexicon.js';

export interface Sentence {
  start: number;
  end: number;
  /** Paragraph number: context (places, dates, earlier records) does not cross paragraphs. */
  para: number;
  /** Index within the paragraph. */
  idx: number;
  /** A title or list line without closing punctuation: never an event on its own. */
  heading: boolean;
  /** Site furniture, comments, related links: never an event. */
  boilerplate: boolean;
  question: boolean;
  /** An item of a list introduced by a line ending in ':' (it shares that line's day and place). */
  listItem: boolean;
}

const TERMINAL = /[.!?…:;"”’)\]»]\s*$/u;
// A sentence ends at . ! ? … (plus closing quotes/brackets) followed by space and an opening capital, digit or quote.
const BOUNDARY = /([.!?…]+)(["”’'»)\]]*)(\s+)(?=["“‘'«([]?[\p{Lu}\p{N}])/gu;

/**
 * Splits text into sentences. Each non-empty line is a paragraph of its own unless it continues the
 * previous line (a hard-wrapped paragraph: the previous line does not end a sentence and this one
 * starts in lower case).
 */
export function segment(text: string, lex: CompiledLexicon): Sentence[] {
  const out: Sentence[] = [];
  const lines: { start: number; end: number }[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) lines.push({ start: s, end: e });
    else lines.push({ start: -1, end: -1 });
    pos = nl + 1;
  }

  // Boilerplate: a "cut" marker after the first quarter of the text (or after three paragraphs of
  // body) drops everything after it: comments, related links, author boxes.
  let cutAt = Infinity;
  let bodyLines = 0;
  for (const l of lines) {
    if (l.start < 0) continue;
    const enough = l.start >= text.length * 0.25 || bodyLines >= 3;
    if (TERMINAL.test(text.slice(l.start, l.end))) bodyLines++;
    if (!enough) continue;
    if (lex.boilerplateCut.test(text.slice(l.start, l.end))) {
      cutAt = l.start;
      break;
    }
  }

  // Blocks: a line, or hard-wrapped lines of one paragraph (the previous line does not end a
  // sentence and this one starts in lower case).
  const blocks: { start: number; end: number; lines: number }[] = [];
  let prevBlank = true;
  for (const l of lines) {
    if (l.start < 0) { prevBlank = true; continue; }
    const last = blocks[blocks.length - 1];
    const continues = !prevBlank && last !== undefined && !TERMINAL.test(text.slice(last.start, last.end)) && /^[\p{Ll}]/u.test(text.slice(l.start, l.end));
    if (continues) { last.end = l.end; last.lines++; } else blocks.push({ start: l.start, end: l.end, lines: 1 });
    prevBlank = false;
  }

  let para = -1;
  let listOpen = false; // after a line ending with ':' its bullet items share its paragraph (and context)
  let idx = 0;
  for (const b of blocks) {
    const blockText = text.slice(b.start, b.end);
    const isBullet = /^(?:[-–—•*·▪●►✔]|\d{1,2}[.)])\s/u.test(blockText);
    const listItem = listOpen && isBullet;
    if (!listItem) { para++; idx = 0; }
    listOpen = /:\s*$/u.test(blockText) || (listOpen && isBullet);
    const boiler = b.start >= cutAt || (b.lines === 1 && lex.boilerplateDrop.test(blockText));
    // List items ("• Kazan: 12 detained") are text, whatever their punctuation.
    const heading = b.lines === 1 && !isBullet && !TERMINAL.test(blockText) && blockText.split(/\s+/u).length <= 24;
    for (const [s, e] of splitSentences(text, b.start, b.end, lex)) {
      out.push({
        start: s, end: e, para, idx: idx++, heading, boilerplate: boiler, listItem,
        question: /\?["”’'»)\]]*$/u.test(text.slice(s, e)),
      });
    }
  }
  return out;
}

/** Sentence spans within [from, to). */
export function splitSentences(text: string, from: number, to: number, lex: CompiledLexicon): [number, number][] {
  const spans: [number, number][] = [];
  const chunk = text.slice(from, to);
  let start = 0;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(chunk))) {
    const punct = m[1]!;
    const endOfSentence = m.index + punct.length + m[2]!.length;
    if (punct === '.' && m[2] === '' && isAbbreviation(chunk, m.index, lex)) continue;
    spans.push([from + start, from + endOfSentence]);
    start = endOfSentence + m[3]!.length;
  }
  if (start < chunk.length) spans.push([from + start, to]);
  return spans;
}

function isAbbreviation(chunk: string, dot: number, lex: CompiledLexicon): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(chunk[s - 1]!)) s--;
  const word = chunk.slice(s, dot);
  if (word.length === 0) return false;
  if (lex.abbreviations.has(word)) return true;
  // Initials: "A. Navalny", "J.R.R."
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return false;
}

export interface Clause { start: number; end: number }

// Clause breaks: ; : dashes between spaces, ", and/but/while", and bare commas.
const CLAUSE_BREAK = /\s*(?:[;:]|\s[—–]{1,2}\s|\s-{1,2}\s|,\s+(?:and|but|while|whereas|or)\s|,\s)\s*/gu;

/** Clause spans of the sentence [from, to). Commas inside numbers ("15,000") do not split. */
export function clauses(text: string, from: number, to: number): Clause[] {
  const chunk = text.slice(from, to);
  const out: Clause[] = [];
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(chunk))) {
    if (m.index > start) out.push({ start: from + start, end: from + m.index });
    start = m.index + m[0].length;
  }
  if (start < chunk.length) out.push({ start: from + start, end: to });
  if (out.length === 0) out.push({ start: from, end: to });
  return out;
}
