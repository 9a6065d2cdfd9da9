/**
 * The HTTP API and the web app, as one Hono app. Routes only parse input, call the query and service
 * functions the CLI uses too, and format output; LetopisError maps to a status in one place.
 *
 * Who is an editor: in local mode (loopback, no accounts) everyone; otherwise whoever holds a
 * session cookie from POST /api/login. Every state change needs the X-CSRF-Token header (the
 * session's token, from GET /api/session), except POST /api/login (no session yet; Origin is
 * checked) and POST /api/documents when it carries `Authorization: Bearer <ingest token>`: that
 * token is written by `letopis serve` into the data folder's lock file for `letopis ingest --server`,
 * and a custom header cannot be sent cross-site, so it needs no CSRF token.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { COUNT_KEYS } from '../extract/record.js';
import { LetopisError } from '../errors.js';
import type { DocumentInput } from '../ingest/document.js';
import { getEvent, listEvents } from '../query/events.js';
import { listTallySeries } from '../query/tallies.js';
import {
  aggregateEvents, evidenceOfEvent, getEventRow, storeCounts,
  type GroupKey, type Store,
} from '../store/index.js';
import { Api, type ApiContext, type ApiEnv, type RouteSpec } from './api.js';
import { login, logout, newToken, sameSecret, sessionOf, SESSION_HOURS } from './auth.js';
import { eventsPage } from './page.js';
import { rateLimit, type RateLimit } from './ratelimit.js';
import { ratePer100k, regionTable } from './regions.js';
import { staticResponse, type StaticFile } from './static.js';
import { answerCache } from './cache.js';
import { reviewRoutes } from './review-routes.js';
import { dayOf, FILTER_PARAMS, filterOf, ID_PARAM } from './filter-params.js';

export interface AppOptions {
  store: Store;
  /** Local mode: listening on loopback with no accounts, whoever opens it is an editor. */
  local: boolean;
  /** Bearer token accepted on POST /api/documents (from `letopis ingest --server`). */
  ingestToken?: string | null;
  /** The built web app (loadStatic(dist/web)); without it `/` serves a plain server-rendered list. */
  web?: Map<string, StaticFile> | null;
  /** Requests per minute per client on the public API (0: no limit). Editors are not limited. */
  apiPerMinute?: number;
  /** Login attempts per 15 minutes per client and per user name. */
  loginPer15Min?: number;
  /** Seconds an answer (event list, aggregate, tally, report) may be reused (0: never); changes through the API clear it. */
  answerCacheSeconds?: number;
}

export const SESSION_COOKIE = 'letopis_session';

export const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const LOOPBACK_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

// --- the app ------------------------------------------------------------------------------------

