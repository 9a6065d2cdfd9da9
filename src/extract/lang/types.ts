/** The boundary between the shared engine and a language: what a language pack must provide. */
import type { CompiledLexicon, NounCategory } from '../lexicon.js';
import type { DateSpan, Lang, Qualifier } from '../record.js';

/** What relative dates resolve against. All dates are YYYY-MM-DD. */
export interface DateContext {
  /** Publication date of the document: fixes the year of "March 13" (the latest such day not after it). */
  published: string | null;
  /** Narrative reference day: the last "as of"/"on" day told in this paragraph, else `published`. */
  ref: string | null;
  /** Start of the war when the document is about it ("since the start of the war"), else null. */
  warStart: string | null;
  /**
   * The last day told in this paragraph or, before it tells one, the day the paragraph before ended
   * on: what "the next day" and "two days later" count from ("yesterday" stays with `ref`).
   */
  story?: string | null;
}

/**
 * How a date expression relates to what it dates: `on` (the event happened then), `by` (by/as of:
 * the end of a counted period), `since` (the start of a counted period).
 */
export type DateRole = 'on' | 'by' | 'since';

export interface DateMention {
  /** Offsets into the full document text. */
  start: number;
  end: number;
  role: DateRole;
  date: DateSpan;
  /** Resolved against ctx.ref/ctx.warStart rather than written out ("yesterday", "in the last 24 hours"). */
  relative: boolean;
  /** A full day written out ("on March 26"): may serve as the paragraph's reference day. */
  explicitDay: boolean;
}

/**
 * A number in the text with what follows it:
 * `noun` "200 Russian marines", `partitive` "nine of them", `elliptical` "2,456 were charged",
 * `bare` anything else ("10 under Article 207.3").
 */
export interface Quantity {
  start: number;
  end: number;
  value: number;
  qualifier: Qualifier;
  /** "hundreds", "thousands": an order of magnitude, not a count. */
  vague: boolean;
  form: 'noun' | 'partitive' | 'elliptical' | 'bare';
  category: NounCategory | null;
}

/**
 * A language pack. Everything that is a word list lives in data/lexicon.<lang>.json; a pack holds the
 * code where grammar differs: reading dates and numbers. Both functions get one sentence
 * (`sentence` = text.slice(offset, offset + sentence.length)) and return offsets into the full text.
 */
export interface LanguagePack {
  lang: Lang;
  findDates(sentence: string, offset: number, ctx: DateContext, lex: CompiledLexicon): DateMention[];
  findQuantities(sentence: string, offset: number, lex: CompiledLexicon): Quantity[];
}
