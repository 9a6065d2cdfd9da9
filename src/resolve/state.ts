/**
 * An event's state and every change to it. All writes to an event go through `changeEvent` or
 * `createEvent`, which bump its version and append the full before/after snapshot to the audit log,
 * so the log alone reproduces the event at any past moment (`stateAt` in src/review/service.ts).
 */
import type { Kysely } from 'kysely';
import { LetopisError } from '../errors.js';
import { appendAudit, EVENT_COLUMNS, insertEvent, linkRecords, type DB, type DocumentRow, type EventRow, type EventUpdate, type RecordRow } from '../store/index.js';
import type { RecordFieldValues } from '../store/records.js';
import {
  lastAuditAt, lockEvent, membersWithSources, recordIdsOfEvent, updateEventGuarded, type MemberWithSource,
} from '../store/resolution.js';
import { publisherKey } from './copies.js';
import { dateInterval, normActor } from './features.js';

/** Editable field groups and the columns each locks; an editor's value is never overwritten by resolution. */
export const FIELD_COLUMNS = {
  kind: ['kind'],
  type: ['type'],
  date: ['date_start', 'date_end', 'date_precision'],
  place: ['country', 'region', 'settlement', 'lat', 'lon'],
  actors: ['actors'],
  target: ['target'],
  counts: ['counts'],
  measure: ['measure'],
  value: ['value'],
  qualifier: ['qualifier'],
  certainty: ['certainty'],
  attribution: ['attribution'],
  summary: ['summary'],
} as const satisfies Record<string, readonly (keyof RecordFieldValues)[]>;
export type FieldGroup = keyof typeof FIELD_COLUMNS;

const CONTENT_COLUMNS = Object.values(FIELD_COLUMNS).flat() as (keyof RecordFieldValues)[];

/** What the audit log keeps of an event: everything an editor or reader sees, plus its records. */
export interface EventSnapshot extends RecordFieldValues {
  id: number;
  status: string;
  disputed: boolean;
  independent_sources: number;
  source_count: number;
  locked_fields: string[];
  merged_into: number | null;
  retired_at: string | null;
  version: number;
  records: number[];
}

/** Only the content columns of a record or event row (a record row has more). */
export function pickFields(r: RecordFieldValues): RecordFieldValues {
  const out = {} as Record<string, unknown>;
  for (const c of CONTENT_COLUMNS) out[c] = r[c];
  return out as unknown as RecordFieldValues;
}

export function snapshotOf(e: EventRow, records: number[]): EventSnapshot {
  const s = { id: e.id } as EventSnapshot;
  for (const c of CONTENT_COLUMNS) (s as unknown as Record<string, unknown>)[c] = e[c];
  return Object.assign(s, {
    status: e.status,
    disputed: e.disputed,
    independent_sources: e.independent_sources,
    source_count: e.source_count,
    locked_fields: e.locked_fields,
    merged_into: e.merged_into,
    retired_at: e.retired_at ? new Date(e.retired_at).toISOString() : null,
    version: e.version,
    records,
  });
}

const CERTAINTY_RANK: Record<string, number> = { reported: 3, claimed: 2, rumoured: 1 };

export interface Aggregate {
  fields: Partial<RecordFieldValues>;
  independent_sources: number;
  source_count: number;
  search_text: string;
}

/**
 * An event's fields from its records: the most precise date and place, the commonest type, the
 * largest count of each kind, the best certainty ("follows its best source"), every actor and
 * attribution; independent sources are distinct publishers after copies and forwards collapse.
 */
export function aggregate(members: MemberWithSource[]): Aggregate | null {
  const acc = new Aggregator();
  for (const m of members) acc.add(m);
  return acc.result();
}

const width = (m: MemberWithSource): number => {
  const iv = dateInterval(m.date_start, m.date_end, m.date_precision);
  return iv ? iv[1] - iv[0] : Infinity;
};
const placeRank = (m: MemberWithSource): number => (m.settlement ? 3 : m.region ? 2 : m.country ? 1 : 0);

/**
 * `aggregate` one member at a time (in the order given), so a re-run over millions of
 * records can fill new events without keeping their records in memory.
 */
export class Aggregator {
  private first: MemberWithSource | null = null;
  private byDate: MemberWithSource | null = null;
  private byPlace: MemberWithSource | null = null;
  private country: string | null = null;
  private typeVotes = new Map<string, number>();
  private counts: Record<string, number> = {};
  private actors = new Map<string, string>();
  private attribution = new Map<string, string>();
  private certainty = '';
  private withValue: MemberWithSource | null = null;
  private target: string | null = null;
  private summary: string | null = null;
  private publishers = new Set<string>();
  private docs = new Set<number>();
  private search = new Set<string>();
  private searchLength = 0;
  records: number[] = [];

