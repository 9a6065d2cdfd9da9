/** The editors' review queue: drafts one by one, with keys P publish, R reject, N/J next, K previous, E edit. */
import { ApiError, currentSession, get, loadRegions, post, type EventDetail, type EventView } from '../api.js';
import { h, render } from '../dom.js';
import { t, typeName } from '../i18n.js';
import { dateText, placeText, setCleanup, type Navigate } from './common.js';
import { editorActions, eventDetail } from './event.js';

export async function reviewView(main: HTMLElement, navigate: Navigate): Promise<void> {
  if (!currentSession()?.editor) {
    navigate('/login', true);
    return;
  }
  const [regions, queue] = await Promise.all([loadRegions(), get<{ events: EventView[] }>('/api/review/queue?limit=200')]);
  let drafts = queue.events;
  const wanted = Number(new URLSearchParams(location.search).get('id'));
  let at = Math.max(0, drafts.findIndex((e) => e.id === wanted));
  const list = h('ol', { class: 'queue' });
  const detail = h('div', { class: 'review-detail' });
  const note = h('p', { class: 'note', role: 'status' });
  let current: EventDetail | null = null;

  const show = async (): Promise<void> => {
    render(list, drafts.map((e, i) => h('li', { class: i === at ? 'current' : null },
      h('button', { type: 'button', class: 'linkish', 'data-id': e.id, onclick: () => { at = i; void show(); } },
        `${dateText(e)} · ${typeName(e.type)} · ${placeText(e, regions) || '—'}`))));
    if (drafts.length === 0) {
      current = null;
      render(detail, h('p', { class: 'empty' }, t.queue_empty));
      return;
    }
    at = Math.min(at, drafts.length - 1);
    const id = drafts[at]!.id;
    history.replaceState(null, '', `/review?id=${id}`);
    current = await get<EventDetail>(`/api/events/${id}`);
    render(detail, editorActions(current, regions, (msg) => void done(msg)), eventDetail(current, regions));
  };
  // After an action the event usually left the queue: reload it and stay at the same position.
  const done = async (msg: string): Promise<void> => {
    note.textContent = msg;
    drafts = (await get<{ events: EventView[] }>('/api/review/queue?limit=200')).events;
    await show();
  };
  const act = async (path: string, msg: string): Promise<void> => {
    if (!current) return;
    try {
      await post(`/api/events/${current.id}/${path}`, { expectedVersion: current.version });
      await done(msg);
    } catch (err) {
      await done(err instanceof ApiError && err.status === 409 ? t.conflict : `${t.error}: ${(err as Error).message}`);
    }
  };

  const onKey = (e: KeyboardEvent): void => {
    const target = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const k = e.key.toLowerCase();
    if (k === 'p') void act('publish', t.done_publish);
    else if (k === 'r') void act('reject', t.done_reject);
    else if (k === 'n' || k === 'j') { at = Math.min(at + 1, drafts.length - 1); void show(); }
    else if (k === 'k') { at = Math.max(at - 1, 0); void show(); }
    else if (k === 'e') detail.querySelector<HTMLButtonElement>('[data-action="edit"]')?.click();
    else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  setCleanup(() => document.removeEventListener('keydown', onKey));

  render(main, h('h1', null, t.queue), h('p', { class: 'muted' }, t.shortcuts), note,
    h('div', { class: 'review' }, h('nav', { 'aria-label': t.queue }, list), detail));
  await show();
}
