/** Helpers for the generalisation tests (general-*.test.ts): sentences written for these tests, in three languages. */
import { extract } from '../../src/extract/index.js';
import type { EventRecord } from '../../src/extract/record.js';

export type L = 'en' | 'ru' | 'uk';

export function recs(text: string, lang: L, published = '2022-10-20'): EventRecord[] {
  return extract(text, { published, lang }).records;
}

/** The only record of a type (fails loudly, listing what came out, when there is none or several). */
export function one(text: string, lang: L, type: string, published = '2022-10-20'): EventRecord {
  const all = recs(text, lang, published);
  const r = all.filter((x) => x.type === type);
  if (r.length !== 1) throw new Error(`expected one ${type}, got ${JSON.stringify(all.map((x) => [x.kind, x.type, x.date, x.place.settlement]))}`);
  return r[0]!;
}

export function types(text: string, lang: L, published = '2022-10-20'): string[] {
  return recs(text, lang, published).map((r) => `${r.kind}/${r.type}`);
}
