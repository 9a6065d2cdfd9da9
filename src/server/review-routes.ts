/** Editors' routes: the review queue and the review actions, calling the review service. */
import { LetopisError } from '../errors.js';
import * as review from '../review/service.js';
import type { EventPatch } from '../review/service.js';
import { listEvents } from '../query/events.js';
import type { EventFilter, Store } from '../store/index.js';
import type { ApiContext, ParamSpec, Parsed, RouteSpec } from './api.js';
import { FILTER_PARAMS } from './filter-params.js';

type ReviewService = typeof review;

type Route = (spec: RouteSpec, handler: (c: ApiContext) => Promise<Response>) => void;

interface Deps {
  store: Store;
  clearCache: () => void;
  idParam: ParamSpec;
  filterOf: (p: Parsed, editor: boolean) => EventFilter;
}

const actorOf = (c: ApiContext): string => c.get('user')?.name ?? 'local';

async function jsonBody(c: ApiContext): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* fall through */ }
  throw new LetopisError('USAGE', 'body: expected a JSON object', { param: 'body' });
}

function optInt(body: Record<string, unknown>, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new LetopisError('USAGE', `${name}: must be a positive whole number`, { param: name });
  return v;
}

const nullableStr = { type: ['string', 'null'] };
/** The fields an editor may change (src/review/service.ts EventPatch); each changed field is locked against re-resolution. */
const PATCH_SCHEMA = {
  type: 'object',
  properties: {
    kind: { enum: ['incident', 'tally'] }, type: { type: 'string' },
    date: { type: 'object', required: ['start', 'precision'], properties: { start: nullableStr, end: nullableStr, precision: { enum: ['day', 'month', 'year', 'range', 'unknown'] } } },
    place: { type: 'object', properties: { country: nullableStr, region: nullableStr, settlement: nullableStr, lat: { type: ['number', 'null'] }, lon: { type: ['number', 'null'] } } },
    actors: { type: 'array', items: { type: 'string' } }, target: nullableStr, counts: { type: 'object', additionalProperties: { type: 'number' } },
    measure: nullableStr, value: { type: ['number', 'null'] }, qualifier: nullableStr, certainty: { enum: ['reported', 'claimed', 'rumoured'] },
    attribution: { type: 'array', items: { type: 'string' } }, summary: { type: 'string' },
  },
};

const versionBody = { type: 'object', properties: { expectedVersion: { type: 'integer', description: 'the event version you saw; a 409 if it changed since' } } };

export function reviewRoutes(route: Route, { store, clearCache, idParam, filterOf }: Deps): void {
  route({ method: 'get', path: '/api/review/queue', summary: 'Draft events waiting for review, newest first', tag: 'review', access: 'editor',
    params: [...FILTER_PARAMS.filter((p) => p.name !== 'status'), { name: 'limit', in: 'query', description: 'at most this many', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } }],
    response: { type: 'object', properties: { events: { type: 'array', items: { $ref: '#/components/schemas/Event' } } } } },
  async (c) => {
    const p = c.get('query');
    const filter = filterOf({ ...p, status: ['draft'] }, true);
    filter.limit = p.limit ? Number(p.limit) : 100;
    return c.json({ events: await listEvents(store, filter) });
  });

  const action = (name: string, summary: string, body: Record<string, unknown>, call: (svc: ReviewService, id: number, b: Record<string, unknown>, actor: string) => Promise<unknown>): void => {
    route({ method: 'post', path: `/api/events/:id/${name}`, summary, tag: 'review', access: 'editor', params: [idParam], body, response: { type: 'object' } },
    async (c) => {
      const id = Number(c.get('query').id);
      const b = await jsonBody(c);
      const result = await call(review, id, b, actorOf(c));
      clearCache();
      return c.json({ ok: true, result: result ?? null });
    });
  };

  action('publish', 'Publish a draft', versionBody, (s, id, b, who) => s.publish(store, id, who, optInt(b, 'expectedVersion')));
  action('reject', 'Reject an event (kept, hidden from the public)',
    { type: 'object', properties: { reason: { type: 'string' }, expectedVersion: { type: 'integer' } } },
    (s, id, b, who) => {
      if (b.reason !== undefined && typeof b.reason !== 'string') throw new LetopisError('USAGE', 'reason: must be text', { param: 'reason' });
      return s.reject(store, id, who, b.reason as string | undefined, optInt(b, 'expectedVersion'));
    });
  action('restore', 'Return a rejected or published event to the drafts', versionBody, (s, id, b, who) => s.restore(store, id, who, optInt(b, 'expectedVersion')));
  action('dispute', 'Mark or unmark an event as disputed',
    { type: 'object', required: ['disputed'], properties: { disputed: { type: 'boolean' }, expectedVersion: { type: 'integer' } } },
    (s, id, b, who) => {
      if (typeof b.disputed !== 'boolean') throw new LetopisError('USAGE', 'disputed: must be true or false', { param: 'disputed' });
      return s.setDisputed(store, id, b.disputed, who, optInt(b, 'expectedVersion'));
    });
  action('edit', 'Edit an event\'s fields; edited fields are locked against re-resolution',
    { type: 'object', required: ['patch'], properties: { patch: PATCH_SCHEMA, expectedVersion: { type: 'integer' } } },
    (s, id, b, who) => {
      if (!b.patch || typeof b.patch !== 'object' || Array.isArray(b.patch)) throw new LetopisError('USAGE', 'patch: expected an object of fields', { param: 'patch' });
      return s.editEvent(store, id, b.patch as EventPatch, who, optInt(b, 'expectedVersion'));
    });
  action('merge', 'Merge another event into this one',
    { type: 'object', required: ['other'], properties: { other: { type: 'integer' } } },
    (s, id, b, who) => {
      const other = optInt(b, 'other');
      if (!other) throw new LetopisError('USAGE', 'other: the id of the event to merge into this one', { param: 'other' });
      return s.mergeEvents(store, id, other, who);
    });
  action('split', 'Move one record out of this event into a new event',
    { type: 'object', required: ['record'], properties: { record: { type: 'integer' } } },
    (s, id, b, who) => {
      const record = optInt(b, 'record');
      if (!record) throw new LetopisError('USAGE', 'record: the id of the record to split off', { param: 'record' });
      return s.splitRecord(store, id, record, who);
    });

  route({ method: 'get', path: '/api/events/:id/history', summary: 'Who changed the event, when, from what to what', tag: 'review', access: 'editor',
    params: [idParam], response: { type: 'object', properties: { history: { type: 'array', items: { type: 'object' } } } } },
  async (c) => c.json({ history: await review.history(store, Number(c.get('query').id)) }));
}
