/** Reading the chronicle: one function per question, shared by the CLI, the API and reports. */
import { LetopisError } from '../errors.js';
import { EVENT_TYPES, type DateSpan, type Place } from '../extract/record.js';
import {
  countEvents, getEventRow, queryEvents, sourcesOfEvents,
  type EventFilter, type EventSource, type EventStatus, type EventViewRow, type Store,
} from '../store/index.js';

export interface SourceView {
  document_id: number;
  /** The record (extraction) this source gives the event; `letopis split EVENT_ID RECORD_ID` takes it out. */
  record_id: number;
  source_name: string | null;
  url: string | null;
  /** Telegram message or file reference when there is no URL. */
  ref: string;
  published: string | null;
  title: string | null;
  forwarded_from: string | null;
  copy_of: number | null;
  evidence: { start: number; end: number; text: string };
}

export interface EventView {
  id: number;
  kind: string;
  type: string;
  date: DateSpan;
  place: Place;
  status: EventStatus;
  disputed: boolean;
  certainty: string;
  independent_sources: number;
  source_count: number;
  counts: Record<string, number>;
  measure?: string;
  value?: number;
  qualifier?: string;
  actors: string[];
  target: string | null;
  attribution: string[];
  summary: string;
  sources: SourceView[];
}

export function toSourceView(s: EventSource): SourceView {
  return {
    document_id: s.document_id,
    record_id: s.record_id,
    source_name: s.source_name,
    url: s.url,
    ref: s.source_ref,
    published: s.published_at ? new Date(s.published_at).toISOString() : null,
    title: s.title,
    forwarded_from: s.forwarded_from,
    copy_of: s.copy_of,
    evidence: { start: s.evidence_start, end: s.evidence_end, text: s.evidence_text },
  };
}

/** Text fields of a view pass through this: the identity for the API, initials for private names in exports. */
export type Clean = (s: string | null) => string | null;
const keep: Clean = (s) => s;
export const cleanList = (list: string[], clean: Clean): string[] => (clean === keep || list.length === 0 ? list : list.map((a) => clean(a) ?? ''));

/** The fields of an event its view shows: an event row, or an export row. */
export type EventViewFields = Pick<EventViewRow,
  'id' | 'kind' | 'type' | 'date_start' | 'date_end' | 'date_precision' | 'country' | 'region' | 'settlement' | 'lat' | 'lon' |
  'status' | 'disputed' | 'certainty' | 'independent_sources' | 'source_count' | 'counts' | 'actors' | 'target' | 'attribution' |
  'summary' | 'measure' | 'value' | 'qualifier'>;

/** One event as the API and the JSON Lines export give it. */
export function eventView(e: EventViewFields, sources: SourceView[], clean: Clean = keep): EventView {
  const v: EventView = {
    id: e.id,
    kind: e.kind,
    type: e.type,
    date: { start: e.date_start, ...(e.date_end ? { end: e.date_end } : {}), precision: e.date_precision as DateSpan['precision'] },
    place: { country: e.country, region: e.region, settlement: e.settlement, lat: e.lat, lon: e.lon },
    status: e.status,
    disputed: e.disputed,
    certainty: e.certainty,
    independent_sources: e.independent_sources,
    source_count: e.source_count,
    counts: e.counts,
    actors: cleanList(e.actors, clean),
    target: clean(e.target),
    attribution: cleanList(e.attribution, clean),
    summary: clean(e.summary) ?? '',
    sources,
  };
  if (e.kind === 'tally') {
    if (e.measure) v.measure = e.measure;
    if (e.value !== null) v.value = e.value;
    if (e.qualifier) v.qualifier = e.qualifier;
  }
  return v;
}

export function toEventView(e: EventViewRow, sources: EventSource[]): EventView {
  return eventView(e, sources.map(toSourceView));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const STATUSES: EventStatus[] = ['draft', 'published', 'rejected'];

/** Check a filter coming from a user; the error names the parameter. */
export function validateFilter(f: EventFilter): EventFilter {
  const bad = (param: string, msg: string): never => {
    throw new LetopisError('USAGE', `${param}: ${msg}`, { param });
  };
  for (const t of f.type ?? []) if (!(EVENT_TYPES as readonly string[]).includes(t)) bad('type', `unknown type "${t}" (one of ${EVENT_TYPES.join(', ')})`);
  if (f.kind && f.kind !== 'incident' && f.kind !== 'tally') bad('kind', 'must be incident or tally');
  if (f.from && (!DAY.test(f.from) || Number.isNaN(Date.parse(f.from)))) bad('from', `"${f.from}" is not a date (YYYY-MM-DD)`);
  if (f.to && (!DAY.test(f.to) || Number.isNaN(Date.parse(f.to)))) bad('to', `"${f.to}" is not a date (YYYY-MM-DD)`);
  for (const r of f.region ?? []) if (!REGION.test(r)) bad('region', `"${r}" is not an ISO 3166-2 code such as RU-MOW`);
  for (const s of f.status ?? []) if (!STATUSES.includes(s)) bad('status', `unknown status "${s}" (draft, published, rejected)`);
  for (const c of f.certainty ?? []) if (!['reported', 'claimed', 'rumoured'].includes(c)) bad('certainty', `unknown certainty "${c}"`);
  if (f.limit !== undefined && (!Number.isInteger(f.limit) || f.limit < 1)) bad('limit', 'must be a positive integer');
  return f;
}

export async function listEvents(store: Store, filter: EventFilter): Promise<EventView[]> {
  const rows = await queryEvents(store.db, validateFilter(filter));
  const sources = await sourcesOfEvents(store.db, rows.map((r) => r.id));
  return rows.map((r) => toEventView(r, sources.get(r.id) ?? []));
}

export async function countMatching(store: Store, filter: EventFilter): Promise<number> {
  return countEvents(store.db, validateFilter(filter));
}

export async function getEvent(store: Store, id: number): Promise<EventView> {
  const row = await getEventRow(store.db, id);
  if (!row) throw new LetopisError('NOT_FOUND', `no event ${id}`);
  const sources = await sourcesOfEvents(store.db, [id]);
  return toEventView(row, sources.get(id) ?? []);
}
