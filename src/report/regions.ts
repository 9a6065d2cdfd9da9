/**
 * Region and country names and populations for exports and reports, read from the extraction
 * gazetteer's data files (src/extract/data/regions.json, countries.json). The places module will
 * offer the same lookups (`lookupRegion`, `regionName`); until then this reads the files itself.
 */
import { readFileSync } from 'node:fs';
import { pkgPath } from '../paths.js';

export type NameLang = 'en' | 'ru';

export interface RegionInfo {
  code: string;
  country: string;
  name: Partial<Record<string, string>>;
  population: number | null;
}

interface CountryInfo {
  code: string;
  name: Partial<Record<string, string>>;
}

let regions: Map<string, RegionInfo> | null = null;
let countries: Map<string, CountryInfo> | null = null;

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(pkgPath(`src/extract/data/${file}`), 'utf8')) as T;
  } catch {
    return null; // a missing gazetteer only costs names: codes are shown instead
  }
}

function loadRegions(): Map<string, RegionInfo> {
  if (regions) return regions;
  const data = readJson<{ regions: RegionInfo[] }>('regions.json');
  regions = new Map((data?.regions ?? []).map((r) => [r.code, { code: r.code, country: r.country, name: r.name, population: r.population ?? null }]));
  return regions;
}

function loadCountries(): Map<string, CountryInfo> {
  if (countries) return countries;
  const data = readJson<{ countries: CountryInfo[] }>('countries.json');
  countries = new Map((data?.countries ?? []).map((c) => [c.code, c]));
  return countries;
}

export function lookupRegion(code: string): RegionInfo | undefined {
  return loadRegions().get(code);
}

/** The region's name in the language, else in English, else its code. */
export function regionName(code: string, lang: NameLang = 'en'): string {
  const r = lookupRegion(code);
  return r?.name[lang] ?? r?.name.en ?? code;
}

export function countryName(code: string, lang: NameLang = 'en'): string {
  const c = loadCountries().get(code);
  return c?.name[lang] ?? c?.name.en ?? code;
}
