/**
 * A route table that both registers handlers on Hono and generates the OpenAPI 3.1 document, so the
 * document cannot drift from the routes. Query parameters are declared here and checked before the
 * handler runs: an unknown or malformed parameter gets a 400 naming it.
 */
import type { Context, Hono } from 'hono';
import { LetopisError } from '../errors.js';

export type Schema = Record<string, unknown>;

export interface ParamSpec {
  name: string;
  in: 'query' | 'path';
  description: string;
  schema: Schema;
  /** Accepts repeated values and comma-separated lists. */
  multiple?: boolean;
  required?: boolean;
}

export type Access = 'public' | 'editor';

export interface RouteSpec {
  method: 'get' | 'post' | 'patch';
  /** Hono path syntax: /api/events/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: ParamSpec[];
  body?: Schema;
  /** Schema of the 200 response. */
  response: Schema;
  /** State changes need the X-CSRF-Token header unless this says why not. */
  csrfExempt?: string;
  /** More to say in the document. */
  note?: string;
}

export type Parsed = Record<string, string | string[] | undefined>;

export interface ApiEnv {
  Variables: {
    editor: boolean;
    user: { name: string; role: string } | null;
    csrf: string | null;
    /** The request carries the ingest token (POST /api/documents only): no CSRF token needed. */
    bearer: boolean;
    query: Parsed;
  };
}

export type ApiContext = Context<ApiEnv>;
type Handler = (c: ApiContext) => Promise<Response>;
type Guard = (c: ApiContext, spec: RouteSpec) => Promise<void> | void;

/** Check one value against the small subset of JSON Schema we use for parameters. */
function checkValue(p: ParamSpec, v: string): void {
  const s = (p.multiple ? (p.schema.items as Schema) : p.schema) ?? {};
  const bad = (msg: string): never => {
    throw new LetopisError('USAGE', `${p.name}: ${msg}`, { param: p.name });
  };
  if (typeof s.maxLength === 'number' && v.length > s.maxLength) bad(`longer than ${s.maxLength} characters`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) bad(`"${v}" is not one of ${s.enum.join(', ')}`);
  if (s.type === 'integer') {
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) bad(`"${v}" is not a whole number`);
    if (typeof s.minimum === 'number' && n < s.minimum) bad(`must be at least ${s.minimum}`);
    if (typeof s.maximum === 'number' && n > s.maximum) bad(`must be at most ${s.maximum}`);
  }
  if (s.format === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) bad(`"${v}" is not a date (YYYY-MM-DD)`);
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) bad(`"${v}" is not valid${s.description ? ` (${s.description as string})` : ''}`);
}

function parseParams(c: ApiContext, spec: RouteSpec): Parsed {
  const out: Parsed = {};
  const known = new Set((spec.params ?? []).map((p) => p.name));
  for (const name of Object.keys(c.req.queries())) {
    if (!known.has(name) || spec.params!.find((p) => p.name === name)?.in !== 'query') {
      throw new LetopisError('USAGE', `${name}: unknown parameter${known.size ? ` (known: ${[...known].join(', ')})` : ''}`, { param: name });
    }
  }
  for (const p of spec.params ?? []) {
    if (p.in === 'path') {
      const v = c.req.param(p.name) as string | undefined;
      if (v === undefined) continue;
      checkValue(p, v);
      out[p.name] = v;
      continue;
    }
    const raw = c.req.queries(p.name);
    const values = (raw ?? []).flatMap((s) => (p.multiple ? s.split(',') : [s])).map((s) => s.trim()).filter(Boolean);
    if (values.length === 0) {
      if (p.required) throw new LetopisError('USAGE', `${p.name}: required`, { param: p.name });
      continue;
    }
    if (!p.multiple && values.length > 1) throw new LetopisError('USAGE', `${p.name}: give it once`, { param: p.name });
    if (values.length > 50) throw new LetopisError('USAGE', `${p.name}: at most 50 values`, { param: p.name });
    for (const v of values) checkValue(p, v);
    out[p.name] = p.multiple ? values : values[0];
  }
  return out;
}

export class Api {
  readonly routes: RouteSpec[] = [];

