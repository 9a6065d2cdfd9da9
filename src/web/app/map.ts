/**
 * The tile-grid cartogram: one equal square per region of Russia, Belarus and Ukraine, so small
 * regions with many events stay visible. Layout: data/tilegrid.json.
 */
import type { AggregateRow, Region } from './api.js';
import grid from './data/tilegrid.json';
import { h, s } from './dom.js';
import { currentLang, formatNumber, t } from './i18n.js';

const SIZE = 44;
const GAP = 3;
// Sequential scale from pale to dark red, 7 steps; grey for regions with no events.
const SCALE = ['#fee5d9', '#fcbba1', '#fc9272', '#fb6a4a', '#ef3b2c', '#cb181d', '#99000d'];
const EMPTY = '#e9e9ed';

export function regionName(regions: Map<string, Region>, code: string): string {
  const r = regions.get(code);
  return r ? r.name[currentLang()] ?? r.name.en ?? code : code;
}

export function cartogram(
  rows: AggregateRow[], regions: Map<string, Region>, measure: 'count' | 'rate', selected: string[], onPick: (code: string) => void,
): Element {
  const value = new Map<string, number>();
  const count = new Map<string, number>();
  for (const r of rows) {
    const code = r.key[0];
    if (!code) continue;
    count.set(code, r.events);
    value.set(code, measure === 'rate' ? r.rate_per_100k ?? 0 : r.events);
  }
  // Quantiles of the non-zero values, so one huge city does not wash out the rest.
  const vals = [...value.values()].filter((v) => v > 0).sort((a, b) => a - b);
  const colour = (v: number | undefined): string => {
    if (!v) return EMPTY;
    const rank = vals.findIndex((x) => x >= v);
    return SCALE[Math.min(SCALE.length - 1, Math.floor((rank / Math.max(1, vals.length)) * SCALE.length))]!;
  };
  const blocks = grid.blocks as Record<string, { col: number; row: number }>;
  const tiles = grid.tiles as unknown as Record<string, [number, number]>;
  let maxX = 0;
  let maxY = 0;
  const svg = s('svg', { class: 'chart cartogram', role: 'group', 'aria-label': t.map });
  for (const [code, [c, r]] of Object.entries(tiles)) {
    const b = blocks[code.slice(0, 2)] ?? { col: 0, row: 0 };
    const x = (b.col + c) * (SIZE + GAP);
    const y = (b.row + r) * (SIZE + GAP) + (code.startsWith('RU') ? 0 : 14);
    maxX = Math.max(maxX, x + SIZE);
    maxY = Math.max(maxY, y + SIZE);
    const v = value.get(code);
    const fill = colour(v);
    const dark = SCALE.indexOf(fill) >= 4;
    const on = selected.includes(code);
    const name = regionName(regions, code);
    const label = `${name}: ${count.get(code) ?? 0}${measure === 'rate' && v ? ` (${formatNumber(v)} / 100k)` : ''}`;
    const g = s('g', { class: on ? 'tile selected' : 'tile', tabindex: 0, role: 'button', 'aria-pressed': on ? 'true' : 'false', 'aria-label': label, 'data-region': code },
      s('title', null, label),
      s('rect', { x, y, width: SIZE, height: SIZE, rx: 3, fill, stroke: on ? '#111' : 'none', 'stroke-width': on ? 3 : 0 }),
      s('text', { x: x + SIZE / 2, y: y + SIZE / 2 + 4, 'text-anchor': 'middle', class: 'tile-label', fill: dark ? '#fff' : '#222' }, code.split('-')[1]!),
    );
    g.addEventListener('click', () => onPick(code));
    g.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') { e.preventDefault(); onPick(code); }
    });
    svg.append(g);
  }
  for (const [cc, b] of Object.entries(blocks)) {
    if (cc === 'RU') continue;
    svg.append(s('text', { x: b.col * (SIZE + GAP), y: b.row * (SIZE + GAP) + 10, class: 'axis' }, t.countries[cc] ?? cc));
  }
  svg.setAttribute('viewBox', `0 0 ${maxX} ${maxY}`);
  const legend = h('div', { class: 'legend' },
    h('span', { class: 'key' }, s('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, fill: EMPTY })), t.no_data),
    vals.length ? [h('span', { class: 'key' }, '≤ ', formatNumber(vals[0]!)),
      SCALE.map((c) => s('svg', { width: 16, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 16, height: 12, fill: c }))),
      h('span', { class: 'key' }, formatNumber(vals.at(-1)!))] : null);
  return h('figure', { class: 'map-figure' }, svg, legend);
}
