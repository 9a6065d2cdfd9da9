/** The query parameters shared by the event routes, and the filter they make. */
import { EVENT_TYPES } from '../extract/record.js';
import { LetopisError } from '../errors.js';
import { validateFilter } from '../query/events.js';
import type { EventFilter, EventStatus } from '../store/index.js';
import type { ParamSpec, Parsed } from './api.js';

const REGION_PATTERN = '^[A-Z]{2}-[A-Z0-9]{1,3}$';
export const FILTER_PARAMS: ParamSpec[] = [
  { name: 'type', in: 'query', multiple: true, description: 'event type; repeat or comma-separate', schema: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } } },
  { name: 'kind', in: 'query', description: 'incident or tally', schema: { type: 'string', enum: ['incident', 'tally'] } },
  { name: 'from', in: 'query', description: 'events that may fall on or after this day', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: 'events that may fall on or before this day', schema: { type: 'string', format: 'date' } },
  { name: 'region', in: 'query', multiple: true, description: 'ISO 3166-2 region code, e.g. RU-MOW, BY-HM, UA-43', schema: { type: 'array', items: { type: 'string', pattern: REGION_PATTERN, description: 'an ISO 3166-2 code such as RU-MOW' } } },
  { name: 'settlement', in: 'query', description: 'settlement name, exact, any case', schema: { type: 'string', maxLength: 200 } },
  { name: 'actor', in: 'query', description: 'part of an actor name', schema: { type: 'string', maxLength: 200 } },
  { name: 'certainty', in: 'query', multiple: true, description: 'reported, claimed or rumoured', schema: { type: 'array', items: { type: 'string', enum: ['reported', 'claimed', 'rumoured'] } } },
  { name: 'status', in: 'query', multiple: true, description: 'editors only for draft and rejected; default published', schema: { type: 'array', items: { type: 'string', enum: ['draft', 'published', 'rejected'] } } },
  { name: 'q', in: 'query', description: 'full-text search, Russian and English (web search syntax: "phrase", -word, or)', schema: { type: 'string', maxLength: 500 } },
];
export const ID_PARAM: ParamSpec = { name: 'id', in: 'path', description: 'event id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 } };

export function filterOf(p: Parsed, editor: boolean): EventFilter {
  const status = p.status as EventStatus[] | undefined;
  if (status && !editor && status.some((s) => s !== 'published')) throw new LetopisError('FORBIDDEN', 'status: only editors see drafts and rejected events', { param: 'status' });
  return validateFilter({
    type: p.type as string[] | undefined, kind: p.kind as string | undefined, from: p.from as string | undefined, to: p.to as string | undefined,
    region: p.region as string[] | undefined, settlement: p.settlement as string | undefined, actor: p.actor as string | undefined,
    certainty: p.certainty as string[] | undefined, q: p.q as string | undefined, status: status ?? ['published'],
  });
}

/** The date part a keyset cursor compares on (events are ordered by their first possible day). */
export function dayOf(start: string): string {
  return start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
}

