/** Where the extraction data files live, and a hash of them for EXTRACTOR_VERSION. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let dataDir: string | null = null;

/**
 * The folder holding src/extract/data/*.json. Compiled code runs from dist/extract/, tests from
 * src/extract/; the data is shipped once, under src/ (package.json "files" lists src/** /data).
 */
export function extractDataDir(): string {
  if (dataDir !== null) return dataDir;
  const here = new URL('./data/', import.meta.url);
  const candidates = [here, new URL('../../src/extract/data/', import.meta.url)];
  for (const c of candidates) {
    const p = fileURLToPath(c);
    if (existsSync(p)) return (dataDir = p);
  }
  return (dataDir = fileURLToPath(candidates[1]!));
}

export function readDataFile(name: string): string {
  return readFileSync(extractDataDir() + name, 'utf8');
}

/** Short hash over every data file (names and bytes), so a lexicon or gazetteer edit changes the version. */
export function dataFilesHash(): string {
  const h = createHash('sha256');
  let names: string[] = [];
  try {
    names = readdirSync(extractDataDir()).filter((n) => /\.(json|tsv|csv|txt)$/.test(n)).sort();
  } catch {
    return 'nodata';
  }
  for (const n of names) {
    h.update(n);
    h.update('\0');
    h.update(readFileSync(extractDataDir() + n));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 10);
}
