/** One event: what happened, where, when, the evidence highlighted in its source text, and the sources. */
import { ApiError, currentSession, get, loadRegions, post, type EventDetail, type Evidence, type Region } from '../api.js';
import { colourOf, swatch } from '../charts.js';
import { h, render } from '../dom.js';
import { formatNumber, t, typeName } from '../i18n.js';
import { regionName } from '../map.js';
import { countsText, dateText, placeText, type Navigate } from './common.js';

/** The excerpt with the evidence in a <mark>; the text goes in as text nodes, never as HTML. */
export function evidenceBlock(r: Evidence): HTMLElement {
  const a = Math.max(0, r.evidence_start - r.excerpt_start);
  const b = Math.max(a, r.evidence_end - r.excerpt_start);
  const before = r.excerpt.slice(0, a);
  const inside = r.excerpt.slice(a, b);
  const after = r.excerpt.slice(b);
  return h('blockquote', { class: 'evidence', 'data-record': r.record_id },
    r.excerpt_start > 0 ? '… ' : null, before, h('mark', null, inside), after,
    r.excerpt_start + r.excerpt.length < r.document_length ? ' …' : null);
}

export function eventDetail(ev: EventDetail, regions: Map<string, Region>): HTMLElement {
  return h('article', { class: 'event', 'data-id': ev.id },
    h('h1', null, swatch(colourOf(ev.type)), ' ', typeName(ev.type), ev.place.settlement || ev.place.region ? `: ${placeText(ev, regions)}` : ''),
    h('p', { class: 'summary' }, ev.summary),
    h('dl', { class: 'facts' },
      h('dt', null, t.date), h('dd', null, dateText(ev)),
      h('dt', null, t.place), h('dd', null, placeText(ev, regions) || '—'),
      Object.keys(ev.counts).length ? [h('dt', null, t.counts), h('dd', null, countsText(ev.counts))] : null,
      ev.kind === 'tally' && ev.value !== undefined ? [h('dt', null, t.count_names[ev.measure ?? ''] ?? ev.measure ?? ''), h('dd', null, formatNumber(ev.value), ev.qualifier ? ` (${ev.qualifier})` : '')] : null,
      h('dt', null, t.certainty), h('dd', null, t.certainties[ev.certainty] ?? ev.certainty, ev.disputed ? h('span', { class: 'badge warn' }, t.disputed) : null),
      ev.attribution.length ? [h('dt', null, t.according_to), h('dd', null, ev.attribution.join(', '))] : null,
      h('dt', null, t.status), h('dd', null, t.statuses[ev.status] ?? ev.status),
      h('dt', null, t.sources), h('dd', null, `${ev.source_count} (${ev.independent_sources} ${t.independent})`)),
    h('h2', null, t.evidence),
    ev.records.map((r) => evidenceBlock(r)),
    h('h2', null, t.sources),
    h('ol', { class: 'sources' }, ev.sources.map((s) => h('li', null,
      s.url && /^https?:\/\//.test(s.url)
        ? h('a', { href: s.url, rel: 'noreferrer noopener nofollow', target: '_blank' }, s.title || s.source_name || s.url)
        : h('span', null, s.title || s.source_name || s.ref),
      s.published ? h('span', { class: 'muted' }, ` · ${s.published.slice(0, 10)}`) : null,
      s.source_name && s.url ? h('span', { class: 'muted' }, ` · ${s.source_name}`) : null))));
}

/** Publish, reject, dispute and edit buttons, calling the review API; onDone gets a message. */
export function editorActions(ev: EventDetail, regions: Map<string, Region>, onDone: (msg: string) => void): HTMLElement {
  const box = h('div', { class: 'actions' });
  const act = async (path: string, body: Record<string, unknown>, msg: string): Promise<void> => {
    try {
      await post(`/api/events/${ev.id}/${path}`, { ...body, expectedVersion: ev.version });
      onDone(msg);
    } catch (err) {
      onDone(err instanceof ApiError && err.status === 409 ? t.conflict : `${t.error}: ${(err as Error).message}`);
    }
  };
  const form = editForm(ev, regions, (patch) => act('edit', { patch }, t.save), () => { form.hidden = true; });
  form.hidden = true;
  render(box,
    ev.status !== 'published' ? h('button', { type: 'button', class: 'primary', 'data-action': 'publish', onclick: () => void act('publish', {}, t.done_publish) }, t.publish) : null,
    ev.status !== 'rejected' ? h('button', { type: 'button', 'data-action': 'reject', onclick: () => void act('reject', {}, t.done_reject) }, t.reject) : null,
    ev.status !== 'draft' ? h('button', { type: 'button', 'data-action': 'restore', onclick: () => void act('restore', {}, t.restore) }, t.restore) : null,
    h('button', { type: 'button', 'data-action': 'dispute', onclick: () => void act('dispute', { disputed: !ev.disputed }, ev.disputed ? t.undispute : t.dispute) }, ev.disputed ? t.undispute : t.dispute),
    h('button', { type: 'button', 'data-action': 'edit', onclick: () => { form.hidden = !form.hidden; if (!form.hidden) form.querySelector<HTMLElement>('select,input')?.focus(); } }, t.edit),
    form);
  return box;
}