  add(m: MemberWithSource): void {
    this.records.push(m.id);
    if (!this.first) {
      this.first = this.byDate = this.byPlace = m;
      this.certainty = m.certainty;
    }
    if (width(m) < width(this.byDate!)) this.byDate = m;
    if (placeRank(m) > placeRank(this.byPlace!)) this.byPlace = m;
    this.country ??= m.country;
    this.typeVotes.set(m.type, (this.typeVotes.get(m.type) ?? 0) + 1);
    for (const [k, v] of Object.entries(m.counts)) this.counts[k] = Math.max(this.counts[k] ?? 0, v);
    for (const x of m.actors) if (!this.actors.has(normActor(x))) this.actors.set(normActor(x), x);
    for (const x of m.attribution) if (!this.attribution.has(normActor(x))) this.attribution.set(normActor(x), x);
    if ((CERTAINTY_RANK[m.certainty] ?? 0) > (CERTAINTY_RANK[this.certainty] ?? 0)) this.certainty = m.certainty;
    if (!this.withValue && m.value !== null) this.withValue = m;
    this.target ??= m.target;
    if (this.summary === null && m.summary) this.summary = m.summary;
    this.publishers.add(
      publisherKey({ source_kind: m.root_source_kind, source_name: m.root_source_name, url: m.root_url, source_ref: m.root_source_ref, forwarded_from: m.root_forwarded_from }),
    );
    this.docs.add(m.document_id);
    for (const t of [m.summary, m.evidence_text, m.settlement, m.region, m.doc_title, ...m.actors, ...m.attribution]) {
      if (!t || this.search.has(t) || this.searchLength > 20_000) continue;
      this.search.add(t);
      this.searchLength += t.length + 2;
    }
  }

  result(): Aggregate | null {
    const first = this.first;
    if (!first) return null;
    let type = first.type;
    for (const [t, n] of this.typeVotes) if (n > (this.typeVotes.get(type) ?? 0)) type = t;
    const byDate = this.byDate!;
    const byPlace = this.byPlace!;
    const withValue = this.withValue ?? first;
    return {
      fields: {
        kind: first.kind,
        type,
        date_start: byDate.date_start,
        date_end: byDate.date_end,
        date_precision: byDate.date_precision,
        country: byPlace.country ?? this.country,
        region: byPlace.region,
        settlement: byPlace.settlement,
        lat: byPlace.lat,
        lon: byPlace.lon,
        actors: [...this.actors.values()],
        target: this.target,
        counts: this.counts,
        measure: withValue.measure,
        value: withValue.value,
        qualifier: withValue.qualifier,
        certainty: this.certainty,
        attribution: [...this.attribution.values()],
        summary: this.summary ?? '',
      },
      independent_sources: this.publishers.size,
      source_count: this.docs.size,
      search_text: [...this.search].join(' \n').slice(0, 20_000),
    };
  }
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Columns an editor has locked on this event. */
export function lockedColumns(e: EventRow): Set<string> {
  const out = new Set<string>();
  for (const g of e.locked_fields) for (const c of FIELD_COLUMNS[g as FieldGroup] ?? [g]) out.add(c);
  return out;
}

export interface ChangeOptions {
  /** Refuse with CONFLICT when the event's version is not this one (the editor saw a stale state). */
  expectedVersion?: number | undefined;
  /** Extra audit details (a rejection's reason, the other event of a merge). */
  note?: Record<string, unknown>;
  /** The record ids before and after, when the caller changed the links. */
  recordsBefore?: number[];
  recordsAfter?: number[];
  /** The row as the caller already locked it in this transaction. */
  locked?: EventRow;
}

export function conflict(id: number, expected: number, actual: number): LetopisError {
  return new LetopisError('CONFLICT', `event ${id} was changed by someone else (version ${actual}, you edited version ${expected}); reload it and try again`, {
    id, expected, actual,
  });
}

/** Lock the event, check the expected version, apply the patch with version+1, audit both states. */
export async function changeEvent(
  db: Kysely<DB>, id: number, actor: string, action: string,
  patch: (e: EventRow) => EventUpdate | Promise<EventUpdate>, opts: ChangeOptions = {},
): Promise<EventRow> {
  const before = opts.locked ?? (await lockEvent(db, id));
  if (!before) throw new LetopisError('NOT_FOUND', `no event ${id}`);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) throw conflict(id, opts.expectedVersion, before.version);
  const recordsBefore = opts.recordsBefore ?? (await recordIdsOfEvent(db, id));
  const p = await patch(before);
  const after = await updateEventGuarded(db, id, before.version, p);
  if (!after) throw conflict(id, before.version, before.version + 1);
  const recordsAfter = opts.recordsAfter ?? (await recordIdsOfEvent(db, id));
  await appendAudit(db, {
    actor, action, entity: 'event', entityId: id,
    before: snapshotOf(before, recordsBefore),
    after: { ...snapshotOf(after, recordsAfter), ...(opts.note ? { note: opts.note } : {}) },
  });
  return after;
}

