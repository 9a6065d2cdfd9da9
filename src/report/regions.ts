/**
 * Region and country names and populations for exports and reports. Regions come from the places
 * module (src/extract/places.ts, one gazetteer for extraction and output); country names from the
 * gazetteer's countries.json.
 */
import { readFileSync } from 'node:fs';
import { lookupRegion as placesLookupRegion, regionName as placesRegionName, type RegionInfo } from '../extract/places.js';
import { pkgPath } from '../paths.js';

export type NameLang = 'en' | 'ru';
export type { RegionInfo };

interface CountryInfo {
  code: string;
  name: Partial<Record<string, string>>;
}

let countries: Map<string, CountryInfo> | null = null;

function loadCountries(): Map<string, CountryInfo> {
  if (countries) return countries;
  try {
    const data = JSON.parse(readFileSync(pkgPath('src/extract/data/countries.json'), 'utf8')) as { countries: CountryInfo[] };
    countries = new Map(data.countries.map((c) => [c.code, c]));
  } catch {
    countries = new Map(); // a missing file only costs names: codes are shown instead
  }
  return countries;
}

export function lookupRegion(code: string): RegionInfo | undefined {
  return placesLookupRegion(code);
}

/** The region's name in the language, else its code. */
export function regionName(code: string, lang: NameLang = 'en'): string {
  return placesRegionName(code, lang);
}

export function countryName(code: string, lang: NameLang = 'en'): string {
  const c = loadCountries().get(code);
  return c?.name[lang] ?? c?.name.en ?? code;
}
