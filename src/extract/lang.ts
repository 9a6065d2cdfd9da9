/** Language detection: Cyrillic letters unique to one language first, then franc-min among four. */
import { franc } from 'franc-min';
import type { Lang } from './record.js';

const FRANC: Record<string, Lang> = { rus: 'ru', ukr: 'uk', bel: 'be', eng: 'en' };

/**
 * The language of a text: і/ї/є/ґ mean Ukrainian and ў Belarusian (і alone is shared by both; ў
 * decides); otherwise franc-min restricted to Russian, Ukrainian, Belarusian and English; short
 * texts fall back to the script (Cyrillic → ru, else en).
 */
export function detectLanguage(text: string): Lang {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  let cyr = 0, lat = 0, ua = 0, be = 0, i = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      if (ch === 'ў' || ch === 'Ў') be++;
      else if ('їЇєЄґҐ'.includes(ch)) ua++;
      else if (ch === 'і' || ch === 'І') i++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) lat++;
  }
  if (cyr > lat) {
    // ў is frequent in Belarusian and absent elsewhere; і without ў is Ukrainian.
    if (be > 0 && be >= ua) return 'be';
    if (ua > 0 || i > 0) return 'uk';
  }
  if (cyr + lat < 20) return cyr > lat ? 'ru' : 'en';
  // Ukrainian and Belarusian text has і, ї, є, ґ or ў (handled above): mostly-Cyrillic text without
  // them is Russian, and franc (the costliest step of extracting a short post) is not needed.
  if (cyr > lat * 2) return 'ru';
  const code = franc(sample, { only: ['rus', 'ukr', 'bel', 'eng'], minLength: 10 });
  const lang = FRANC[code];
  if (lang) return lang;
  return cyr > lat ? 'ru' : 'en';
}
