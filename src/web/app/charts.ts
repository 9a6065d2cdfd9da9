/**
 * Charts drawn as plain SVG with presentation attributes (fill, stroke): the CSP allows no inline
 * styles, and a chart library that writes style attributes would be blocked.
 */
import { h, s } from './dom.js';
import { formatNumber, typeName } from './i18n.js';

export const TYPE_COLOURS: Record<string, string> = {
  protest: '#1f77b4', symbolic: '#aec7e8', arson: '#d62728', sabotage: '#ff7f0e', armed_attack: '#8c564b', refusal: '#2ca02c',
  mutiny: '#98df8a', desertion: '#bcbd22', draft_evasion: '#dbdb8d', self_harm: '#c49c94', civil_resistance: '#17becf',
  detention: '#9467bd', prosecution: '#c5b0d5', legislation: '#7f7f7f', mobilisation: '#e377c2',
};
export const colourOf = (type: string): string => TYPE_COLOURS[type] ?? '#555';

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Stacked bars: events per week, one colour per type. Weeks with no events still get a slot, so
 * gaps in time show as gaps. Clicking a week calls onWeek with its first and last day.
 */
export function timeline(rows: { week: string; type: string; events: number }[], onWeek: (from: string, to: string) => void): Element {
  if (rows.length === 0) return h('p', { class: 'empty' }, '—');
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const first = weeks[0]!;
  const last = weeks.at(-1)!;
  const all: string[] = [];
  for (let w = first; w <= last && all.length < 1000; w = addDays(w, 7)) all.push(w);
  const byWeek = new Map<string, { type: string; events: number }[]>();
  for (const r of rows) byWeek.set(r.week, [...(byWeek.get(r.week) ?? []), r]);
  const max = Math.max(...all.map((w) => (byWeek.get(w) ?? []).reduce((n, r) => n + r.events, 0)), 1);
  const W = 800;
  const H = 150;
  const pad = { l: 36, b: 22, t: 8 };
  const bw = (W - pad.l) / all.length;
  const y = (v: number): number => ((H - pad.b - pad.t) * v) / max;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart timeline', role: 'img', 'aria-label': 'timeline' });
  svg.append(s('line', { x1: pad.l, x2: W, y1: H - pad.b, y2: H - pad.b, stroke: '#888' }));
  svg.append(s('text', { x: pad.l - 4, y: pad.t + 8, 'text-anchor': 'end', class: 'axis' }, formatNumber(max)));
  svg.append(s('text', { x: pad.l - 4, y: H - pad.b, 'text-anchor': 'end', class: 'axis' }, '0'));
  all.forEach((w, i) => {
    let base = H - pad.b;
    const parts = byWeek.get(w) ?? [];
    const total = parts.reduce((n, r) => n + r.events, 0);
    const g = s('g', { class: 'bar', tabindex: total ? 0 : null, role: total ? 'button' : null, 'data-week': w });
    g.append(s('title', null, `${w}: ${total}\n${parts.map((p) => `${typeName(p.type)} ${p.events}`).join('\n')}`));
    for (const p of parts) {
      const hgt = y(p.events);
      base -= hgt;
      g.append(s('rect', { x: pad.l + i * bw + 0.5, y: base, width: Math.max(1, bw - 1), height: hgt, fill: colourOf(p.type) }));
    }
    if (total) {
      const go = (): void => onWeek(w, addDays(w, 6));
      g.addEventListener('click', go);
      g.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') go(); });
    }
    svg.append(g);
  });
  // Month ticks along the bottom.
  let lastMonth = '';
  let lastX = -Infinity;
  all.forEach((w, i) => {
    const m = w.slice(0, 7);
    const x = pad.l + i * bw;
    if (m !== lastMonth && x - lastX >= 56) {
      svg.append(s('text', { x, y: H - 6, class: 'axis' }, m));
      lastX = x;
    }
    lastMonth = m;
  });
  const types = [...new Set(rows.map((r) => r.type))];
  return h('figure', { class: 'timeline-figure' }, svg,
    h('figcaption', { class: 'legend' }, types.map((tp) => h('span', { class: 'key' }, swatch(colourOf(tp)), typeName(tp)))));
}

export function swatch(colour: string): SVGElement {
  return s('svg', { width: 12, height: 12, class: 'swatch', 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, fill: colour }));
}

/** A line chart of dated values (a tally series). */
export function lineChart(points: { date: string | null; value: number }[], label: string): Element {
  const pts = points.filter((p): p is { date: string; value: number } => !!p.date).sort((a, b) => a.date.localeCompare(b.date));
  if (pts.length === 0) return h('p', { class: 'empty' }, '—');
  const W = 600;
  const H = 200;
  const pad = { l: 56, r: 12, t: 12, b: 24 };
  const t0 = Date.parse(pts[0]!.date);
  const t1 = Math.max(Date.parse(pts.at(-1)!.date), t0 + 86_400_000);
  const max = Math.max(...pts.map((p) => p.value), 1);
  const x = (d: string): number => pad.l + ((Date.parse(d) - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const y = (v: number): number => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart line', role: 'img', 'aria-label': label },
    s('line', { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: '#888' }),
    s('line', { x1: pad.l, x2: pad.l, y1: pad.t, y2: H - pad.b, stroke: '#888' }),
    s('text', { x: pad.l - 6, y: pad.t + 8, 'text-anchor': 'end', class: 'axis' }, formatNumber(max)),
    s('text', { x: pad.l - 6, y: H - pad.b, 'text-anchor': 'end', class: 'axis' }, '0'),
    s('text', { x: pad.l, y: H - 6, class: 'axis' }, pts[0]!.date),
    s('text', { x: W - pad.r, y: H - 6, 'text-anchor': 'end', class: 'axis' }, pts.at(-1)!.date),
    s('path', { d: path, fill: 'none', stroke: '#b2182b', 'stroke-width': 2 }),
    pts.map((p) => s('circle', { cx: x(p.date), cy: y(p.value), r: 3.5, fill: '#b2182b' }, s('title', null, `${p.date}: ${formatNumber(p.value)}`))),
  );
}
