/** The overview of a period, built by the reports module (GET /api/report), with numbered sources. */
import { currentSession, get, loadRegions } from '../api.js';
import { colourOf, swatch } from '../charts.js';
import { h, render, s } from '../dom.js';
import { formatNumber, t, typeName } from '../i18n.js';
import { regionName } from '../map.js';
import { withParams } from '../state.js';
import type { Navigate } from './common.js';

interface ReportEvent { id: number; date: { start: string | null; end: string | null }; place: { settlement: string | null; region: string | null; country: string | null }; summary: string; disputed: boolean; cites: number[] }
interface Report {
  period: { from: string; to: string }; previous: { from: string; to: string };
  totals: { type: string; count: number; previous: number }[]; total: { count: number; previous: number };
  sections: { type: string; events: ReportEvent[] }[];
  tallies: (ReportEvent & { measure: string | null; value: number | null; qualifier: string | null; claimedBy: string[] })[];
  regions: { code: string | null; count: number; per100k: number | null }[];
  weekly: { week: string; count: number }[];
  sources: { n: number; link: string; name: string | null; published: string | null }[];
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

export async function reportView(main: HTMLElement, navigate: Navigate): Promise<void> {
  const p = new URLSearchParams(location.search);
  const today = new Date();
  const from = p.get('from') ?? iso(new Date(today.getTime() - 29 * 86_400_000));
  const to = p.get('to') ?? iso(today);
  const fromIn = h('input', { type: 'date', name: 'from', value: from, required: true });
  const toIn = h('input', { type: 'date', name: 'to', value: to, required: true });
  const form = h('form', { class: 'filters' }, h('label', null, t.from, ' ', fromIn), h('label', null, t.to, ' ', toIn), h('button', { type: 'submit' }, t.apply));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`/report${withParams({ from: fromIn.value, to: toIn.value })}`);
  });
  render(main, h('h1', null, t.nav_report), form, h('p', { class: 'loading' }, '…'));
  const q = new URLSearchParams({ from, to });
  for (const k of ['type', 'region']) if (p.get(k)) q.set(k, p.get(k)!);
  // Editors see drafts in the report too, as in the other views, unless the URL says drafts=false.
  if (currentSession()?.editor && p.get('drafts') !== 'false') q.set('drafts', 'true');
  const [regions, r] = await Promise.all([loadRegions(), get<Report>(`/api/report?${q.toString()}`)]);
  const cites = (ns: number[]): HTMLElement => h('sup', null, ns.map((n, i) => [i ? ',' : '', h('a', { href: `#src-${n}` }, `[${n}]`)]));
  const maxWeek = Math.max(1, ...r.weekly.map((w) => w.count));
  render(main, h('h1', null, t.nav_report, `: ${r.period.from} – ${r.period.to}`), form,
    h('section', { class: 'panel' },
      h('p', null, t.total(r.total.count), ` (${r.previous.from} – ${r.previous.to}: ${r.total.previous})`),
      h('table', { class: 'events' }, h('thead', null, h('tr', null, h('th', null, t.type), h('th', { class: 'num' }, t.this_period), h('th', { class: 'num' }, t.previous_period))),
        h('tbody', null, r.totals.map((x) => h('tr', null, h('td', null, swatch(colourOf(x.type)), ' ', typeName(x.type)), h('td', { class: 'num' }, x.count), h('td', { class: 'num' }, x.previous))))),
      s('svg', { viewBox: `0 0 ${r.weekly.length * 20} 60`, class: 'chart', role: 'img', 'aria-label': t.timeline },
        r.weekly.map((w, i) => s('rect', { x: i * 20 + 2, y: 60 - (w.count / maxWeek) * 56, width: 16, height: (w.count / maxWeek) * 56, fill: '#b2182b' }, s('title', null, `${w.week}: ${w.count}`))))),
    r.sections.map((sec) => h('section', { class: 'panel' }, h('h2', null, swatch(colourOf(sec.type)), ' ', typeName(sec.type), ` (${sec.events.length})`),
      h('ul', null, sec.events.map((e) => h('li', null, h('a', { href: `/events/${e.id}`, 'data-nav': true }, e.date.start ?? '?'), ' ',
        [[e.place.settlement, e.place.region ? regionName(regions, e.place.region) : null].filter(Boolean).join(', '), e.summary].filter(Boolean).join(': '),
        e.disputed ? h('span', { class: 'badge warn' }, t.disputed) : null, cites(e.cites)))))),
    r.tallies.length ? h('section', { class: 'panel' }, h('h2', null, t.nav_tallies),
      h('ul', null, r.tallies.map((x) => h('li', null, `${x.date.end ?? x.date.start ?? '?'}: `, x.value !== null ? formatNumber(x.value) : '?', ' ', t.count_names[x.measure ?? ''] ?? x.measure ?? '',
        x.claimedBy.length ? ` (${t.according_to}: ${x.claimedBy.join(', ')})` : '', cites(x.cites))))) : null,
    h('section', { class: 'panel' }, h('h2', null, t.sources),
      h('ol', { class: 'sources' }, r.sources.map((src) => h('li', { id: `src-${src.n}`, value: src.n },
        /^https?:\/\//.test(src.link) ? h('a', { href: src.link, rel: 'noreferrer noopener nofollow', target: '_blank' }, src.name ?? src.link) : src.link,
        src.published ? h('span', { class: 'muted' }, ` · ${src.published}`) : null)))));
}