function editForm(ev: EventDetail, regions: Map<string, Region>, save: (patch: Record<string, unknown>) => void, cancel: () => void): HTMLFormElement {
  const type = h('select', { name: 'type' }, Object.keys(t.types).map((tp) => h('option', { value: tp, selected: tp === ev.type }, typeName(tp))));
  const start = h('input', { name: 'start', value: ev.date.start ?? '', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', placeholder: 'YYYY-MM-DD' });
  const end = h('input', { name: 'end', value: ev.date.end ?? '', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', placeholder: 'YYYY-MM-DD' });
  const region = h('select', { name: 'region' }, h('option', { value: '' }, '—'),
    [...regions.values()].sort((a, b) => regionName(regions, a.code).localeCompare(regionName(regions, b.code)))
      .map((r) => h('option', { value: r.code, selected: r.code === ev.place.region }, `${regionName(regions, r.code)} (${r.code})`)));
  const settlement = h('input', { name: 'settlement', value: ev.place.settlement ?? '' });
  const summary = h('textarea', { name: 'summary', rows: 3 }, ev.summary);
  const form = h('form', { class: 'edit' },
    h('label', null, t.type, type), h('label', null, `${t.date} (${t.from})`, start), h('label', null, `${t.date} (${t.to})`, end),
    h('label', null, t.region_filter, region), h('label', null, t.place, settlement), h('label', { class: 'full' }, t.summary, summary),
    h('div', { class: 'full' }, h('button', { type: 'submit', class: 'primary' }, t.save), ' ', h('button', { type: 'button', onclick: cancel }, t.cancel)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const patch: Record<string, unknown> = {};
    if (type.value !== ev.type) patch.type = type.value;
    if (start.value !== (ev.date.start ?? '') || end.value !== (ev.date.end ?? '')) {
      const s0 = start.value || null;
      const precision = !s0 ? 'unknown' : end.value && end.value !== s0 ? 'range' : s0.length === 10 ? 'day' : s0.length === 7 ? 'month' : 'year';
      patch.date = { start: s0, ...(end.value ? { end: end.value } : {}), precision };
    }
    if (region.value !== (ev.place.region ?? '') || settlement.value !== (ev.place.settlement ?? '')) {
      patch.place = { region: region.value || null, country: region.value ? region.value.slice(0, 2) : ev.place.country, settlement: settlement.value || null };
    }
    if (summary.value !== ev.summary) patch.summary = summary.value;
    if (Object.keys(patch).length) save(patch);
    else cancel();
  });
  return form;
}

export async function eventView(main: HTMLElement, id: number, navigate: Navigate): Promise<void> {
  const [regions, ev] = await Promise.all([
    loadRegions(),
    get<EventDetail>(`/api/events/${id}`).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  ]);
  if (!ev) {
    render(main, h('p', null, t.not_found));
    return;
  }
  document.title = `${typeName(ev.type)} · ${t.title}`;
  const note = h('p', { class: 'note', role: 'status' });
  const back = h('p', null, h('a', { href: '/', 'data-nav': true, onclick: (e: Event) => { if (history.length > 1) { e.preventDefault(); history.back(); } } }, `← ${t.back}`));
  const editor = !!currentSession()?.editor;
  const historyBox = editor ? h('section', { class: 'history' }, h('h2', null, t.history)) : null;
  render(main, back, editor ? editorActions(ev, regions, (msg) => { note.textContent = msg; void eventView(main, id, navigate).then(() => { main.querySelector('.note')!.textContent = msg; }); }) : null, note, eventDetail(ev, regions), historyBox);
  if (historyBox) {
    const { history } = await get<{ history: { at: string; actor: string; action: string }[] }>(`/api/events/${id}/history`);
    historyBox.append(h('ol', null, history.map((x) => h('li', null, `${new Date(x.at).toISOString().slice(0, 16).replace('T', ' ')} · ${x.actor} · ${x.action}`))));
  }
}
