/** The chronicle: filters, a weekly timeline by type, the cartogram and the events table, all from the URL. */
import { currentSession, get, loadRegions, type AggregateRow, type EventView, type Region } from '../api.js';
import { timeline, colourOf, swatch } from '../charts.js';
import { h, render } from '../dom.js';
import { formatNumber, t, typeName } from '../i18n.js';
import { cartogram, regionName } from '../map.js';
import { apiQuery, filtersFrom, withParams, type Filters } from '../state.js';
import { countsText, dateText, placeText, type Navigate } from './common.js';

const TYPES = Object.keys(t.types);

type SortKey = 'date' | 'type' | 'place' | 'summary';

export async function explore(main: HTMLElement, navigate: Navigate): Promise<void> {
  const editor = !!currentSession()?.editor;
  const f = filtersFrom(location.search);
  // Editors see drafts beside published events unless they pick a status (as the CLI does).
  if (editor && !f.status) f.status = 'draft,published';
  const params = new URLSearchParams(location.search);
  const colourBy = params.get('colour') === 'rate' ? 'rate' : 'count';
  const sort = params.get('sort') ?? '-date';
  const go = (changes: Record<string, string | undefined>): void => navigate(`/${withParams(changes)}`);

  const selectedRegions = f.region ? f.region.split(',') : [];
  const timelineBox = h('section', { class: 'panel', 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, t.timeline), h('p', { class: 'loading' }, '…'));
  const mapBox = h('section', { class: 'panel', 'aria-labelledby': 'h-map' }, h('h2', { id: 'h-map' }, t.map), h('p', { class: 'loading' }, '…'));
  const tableBox = h('section', { class: 'panel', 'aria-labelledby': 'h-table' }, h('h2', { id: 'h-table' }, t.table), h('p', { class: 'loading' }, '…'));
  render(main, filterForm(f, editor, go), timelineBox, h('div', { class: 'grid' }, mapBox, tableBox));

  // The map shows every region under the other filters, so a picked region can be compared and unpicked.
  const mapFilters: Filters = { ...f, region: undefined };
  const [regions, weekly, byRegion, page] = await Promise.all([
    loadRegions(),
    get<{ rows: AggregateRow[]; total: number }>(`/api/aggregates${apiQuery(f, { by: 'week,type', sums: 'false' })}`),
    get<{ rows: AggregateRow[] }>(`/api/aggregates${apiQuery(mapFilters, { by: 'region', sums: 'false' })}`),
    get<{ events: EventView[]; next: string | null }>(`/api/events${apiQuery(f, { limit: '100' })}`),
  ]);

  render(timelineBox, h('h2', { id: 'h-timeline' }, t.timeline),
    timeline(weekly.rows.filter((r) => r.key[0]).map((r) => ({ week: r.key[0]!, type: r.key[1]!, events: r.events })),
      (from, to) => go({ from, to })));

  const pick = (code: string): void => {
    const next = selectedRegions.includes(code) ? selectedRegions.filter((c) => c !== code) : [code];
    go({ region: next.join(',') || undefined });
  };
  render(mapBox, h('h2', { id: 'h-map' }, t.map),
    h('div', { class: 'toolbar' }, t.colour_by, ': ',
      h('a', { href: `/${withParams({ colour: undefined })}`, 'data-nav': true, class: colourBy === 'count' ? 'active' : null }, t.by_count), ' · ',
      h('a', { href: `/${withParams({ colour: 'rate' })}`, 'data-nav': true, class: colourBy === 'rate' ? 'active' : null }, t.by_rate)),
    cartogram(byRegion.rows, regions, colourBy, selectedRegions, pick),
    h('p', { class: 'hint' }, t.map_hint));

  renderTable(tableBox, page.events, page.next, weekly.total, f, regions, sort, go);
}

