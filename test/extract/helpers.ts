/** Shared helpers for the extraction tests. */
import { extract } from '../../src/extract/index.js';
import type { EventRecord } from '../../src/extract/record.js';

export function run(text: string, published = '2022-10-20'): EventRecord[] {
  return extract(text, { published, lang: 'en' }).records;
}

/** The only record of a type (fails loudly when there is none or several). */
export function only(text: string, type: string, published = '2022-10-20'): EventRecord {
  const recs = run(text, published).filter((r) => r.type === type);
  if (recs.length !== 1) throw new Error(`expected one ${type} record, got ${recs.length}: ${JSON.stringify(run(text, published).map((r) => [r.kind, r.type]))}`);
  return recs[0]!;
}
