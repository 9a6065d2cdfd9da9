/** Tallies: totals that sources reported over time, one line chart per measure and region, with who said so. */
import { currentSession, get, loadRegions, type TallySeries } from '../api.js';
import { lineChart } from '../charts.js';
import { h, render } from '../dom.js';
import { t, typeName } from '../i18n.js';
import { regionName } from '../map.js';
import { apiQuery, filtersFrom } from '../state.js';

export async function talliesView(main: HTMLElement): Promise<void> {
  const f = filtersFrom(location.search);
  delete f.kind;
  if (currentSession()?.editor && !f.status) f.status = 'draft,published';
  const [regions, data] = await Promise.all([loadRegions(), get<{ series: TallySeries[] }>(`/api/tallies${apiQuery(f)}`)]);
  render(main, h('h1', null, t.tallies_title),
    data.series.length === 0 ? h('p', { class: 'empty' }, t.no_tallies) :
      data.series.map((s) => {
        const area = s.region ? regionName(regions, s.region) : s.country ? t.countries[s.country] ?? s.country : null;
        const title = `${typeName(s.type)}: ${t.count_names[s.measure] ?? s.measure}${area ? ` · ${area}` : ''}${s.since ? ` (${s.since} →)` : ''}`;
        const sources = [...new Set(s.points.flatMap((p) => p.attribution))];
        return h('section', { class: 'panel tally' }, h('h2', null, title), lineChart(s.points, title),
          h('p', { class: 'attribution' }, `${t.according_to}: `, sources.length ? sources.join(', ') : '—'),
          h('p', { class: 'muted' }, s.points.map((p, i) => [i ? ' · ' : '', h('a', { href: `/events/${p.event_id}`, 'data-nav': true }, p.date ?? '?')])));
      }));
}
