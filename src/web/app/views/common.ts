/** Helpers the views share: formatting an event's date and place, and per-view cleanup. */
import type { EventView, Region } from '../api.js';
import { regionName } from '../map.js';
import { formatNumber, t } from '../i18n.js';

let cleanup: (() => void) | null = null;
/** Something to undo when the view changes (a key handler). */
export function setCleanup(fn: (() => void) | null): void {
  cleanup = fn;
}
export function runCleanup(): void {
  cleanup?.();
  cleanup = null;
}

export type Navigate = (url: string, replace?: boolean) => void;

export function dateText(e: Pick<EventView, 'date'>): string {
  const { start, end } = e.date;
  if (!start) return '?';
  return end && end !== start ? `${start} – ${end}` : start;
}

export function placeText(e: Pick<EventView, 'place'>, regions: Map<string, Region>): string {
  const parts = [e.place.settlement, e.place.region ? regionName(regions, e.place.region) : null, !e.place.region && e.place.country ? t.countries[e.place.country] ?? e.place.country : null];
  return parts.filter(Boolean).join(', ');
}

export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, v]) => `${formatNumber(v)} ${t.count_names[k] ?? k}`).join(', ');
}
