/** Extraction: text in, contract records out. Stateless; the same input always gives the same records. */
import type { EventRecord, ExtractOptions, ExtractResult } from './record.js';

export const EXTRACTOR_VERSION = '0.0.1';

/** Placeholder until the rule engine lands: finds nothing, honours the contract. */
export function extract(text: string, opts: ExtractOptions = {}): ExtractResult {
  void text;
  const records: EventRecord[] = [];
  return { lang: opts.lang ?? 'en', records };
}
