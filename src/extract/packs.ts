/** The registry of language packs: add one line here when a language gets its pack (see README.md). */
import { en } from './lang/en.js';
import { ru } from './lang/ru.js';
import { uk } from './lang/uk.js';
import type { LanguagePack } from './lang/types.js';
import type { Lang } from './record.js';

const PACKS: Partial<Record<Lang, LanguagePack>> = { en, ru, uk };

export function getPack(lang: Lang): LanguagePack | null {
  return PACKS[lang] ?? null;
}

export function supportedLangs(): Lang[] {
  return Object.keys(PACKS) as Lang[];
}