/** A new event for some records (a fresh record, a split): filled from them, audited with its first snapshot. */
export async function createEvent(
  db: Kysely<DB>, fields: RecordFieldValues, recordIds: number[], actor: string, action: string, note?: Record<string, unknown>,
  members?: MemberWithSource[],
): Promise<EventRow> {
  // With the members at hand (a fresh record and its document) the event is written once, complete.
  const known = members ? aggregate(members) : null;
  let row = known
    ? await insertEvent(db, { ...pickFields(fields), ...known.fields } as RecordFieldValues, {
      independent_sources: known.independent_sources, source_count: known.source_count, search_text: known.search_text,
    })
    : await insertEvent(db, pickFields(fields));
  await linkRecords(db, row.id, recordIds, actor);
  const agg = known ? null : aggregate(await membersWithSources(db, row.id));
  if (agg) {
    const f = agg.fields;
    row = await db
      .updateTable('events')
      .set({
        ...f,
        actors: JSON.stringify(f.actors ?? []),
        counts: JSON.stringify(f.counts ?? {}),
        attribution: JSON.stringify(f.attribution ?? []),
        independent_sources: agg.independent_sources,
        source_count: agg.source_count,
        search_text: agg.search_text,
      })
      .where('id', '=', row.id)
      .returning(EVENT_COLUMNS)
      .executeTakeFirstOrThrow();
  }
  await appendAudit(db, { actor, action, entity: 'event', entityId: row.id, after: { ...snapshotOf(row, [...recordIds].sort((a, b) => a - b)), ...(note ? { note } : {}) } });
  return row;
}

/** A record of a document as an event member, without asking the database (root: the original when the document is a copy). */
export function memberOf(r: RecordRow, doc: DocumentRow, root: DocumentRow, eventId = 0): MemberWithSource {
  return {
    ...r, event_id: eventId, linked_by: 'resolver', doc_published_at: doc.published_at, doc_lang: doc.lang, doc_title: doc.title,
    root_id: root.id, root_source_kind: root.source_kind, root_source_name: root.source_name, root_url: root.url,
    root_source_ref: root.source_ref, root_forwarded_from: root.forwarded_from,
  };
}

/**
 * Recompute an event from its current records (its links changed, or a document became a copy).
 * Locked columns keep the editor's value. An event left with no record is retired, not deleted.
 * No audit entry when nothing changed.
 */
export async function refreshEvent(db: Kysely<DB>, id: number, actor = 'resolver', action = 'resolve.update', note?: Record<string, unknown>): Promise<EventRow | undefined> {
  const row = await lockEvent(db, id);
  if (!row) return undefined;
  const members = await membersWithSources(db, id);
  const recordsNow = members.map((m) => m.id).sort((a, b) => a - b);
  const last = await lastAuditAt(db, 'event', String(id));
  const recordsBefore = ((last?.after as EventSnapshot | null)?.records ?? []).slice().sort((a, b) => a - b);
  const agg = aggregate(members);
  const patch: EventUpdate = {};
  if (agg) {
    const locked = lockedColumns(row);
    for (const [k, v] of Object.entries(agg.fields) as [keyof RecordFieldValues, unknown][]) {
      if (locked.has(k) || sameValue(row[k], v)) continue;
      (patch as Record<string, unknown>)[k] = ['actors', 'counts', 'attribution'].includes(k) ? JSON.stringify(v) : v;
    }
    if (row.independent_sources !== agg.independent_sources) patch.independent_sources = agg.independent_sources;
    if (row.source_count !== agg.source_count) patch.source_count = agg.source_count;
    if (row.search_text !== agg.search_text) patch.search_text = agg.search_text;
    if (row.retired_at) patch.retired_at = null;
  } else {
    if (!row.retired_at) patch.retired_at = new Date();
    if (row.source_count !== 0) patch.source_count = 0;
    if (row.independent_sources !== 0) patch.independent_sources = 0;
  }
  const linksChanged = !sameValue(recordsNow, recordsBefore);
  if (Object.keys(patch).length === 0 && !linksChanged) return row;
  const act = !agg ? 'resolve.retire' : row.retired_at ? 'resolve.revive' : action;
  return changeEvent(db, id, actor, act, () => patch, { recordsBefore, recordsAfter: recordsNow, locked: row, ...(note ? { note } : {}) });
}

