/** Extraction: text in, contract records out. Stateless; the same input always gives the same records. */
import { dataFilesHash } from './datafiles.js';
import { runEngine } from './engine.js';
import { detectLanguage } from './lang.js';
import { getLexicon } from './lexicon.js';
import { getPack } from './packs.js';
import { findPlaces } from './places.js';
import type { ExtractOptions, ExtractResult } from './record.js';

export { detectLanguage } from './lang.js';
export type { EventRecord, ExtractOptions, ExtractResult } from './record.js';

/** Bump when the code changes what it extracts; the data hash follows the lexicons and gazetteer. */
const CODE_VERSION = '0.4.1';

/** Stored with every record: the code version plus a hash of the data files (src/extract/data/*). */
export const EXTRACTOR_VERSION = `${CODE_VERSION}+${dataFilesHash()}`;

/**
 * Extracts event records from one document.
 * @example extract('On 25 September two Molotov cocktails were thrown into the enlistment office in Ruzaevka.', { published: '2022-09-28' })
 */
export function extract(text: string, opts: ExtractOptions = {}): ExtractResult {
  const lang = opts.lang ?? detectLanguage(text);
  const lex = getLexicon(lang);
  const pack = getPack(lang);
  if (!lex || !pack || typeof text !== 'string' || text.length === 0) return { lang, records: [] };
  return { lang, records: runEngine(text, opts, lex, pack, findPlaces) };
}