function filterForm(f: Filters, editor: boolean, go: (c: Record<string, string | undefined>) => void): HTMLElement {
  const q = h('input', { type: 'search', name: 'q', value: f.q ?? '', placeholder: t.search_placeholder, 'aria-label': t.search, maxlength: 500 });
  const type = h('select', { name: 'type', 'aria-label': t.type },
    h('option', { value: '' }, t.all_types),
    TYPES.map((tp) => h('option', { value: tp, selected: f.type === tp }, typeName(tp))));
  const from = h('input', { type: 'date', name: 'from', value: f.from ?? '', 'aria-label': t.from });
  const to = h('input', { type: 'date', name: 'to', value: f.to ?? '', 'aria-label': t.to });
  const kind = h('select', { name: 'kind', 'aria-label': t.kind },
    h('option', { value: '' }, t.all_kinds), h('option', { value: 'incident', selected: f.kind === 'incident' }, t.incident), h('option', { value: 'tally', selected: f.kind === 'tally' }, t.tally));
  const certainty = h('select', { name: 'certainty', 'aria-label': t.certainty },
    h('option', { value: '' }, t.any_certainty),
    ['reported', 'claimed', 'rumoured'].map((c) => h('option', { value: c, selected: f.certainty === c }, t.certainties[c] ?? c)));
  const settlement = h('input', { type: 'search', name: 'settlement', value: f.settlement ?? '', placeholder: t.settlement, 'aria-label': t.settlement, maxlength: 200 });
  const status = editor ? h('select', { name: 'status', 'aria-label': t.status },
    ['draft,published', 'published', 'draft', 'rejected'].map((st) => h('option', { value: st === 'draft,published' ? '' : st, selected: f.status === st }, st.split(',').map((x) => t.statuses[x] ?? x).join(' + ')))) : null;
  const form = h('form', { class: 'filters', role: 'search' },
    q, type, h('label', null, t.from, ' ', from), h('label', null, t.to, ' ', to), kind, certainty, settlement, status,
    h('button', { type: 'submit' }, t.search),
    Object.keys(filtersFrom(location.search)).length ? h('a', { href: '/', 'data-nav': true, class: 'clear' }, t.clear) : null);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({
      q: q.value.trim() || undefined, type: type.value || undefined, from: from.value || undefined, to: to.value || undefined, kind: kind.value || undefined,
      certainty: certainty.value || undefined, settlement: settlement.value.trim() || undefined, status: status?.value || undefined,
    });
  });
  const chips = h('div', { class: 'chips' },
    (f.region ? f.region.split(',') : []).map((code) => h('span', { class: 'chip' }, `${t.region_filter}: `, h('span', { class: 'region-name', 'data-code': code }, code), ' ',
      h('button', { type: 'button', class: 'linkish', 'aria-label': `${t.remove} ${code}`, onclick: () => go({ region: undefined }) }, '×'))),
    f.actor ? h('span', { class: 'chip' }, f.actor, ' ', h('button', { type: 'button', class: 'linkish', 'aria-label': `${t.remove} ${f.actor}`, onclick: () => go({ actor: undefined }) }, '×')) : null);
  void loadRegions().then((regions) => {
    for (const el of chips.querySelectorAll<HTMLElement>('.region-name')) el.textContent = regionName(regions, el.dataset.code ?? '');
  });
  return h('div', { class: 'filter-bar' }, form, chips);
}

function sorted(events: EventView[], sort: string, regions: Map<string, Region>): EventView[] {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const val = (e: EventView): string =>
    key === 'type' ? typeName(e.type) : key === 'place' ? placeText(e, regions) : key === 'summary' ? e.summary : e.date.start ?? '';
  const out = [...events].sort((a, b) => val(a).localeCompare(val(b)) || a.id - b.id);
  return desc ? out.reverse() : out;
}

function renderTable(box: HTMLElement, first: EventView[], firstNext: string | null, total: number, f: Filters, regions: Map<string, Region>, sort: string, go: (c: Record<string, string | undefined>) => void): void {
  let events = first;
  let next = firstNext;
  const tbody = h('tbody');
  const fill = (): void => {
    render(tbody, sorted(events, sort, regions).map((e) => h('tr', { 'data-id': e.id, class: e.status !== 'published' ? `status-${e.status}` : null },
      h('td', { class: 'nowrap' }, dateText(e)),
      h('td', null, swatch(colourOf(e.type)), ' ', typeName(e.type)),
      h('td', null, placeText(e, regions)),
      h('td', null, h('a', { href: `/events/${e.id}`, 'data-nav': true }, e.summary || typeName(e.type)),
        e.status !== 'published' ? h('span', { class: 'badge' }, t.statuses[e.status] ?? e.status) : null,
        e.disputed ? h('span', { class: 'badge warn' }, t.disputed) : null,
        Object.keys(e.counts).length ? h('div', { class: 'muted' }, countsText(e.counts)) : null),
      h('td', { class: 'num' }, e.source_count))));
  };
  const header = (key: SortKey, label: string): HTMLElement => {
    const active = sort === key || sort === `-${key}`;
    const nextSort = sort === `-${key}` ? key : `-${key}`;
    return h('th', { scope: 'col', 'aria-sort': active ? (sort.startsWith('-') ? 'descending' : 'ascending') : null },
      h('button', { type: 'button', class: 'linkish sort', onclick: () => go({ sort: nextSort === '-date' ? undefined : nextSort }) }, label, active ? (sort.startsWith('-') ? ' ↓' : ' ↑') : ''));
  };
  const more = h('button', { type: 'button', class: 'more' }, t.more);
  const status = h('p', { class: 'muted', role: 'status' });
  const showStatus = (): void => {
    status.textContent = `${t.total(total)} · ${t.shown(events.length)}`;
    more.hidden = !next;
  };
  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    const page = await get<{ events: EventView[]; next: string | null }>(`/api/events${apiQuery(f, { limit: '100', after: next })}`);
    events = events.concat(page.events);
    next = page.next;
    more.disabled = false;
    fill();
    showStatus();
  });
  fill();
  showStatus();
  render(box, h('h2', { id: 'h-table' }, t.table), status,
    events.length === 0 ? h('p', { class: 'empty' }, t.nothing) :
      h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
        h('thead', null, h('tr', null, header('date', t.date), header('type', t.type), header('place', t.place), header('summary', t.summary), h('th', { scope: 'col' }, t.sources))),
        tbody)),
    more);
}

