/** Where the package's own files live, from src/ (tsx, vitest) and from dist/ alike. */
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** A file shipped with the package, e.g. `pkgPath('src/extract/data/lexicon.en.json')`. */
export function pkgPath(relative: string): string {
  return packageRoot + relative;
}