  constructor(private readonly app: Hono<ApiEnv>, private readonly guard: Guard) {}

  add(spec: RouteSpec, handler: Handler): this {
    this.routes.push(spec);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      await this.guard(c, spec);
      c.set('query', parseParams(c, spec));
      return handler(c);
    });
    return this;
  }

  /** The OpenAPI 3.1 document of every route added so far. */
  document(info: { title: string; version: string; description: string }): Schema {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const op: Record<string, unknown> = {
        summary: r.summary,
        tags: [r.tag],
        operationId: `${r.method}${path.replace(/[{}]/g, '').split('/').filter(Boolean).slice(1).map((s) => s[0]!.toUpperCase() + s.slice(1)).join('')}`,
        parameters: (r.params ?? []).map((p) => ({
          name: p.name, in: p.in, description: p.description, required: p.in === 'path' ? true : !!p.required,
          schema: p.schema, ...(p.multiple ? { style: 'form', explode: true } : {}),
        })),
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: r.response } } },
          400: { $ref: '#/components/responses/Error' },
          ...(r.access === 'editor' ? { 401: { $ref: '#/components/responses/Error' }, 403: { $ref: '#/components/responses/Error' } } : {}),
          429: { $ref: '#/components/responses/Error' },
        },
      };
      if (r.access === 'editor') op.security = [{ session: [] }];
      if (r.method !== 'get') {
        op.description = r.csrfExempt ?? 'Needs the X-CSRF-Token header: the `csrf` value from GET /api/session.';
      }
      if (r.note) op.description = `${(op.description as string | undefined) ?? ''} ${r.note}`.trim();
      if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: r.body } } };
      (paths[path] ??= {})[r.method] = op;
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'letopis_session' } },
        responses: {
          Error: {
            description: 'An error; `param` names the offending parameter when there is one.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
        schemas: SCHEMAS,
      },
    };
  }
}

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const numOrNull = { type: ['number', 'null'] };
const counts = { type: 'object', additionalProperties: { type: 'number' } };

/** Shared response schemas, referenced from the routes. */
export const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, param: str } } },
  },
  Source: {
    type: 'object',
    properties: {
      document_id: { type: 'integer' }, source_name: strOrNull, url: strOrNull, ref: str, published: strOrNull, title: strOrNull,
      forwarded_from: strOrNull, copy_of: { type: ['integer', 'null'] },
      evidence: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: str } },
    },
  },
  Event: {
    type: 'object', required: ['id', 'kind', 'type', 'date', 'place', 'status', 'summary', 'sources'],
    properties: {
      id: { type: 'integer' }, kind: { enum: ['incident', 'tally'] }, type: str,
      date: { type: 'object', properties: { start: strOrNull, end: str, precision: str } },
      place: { type: 'object', properties: { country: strOrNull, region: strOrNull, settlement: strOrNull, lat: numOrNull, lon: numOrNull } },
      status: { enum: ['draft', 'published', 'rejected'] }, disputed: { type: 'boolean' }, certainty: str,
      independent_sources: { type: 'integer' }, source_count: { type: 'integer' }, counts,
      measure: str, value: { type: 'number' }, qualifier: str,
      actors: { type: 'array', items: str }, target: strOrNull, attribution: { type: 'array', items: str }, summary: str,
      sources: { type: 'array', items: { $ref: '#/components/schemas/Source' } },
      version: { type: 'integer', description: 'editors only: pass back as expectedVersion' },
    },
  },
  Evidence: {
    type: 'object',
    description: 'A record behind the event with an excerpt of its document: the evidence is excerpt[evidence_start - excerpt_start, evidence_end - excerpt_start).',
    properties: {
      record_id: { type: 'integer' }, document_id: { type: 'integer' }, kind: str, type: str, date_start: strOrNull, date_end: strOrNull,
      region: strOrNull, settlement: strOrNull, counts, certainty: str, summary: str, extractor_version: str,
      evidence_start: { type: 'integer' }, evidence_end: { type: 'integer' }, excerpt: str, excerpt_start: { type: 'integer' }, document_length: { type: 'integer' },
    },
  },
};
