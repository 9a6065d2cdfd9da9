/** The event record contract (../shared/contract/): what extraction produces and the store keeps. */

export const EVENT_TYPES = [
  'protest', 'symbolic', 'arson', 'sabotage', 'armed_attack', 'refusal', 'mutiny',
  'desertion', 'draft_evasion', 'self_harm', 'civil_resistance',
  'detention', 'prosecution', 'legislation', 'mobilisation',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const KINDS = ['incident', 'tally'] as const;
export type Kind = (typeof KINDS)[number];

export const PRECISIONS = ['day', 'month', 'year', 'range', 'unknown'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const CERTAINTIES = ['reported', 'claimed', 'rumoured'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const QUALIFIERS = ['exact', 'about', 'at_least', 'more_than', 'up_to'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const COUNT_KEYS = [
  'participants', 'detained', 'charged', 'fined', 'sentenced', 'killed', 'injured',
  'soldiers', 'people', 'facilities', 'cases',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export const LANGS = ['en', 'ru', 'uk', 'be'] as const;
export type Lang = (typeof LANGS)[number];

/** A date as the contract gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
export interface DateSpan {
  start: string | null;
  end?: string | null;
  precision: Precision;
}

export interface Place {
  country: string | null;
  region: string | null;
  settlement: string | null;
  lat: number | null;
  lon: number | null;
}

export interface Evidence {
  start: number;
  end: number;
  text: string;
}

/** One line of `letopis extract --format jsonl`. */
export interface EventRecord {
  kind: Kind;
  type: EventType;
  date: DateSpan;
  place: Place;
  actors: string[];
  target: string | null;
  counts: Partial<Record<CountKey, number>>;
  measure?: CountKey;
  value?: number;
  qualifier?: Qualifier;
  certainty: Certainty;
  attribution: string[];
  evidence: Evidence;
  summary: string;
}

export interface ExtractOptions {
  /** Publication date of the document (YYYY-MM-DD); relative dates resolve against it. */
  published?: string | null;
  /** Force a language instead of detecting it. */
  lang?: Lang | null;
}

export interface ExtractResult {
  lang: Lang;
  records: EventRecord[];
}

export function isEventType(s: string): s is EventType {
  return (EVENT_TYPES as readonly string[]).includes(s);
}
