/**
 * Region names and populations for the API (names for the map, population for per-100k rates),
 * from the gazetteer (src/extract/places.ts, data in src/extract/data/regions.json).
 */
import { listRegions, type RegionInfo } from '../extract/places.js';

let cache: Map<string, RegionInfo> | null = null;

export function regionTable(): Map<string, RegionInfo> {
  cache ??= new Map(listRegions().map((r) => [r.code, r]));
  return cache;
}

/** Events per 100,000 inhabitants, rounded to 3 decimals; null without a population figure. */
export function ratePer100k(events: number, code: string | null): number | null {
  if (!code) return null;
  const pop = regionTable().get(code)?.population;
  return pop ? Math.round((events / pop) * 100_000 * 1000) / 1000 : null;
}
