/**
 * The HTTP API and the pages, as one Hono app. Routes only parse input, call the query and service
 * functions the CLI uses too, and format output; LetopisError maps to a status in one place.
 */
import { Hono, type Context } from 'hono';
import { LetopisError } from '../errors.js';
import type { DocumentInput } from '../ingest/document.js';
import { ingestDocuments } from '../ingest/pipeline.js';
import { getEvent, listEvents } from '../query/events.js';
import type { EventFilter, EventStatus, Store } from '../store/index.js';
import { storeCounts } from '../store/index.js';
import { eventsPage } from './page.js';

export interface AppOptions {
  store: Store;
  /** Local mode: listening on loopback with no accounts, whoever opens it is an editor. */
  local: boolean;
}

function filterFromQuery(c: Context, editor: boolean): EventFilter {
  const q = (k: string): string | undefined => c.req.query(k) || undefined;
  const many = (k: string): string[] | undefined => {
    const v = c.req.queries(k);
    return v ? v.flatMap((s) => s.split(',')).filter(Boolean) : undefined;
  };
  const limitRaw = q('limit');
  const limit = limitRaw === undefined ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new LetopisError('USAGE', 'limit: must be a whole number from 1 to 1000', { param: 'limit' });
  const status = many('status') as EventStatus[] | undefined;
  if (status && !editor && status.some((s) => s !== 'published')) throw new LetopisError('FORBIDDEN', 'status: only editors see drafts and rejected events', { param: 'status' });
  const after = q('after');
  let cursor: EventFilter['after'];
  if (after) {
    const m = /^(\d{4}-\d{2}-\d{2}|null)~(\d+)$/.exec(after);
    if (!m) throw new LetopisError('USAGE', 'after: not a cursor returned by this API', { param: 'after' });
    cursor = { date: m[1] === 'null' ? null : m[1]!, id: Number(m[2]) };
  }
  return {
    type: many('type'), kind: q('kind'), from: q('from'), to: q('to'), region: many('region'), settlement: q('settlement'),
    actor: q('actor'), certainty: many('certainty'), q: q('q'), status: status ?? ['published'], limit, after: cursor,
  };
}

export function createApp({ store, local }: AppOptions): Hono {
  const app = new Hono();
  const isEditor = (): boolean => local;

  app.onError((err, c) => {
    if (err instanceof LetopisError) {
      return c.json({ error: { code: err.code, message: err.message, ...(err.details?.param ? { param: err.details.param } : {}) } }, err.httpStatus as 400);
    }
    console.error(err);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  });

  app.get('/api/health', async (c) => c.json({ ok: true, engine: store.engine, counts: await storeCounts(store.db) }));

  app.get('/api/events', async (c) => {
    const filter = filterFromQuery(c, isEditor());
    const events = await listEvents(store, filter);
    const last = events.at(-1);
    const next = events.length === filter.limit && last ? `${last.date.start ? dayOf(last.date.start) : 'null'}~${last.id}` : null;
    return c.json({ events, next });
  });

  app.get('/api/events/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw new LetopisError('USAGE', 'id: not an event id', { param: 'id' });
    const ev = await getEvent(store, id);
    if (ev.status !== 'published' && !isEditor()) throw new LetopisError('NOT_FOUND', `no event ${id}`);
    return c.json(ev);
  });

  // `letopis ingest --server URL` sends documents here while `serve` holds the embedded database.
  app.post('/api/documents', async (c) => {
    if (!isEditor()) throw new LetopisError('FORBIDDEN', 'only editors may add documents');
    const body = (await c.req.json().catch(() => null)) as { documents?: DocumentInput[] } | null;
    if (!body || !Array.isArray(body.documents)) throw new LetopisError('USAGE', 'documents: expected {"documents": [...]}', { param: 'documents' });
    const summary = await ingestDocuments(store, body.documents, { actor: 'api' });
    return c.json(summary);
  });

  app.get('/', async (c) => {
    const events = await listEvents(store, { status: local ? ['draft', 'published'] : ['published'], limit: 500 });
    return c.html(eventsPage(events));
  });

  return app;
}

/** The date part a keyset cursor compares on (events are ordered by their first possible day). */
function dayOf(start: string): string {
  return start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
}