export function createApp(opts: AppOptions): Hono<ApiEnv> & { api: Api; warm: () => Promise<void> } {
  const { store, local } = opts;
  const app = new Hono<ApiEnv>();
  const localCsrf = newToken();
  const apiLimit: RateLimit | null = (opts.apiPerMinute ?? 600) > 0 ? rateLimit(opts.apiPerMinute ?? 600, 60_000) : null;
  const loginLimit = rateLimit(opts.loginPer15Min ?? 10, 15 * 60_000);
  const cache = answerCache((opts.answerCacheSeconds ?? 10) * 1000);
  const clearCache = (): void => cache.clear();
  /** Answers come from the cache, editors' apart from the public's (they may include drafts). */
  const cachedFor = <T>(c: ApiContext, compute: () => Promise<T>): Promise<T> =>
    cache.get(`${c.get('editor') ? 'e' : 'p'}${c.req.path}${new URL(c.req.url).search}`, compute);

  const clientOf = (c: ApiContext): string => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // in-process requests (tests) have no socket
    }
  };

  app.onError((err, c) => {
    if (err instanceof LetopisError) {
      const body = { error: { code: err.code, message: err.message, ...(typeof err.details?.param === 'string' ? { param: err.details.param } : {}) } };
      if (typeof err.details?.retryAfter === 'number') c.header('Retry-After', String(err.details.retryAfter));
      return c.json(body, (err.details?.status as 429 | undefined) ?? (err.httpStatus as 400));
    }
    console.error(err);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });

  // In local mode a page on another site could point its own DNS name at 127.0.0.1 (DNS rebinding)
  // and read the API as same-origin; answering only to loopback host names closes that.
  if (local) {
    app.use('*', async (c, next) => {
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (!LOOPBACK_HOSTS.test(host)) return c.text('Local mode answers only on localhost / 127.0.0.1.', 421);
      await next();
    });
  }

  // Who is asking: editor or public; rate-limit the public.
  app.use('/api/*', async (c, next) => {
    let editor = false;
    let user: ApiEnv['Variables']['user'] = null;
    let csrf: string | null = null;
    if (local) {
      editor = true;
      csrf = localCsrf;
    } else {
      const s = await sessionOf(store, getCookie(c, SESSION_COOKIE));
      if (s) {
        editor = true;
        user = { name: s.name, role: s.role };
        csrf = s.csrf;
      }
    }
    const auth = c.req.header('authorization');
    const bearer = !!opts.ingestToken && !!auth?.startsWith('Bearer ') && c.req.path === '/api/documents' && sameSecret(auth.slice(7), opts.ingestToken);
    if (bearer) {
      editor = true;
      user ??= { name: 'ingest', role: 'editor' };
    }
    c.set('bearer', bearer);
    c.set('editor', editor);
    c.set('user', user);
    c.set('csrf', csrf);
    if (!editor && apiLimit) {
      const key = clientOf(c);
      if (!apiLimit.take(key)) throw new LetopisError('FORBIDDEN', 'too many requests; slow down', { status: 429, retryAfter: apiLimit.retryAfter(key) });
    }
    await next();
  });

  const api = new Api(app, (c, spec) => {
    if (spec.access === 'editor' && !c.get('editor')) {
      throw new LetopisError(getCookie(c, SESSION_COOKIE) ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'editors only: log in first');
    }
    if (spec.method !== 'get') {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) throw new LetopisError('FORBIDDEN', `requests from ${origin} are not accepted`);
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new LetopisError('FORBIDDEN', 'cross-site requests are not accepted');
      if (!spec.csrfExempt && !c.get('bearer') && !sameSecret(c.req.header('x-csrf-token'), c.get('csrf') ?? undefined)) {
        throw new LetopisError('FORBIDDEN', 'missing or wrong X-CSRF-Token header (take it from GET /api/session)');
      }
    }
  });

  const route = (spec: RouteSpec, handler: (c: ApiContext) => Promise<Response>): void => {
    api.add(spec, handler);
  };

  route({ method: 'get', path: '/api/health', summary: 'Liveness and counts', tag: 'meta', access: 'public',
    response: { type: 'object', properties: { ok: { type: 'boolean' }, engine: { type: 'string' }, counts: { type: 'object' } } } },
  async (c) => c.json({ ok: true, engine: store.engine, counts: await storeCounts(store.db) }));

  route({ method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'meta', access: 'public', response: { type: 'object' } },
    async (c) => c.json(openapi()));

  // --- session --------------------------------------------------------------------------------

  route({ method: 'get', path: '/api/session', summary: 'Who you are: editor or not, and the CSRF token for state changes', tag: 'session', access: 'public',
    response: { type: 'object', properties: { editor: { type: 'boolean' }, local: { type: 'boolean' }, user: { type: ['object', 'null'] }, csrf: { type: ['string', 'null'] } } } },
  async (c) => c.json({ editor: c.get('editor'), local, user: c.get('user'), csrf: c.get('csrf') }));

  route({ method: 'post', path: '/api/login', summary: 'Log in as an editor; sets an httpOnly session cookie', tag: 'session', access: 'public',
    csrfExempt: 'No session exists yet, so no CSRF token: the Origin header must match. Limited to a few attempts per 15 minutes per client and per name.',
    body: { type: 'object', required: ['name', 'password'], properties: { name: { type: 'string' }, password: { type: 'string' } } },
    response: { type: 'object', properties: { user: { type: 'object' }, csrf: { type: 'string' } } } },
  async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown; password?: unknown } | null;
    if (!body || typeof body.name !== 'string' || !body.name) throw new LetopisError('USAGE', 'name: required', { param: 'name' });
    if (typeof body.password !== 'string' || !body.password) throw new LetopisError('USAGE', 'password: required', { param: 'password' });
    if (body.name.length > 64 || body.password.length > 1024) throw new LetopisError('USAGE', 'name or password too long', { param: 'name' });
    for (const key of [`ip:${clientOf(c)}`, `name:${body.name}`]) {
      if (!loginLimit.take(key)) throw new LetopisError('FORBIDDEN', 'too many login attempts; wait and try again', { status: 429, retryAfter: loginLimit.retryAfter(key) });
    }
    const s = await login(store, body.name, body.password);
    if (!s) throw new LetopisError('UNAUTHENTICATED', 'wrong name or password');
    loginLimit.reset(`name:${body.name}`);
    setCookie(c, SESSION_COOKIE, s.token, {
      httpOnly: true, sameSite: 'Strict', path: '/', maxAge: SESSION_HOURS * 3600,
      secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
    });
    return c.json({ user: s.user, csrf: s.csrf });
  });

  route({ method: 'post', path: '/api/logout', summary: 'End the session', tag: 'session', access: 'public', response: { type: 'object' } },
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logout(store, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  // --- events ---------------------------------------------------------------------------------

  route({ method: 'get', path: '/api/events', summary: 'Events, newest first, keyset-paginated: pass `next` back as `after`', tag: 'events', access: 'public',
    params: [...FILTER_PARAMS,
      { name: 'limit', in: 'query', description: 'page size', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      { name: 'after', in: 'query', description: 'the `next` cursor of the previous page', schema: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}|null)~\\d{1,10}$', description: 'a cursor returned by this API' } }],
    response: { type: 'object', properties: { events: { type: 'array', items: ref('Event') }, next: { type: ['string', 'null'] } } } },
  async (c) => {
    const p = c.get('query');
    const filter = filterOf(p, c.get('editor'));
    filter.limit = p.limit ? Number(p.limit) : 100;
    if (typeof p.after === 'string') {
      const [d, id] = p.after.split('~') as [string, string];
      filter.after = { date: d === 'null' ? null : d, id: Number(id) };
    }
    const events = await cachedFor(c, () => listEvents(store, filter));
    const last = events.at(-1);
    const next = events.length === filter.limit && last ? `${last.date.start ? dayOf(last.date.start) : 'null'}~${last.id}` : null;
    return c.json({ events, next });
  });

  route({ method: 'get', path: '/api/events/:id', summary: 'One event with its sources, and its records with the evidence in context', tag: 'events', access: 'public',
    params: [ID_PARAM],
    response: { allOf: [ref('Event'), { type: 'object', properties: { records: { type: 'array', items: ref('Evidence') } } }] } },
  async (c) => {
    const id = Number(c.get('query').id);
    const ev = await getEvent(store, id);
    if (ev.status !== 'published' && !c.get('editor')) throw new LetopisError('NOT_FOUND', `no event ${id}`);
    const records = await evidenceOfEvent(store.db, id);
    const extra = c.get('editor') ? { version: (await getEventRow(store.db, id))?.version } : {};
    return c.json({ ...ev, ...extra, records });
  });

  // --- aggregates -----------------------------------------------------------------------------

  route({ method: 'get', path: '/api/aggregates', summary: 'Event counts and sums of counts, grouped; regions carry a rate per 100,000 inhabitants', tag: 'aggregates', access: 'public',
    params: [{ name: 'by', in: 'query', multiple: true, required: true, description: 'one or two of type, region, country, week (ISO, from Monday), month', schema: { type: 'array', items: { type: 'string', enum: ['type', 'region', 'country', 'week', 'month'] } } },
      { name: 'sums', in: 'query', description: 'false: counts of events only, no sums of their counts (much cheaper)', schema: { type: 'string', enum: ['true', 'false'], default: 'true' } },
      ...FILTER_PARAMS],
    response: { type: 'object', properties: {
      by: { type: 'array', items: { type: 'string' } },
      rows: { type: 'array', items: { type: 'object', properties: {
        key: { type: 'array', items: { type: ['string', 'null'] } }, events: { type: 'integer' }, counts: { type: 'object', additionalProperties: { type: 'number' } },
        population: { type: ['integer', 'null'] }, rate_per_100k: { type: ['number', 'null'] } } } },
      total: { type: 'integer' } } } },
  async (c) => {
    const p = c.get('query');
    const by = p.by as GroupKey[];
    if (by.length > 2) throw new LetopisError('USAGE', 'by: at most two keys', { param: 'by' });
    const filter = filterOf(p, c.get('editor'));
    const body = await cachedFor(c, async () => {
      const rows = await aggregateEvents(store.db, filter, by, p.sums !== 'false');
      const regionAt = by.indexOf('region');
      return {
        by,
        rows: rows.map((r) => {
          if (regionAt < 0) return r;
          const code = r.key[regionAt] ?? null;
          return { ...r, population: code ? regionTable().get(code)?.population ?? null : null, rate_per_100k: ratePer100k(r.events, code) };
        }),
        total: rows.reduce((n, r) => n + r.events, 0),
      };
    });
    return c.json(body);
  });

  route({ method: 'get', path: '/api/tallies', summary: 'Tally series (totals sources claimed over time), one per type, measure and area, each point with who claims it and its sources', tag: 'aggregates', access: 'public',
    params: [
      ...FILTER_PARAMS.filter((p) => ['type', 'region', 'from', 'to', 'status'].includes(p.name)),
      { name: 'measure', in: 'query', multiple: true, description: 'what is counted: detained, sentenced...', schema: { type: 'array', items: { type: 'string', enum: [...COUNT_KEYS] } } },
      { name: 'country', in: 'query', description: 'RU, BY or UA', schema: { type: 'string', pattern: '^[A-Z]{2}$', description: 'a two-letter country code' } },
    ],
    response: { type: 'object', properties: { series: { type: 'array', items: { type: 'object', properties: {
      key: { type: 'string' }, type: { type: 'string' }, measure: { type: 'string', enum: [...COUNT_KEYS] }, country: { type: ['string', 'null'] }, region: { type: ['string', 'null'] }, since: { type: ['string', 'null'] },
      points: { type: 'array', items: { type: 'object', properties: {
        event_id: { type: 'integer' }, date: { type: ['string', 'null'] }, since: { type: ['string', 'null'] }, value: { type: 'number' }, qualifier: { type: ['string', 'null'] },
        attribution: { type: 'array', items: { type: 'string' } }, sources: { type: 'array', items: ref('Source') } } } },
      latest: { type: ['object', 'null'] }, highest: { type: ['object', 'null'] } } } } } } },
  async (c) => {
    const p = c.get('query');
    const f = filterOf(p, c.get('editor'));
    const series = await cachedFor(c, () => listTallySeries(store, {
      type: f.type, region: f.region, from: f.from, to: f.to, status: f.status,
      measure: p.measure as string[] | undefined, country: p.country as string | undefined,
    }));
    return c.json({ series });
  });

  route({ method: 'get', path: '/api/report', summary: 'An overview of a period: totals by type against the previous period, events by type with numbered sources, tallies, regions, weeks', tag: 'aggregates', access: 'public',
    params: [
      { name: 'from', in: 'query', required: true, description: 'first day of the period', schema: { type: 'string', format: 'date' } },
      { name: 'to', in: 'query', required: true, description: 'last day of the period', schema: { type: 'string', format: 'date' } },
      ...FILTER_PARAMS.filter((p) => ['type', 'region'].includes(p.name)),
      { name: 'drafts', in: 'query', description: 'editors only: include drafts', schema: { type: 'string', enum: ['true', 'false'] } },
      { name: 'names', in: 'query', description: 'editors only: keep private persons\' names (default: initials)', schema: { type: 'string', enum: ['true', 'false'] } },
    ],
    response: { type: 'object' } },
  async (c) => {
    const p = c.get('query');
    for (const k of ['drafts', 'names'] as const) {
      if (p[k] === 'true' && !c.get('editor')) throw new LetopisError('FORBIDDEN', `${k}: editors only`, { param: k });
    }
    const { buildReport } = await import('../report/report.js');
    const report = await cachedFor(c, () => buildReport(store, {
      from: p.from as string, to: p.to as string, type: p.type as string[] | undefined, region: p.region as string[] | undefined,
      includeDrafts: p.drafts === 'true', names: p.names === 'true',
    }));
    return c.json(report);
  });

  route({ method: 'get', path: '/api/regions', summary: 'Regions: ISO 3166-2 code, names (en, ru, uk) and population', tag: 'aggregates', access: 'public',
    response: { type: 'object', properties: { regions: { type: 'array', items: { type: 'object' } } } } },
  async (c) => c.json({ regions: [...regionTable().values()] }));

  // --- editors --------------------------------------------------------------------------------

  reviewRoutes(route, { store, clearCache, idParam: ID_PARAM, filterOf });

  route({ method: 'post', path: '/api/documents', summary: 'Ingest documents (used by `letopis ingest --server URL`)', tag: 'editing', access: 'editor',
    note: 'Editors send X-CSRF-Token as usual; `letopis ingest --server` sends `Authorization: Bearer <token>` instead, the token `letopis serve` writes to the lock file in its data folder (a custom header cannot be sent cross-site).',
    body: { type: 'object', required: ['documents'], properties: { documents: { type: 'array', items: { type: 'object' } } } },
    response: { type: 'object' } },
  async (c) => {
    const body = (await c.req.json().catch(() => null)) as { documents?: DocumentInput[] } | null;
    if (!body || !Array.isArray(body.documents)) throw new LetopisError('USAGE', 'documents: expected {"documents": [...]}', { param: 'documents' });
    // Loaded on first use: extraction's data files are only needed by editors who ingest.
    const { ingestDocuments } = await import('../ingest/pipeline.js');
    const summary = await ingestDocuments(store, body.documents, { actor: c.get('user')?.name ?? 'api' });
    clearCache();
    return c.json(summary);
  });

  const info = { title: 'Letopis API', version: '1', description: 'A verified chronicle of anti-war resistance and repression. Public requests see published events only.' };
  let doc: unknown = null;
  const openapi = (): unknown => (doc ??= api.document(info));

  app.all('/api/*', (c) => c.json({ error: { code: 'NOT_FOUND', message: `no API route ${c.req.method} ${c.req.path}` } }, 404));

  // --- the web app ----------------------------------------------------------------------------

  const web = opts.web ?? null;
  app.get('*', async (c) => {
    if (!web) {
      const events = await listEvents(store, { status: local ? ['draft', 'published'] : ['published'], limit: 500 });
      return c.html(eventsPage(events));
    }
    const file = web.get(c.req.path);
    if (file) return staticResponse(file, c.req.raw);
    if (c.req.path.startsWith('/assets/')) return c.text('not found', 404);
    // Every other path is a page of the app: it routes in the browser.
    return staticResponse(web.get('/index.html')!, c.req.raw);
  });

  /** Compute the first view's answers now, so the first visitor does not wait for them. */
  const warm = async (): Promise<void> => {
    const status = local ? '&status=draft,published' : '';
    for (const path of [`/api/aggregates?by=week,type&sums=false${status}`, `/api/aggregates?by=region&sums=false${status}`, `/api/events?limit=100${status}`]) {
      await app.request(`http://localhost${path}`);
    }
  };

  return Object.assign(app, { api, warm });
}
