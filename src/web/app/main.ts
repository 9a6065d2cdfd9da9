/** Letopis web app: a small router over History API paths; every view reads its state from the URL. */
import { currentSession, loadRegions, loadSession, logout } from './api.js';
import { h, render } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { eventView } from './views/event.js';
import { explore } from './views/explore.js';
import { loginView } from './views/login.js';
import { reportView } from './views/report.js';
import { reviewView } from './views/review.js';
import { talliesView } from './views/tallies.js';
import { setCleanup, runCleanup } from './views/common.js';

const main = document.getElementById('main')!;
const top = document.getElementById('top')!;
const bottom = document.getElementById('bottom')!;

export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void route();
}

function header(): void {
  const sess = currentSession();
  const here = location.pathname;
  const link = (href: string, label: string): HTMLElement =>
    h('a', { href, 'data-nav': true, class: here === href || (href !== '/' && here.startsWith(href)) ? 'active' : null }, label);
  render(top,
    h('nav', { class: 'topnav', 'aria-label': 'main' },
      h('a', { href: '/', 'data-nav': true, class: 'brand' }, t.title),
      link('/', t.nav_explore),
      link('/tallies', t.nav_tallies),
      link('/report', t.nav_report),
      sess?.editor ? link('/review', t.nav_review) : null,
      h('span', { class: 'spacer' }),
      sess?.local ? h('span', { class: 'badge' }, t.local_mode) : null,
      sess?.user ? h('span', { class: 'who' }, sess.user.name) : null,
      sess?.user ? h('button', { type: 'button', class: 'linkish', onclick: () => void logout().then(() => navigate('/')) }, t.nav_logout) : null,
      !sess?.editor ? link('/login', t.nav_login) : null,
      h('button', { type: 'button', class: 'linkish', id: 'lang', onclick: () => { setLang(currentLang() === 'en' ? 'ru' : 'en'); void route(); } }, t.lang_switch),
    ));
  render(bottom, h('p', null, t.footer, ' ', h('a', { href: '/api/openapi.json' }, 'API')));
}

async function route(): Promise<void> {
  runCleanup();
  document.documentElement.lang = currentLang();
  header();
  const path = location.pathname;
  const m = /^\/events\/(\d+)$/.exec(path);
  try {
    if (path === '/') await explore(main, navigate);
    else if (m) await eventView(main, Number(m[1]), navigate);
    else if (path === '/review') await reviewView(main, navigate);
    else if (path === '/tallies') await talliesView(main);
    else if (path === '/login') await loginView(main, navigate, header);
    else if (path === '/report') await reportView(main, navigate);
    else render(main, h('p', null, t.not_found));
  } catch (err) {
    render(main, h('p', { class: 'error', role: 'alert' }, `${t.error}: ${(err as Error).message}`));
  }
}

// Same-origin links marked data-nav route in the page; everything else is a normal link.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[data-nav]') as HTMLAnchorElement | null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void route());

setCleanup(null);
void loadRegions().catch(() => null); // every view needs region names: fetch them while the session loads
void loadSession().catch(() => null).then(() => route());
