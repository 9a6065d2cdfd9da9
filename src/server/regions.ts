/**
 * Region names and populations for the API (names for the map, population for per-100k rates).
 * Read from the gazetteer's data file, src/extract/data/regions.json, which carries `population`.
 */
import { readFileSync } from 'node:fs';
import { pkgPath } from '../paths.js';

export interface RegionInfo {
  code: string;
  country: string;
  type: string;
  name: Record<string, string>;
  population: number | null;
}

let cache: Map<string, RegionInfo> | null = null;

export function regionTable(): Map<string, RegionInfo> {
  if (cache) return cache;
  const raw = JSON.parse(readFileSync(pkgPath('src/extract/data/regions.json'), 'utf8')) as { regions: (RegionInfo & { population?: number })[] };
  cache = new Map(
    raw.regions.map((r) => [r.code, { code: r.code, country: r.country, type: r.type, name: r.name, population: typeof r.population === 'number' && r.population > 0 ? r.population : null }]),
  );
  return cache;
}

/** Events per 100,000 inhabitants, rounded to 3 decimals; null without a population figure. */
export function ratePer100k(events: number, code: string | null): number | null {
  if (!code) return null;
  const pop = regionTable().get(code)?.population;
  return pop ? Math.round((events / pop) * 100_000 * 1000) / 1000 : null;
}
