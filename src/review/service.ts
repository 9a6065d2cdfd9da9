/**
 * The editors' review workflow, one service for the CLI and the web app: publish, reject, restore,
 * dispute, edit, merge, split; the history of an event and its state at any past moment.
 *
 * Every action runs in one transaction that locks the event row, so two editors acting at once are
 * serialised: both actions are recorded and the later one wins visibly, or, when the caller passes
 * the version it saw (`expectedVersion`), the later one is refused with a CONFLICT error. Nothing is
 * deleted: rejected events are hidden, merged events point at their target.
 */
import type { Kysely } from 'kysely';
import { LetopisError } from '../errors.js';
import { CERTAINTIES, COUNT_KEYS, EVENT_TYPES, KINDS, PRECISIONS, QUALIFIERS } from '../extract/record.js';
import { getEvent, toEventView, type EventView } from '../query/events.js';
import { getEventRow, linkRecords, type AuditRow, type DB, type EventRow, type EventStatus, type EventUpdate, type Store } from '../store/index.js';
import type { RecordFieldValues } from '../store/records.js';
import { auditOf } from '../store/audit.js';
import { getRecordRow, lastAuditAt, linkOfRecord, lockEvent, recordIdsOfEvent, sourcesOfRecords } from '../store/resolution.js';
import { changeEvent, createEvent, FIELD_COLUMNS, refreshEvent, type EventSnapshot, type FieldGroup } from '../resolve/state.js';

export type { AuditRow };

/** Fields an editor may set. Setting one locks it against resolution. */
export interface EventPatch {
  kind?: string;
  type?: string;
  date?: { start: string | null; end?: string | null; precision: string };
  place?: { country?: string | null; region?: string | null; settlement?: string | null; lat?: number | null; lon?: number | null };
  actors?: string[];
  target?: string | null;
  counts?: Record<string, number>;
  measure?: string | null;
  value?: number | null;
  qualifier?: string | null;
  certainty?: string;
  attribution?: string[];
  summary?: string;
}

async function inTx<T>(store: Store, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(fn);
}

function requireLive(e: EventRow): void {
  if (e.merged_into !== null) {
    throw new LetopisError('CONFLICT', `event ${e.id} was merged into event ${e.merged_into}; act on that one`, { merged_into: e.merged_into });
  }
}

async function setStatus(
  store: Store, eventId: number, actor: string, action: string, to: EventStatus, from: EventStatus[], expectedVersion?: number, note?: Record<string, unknown>,
): Promise<EventView> {
  await inTx(store, (db) =>
    changeEvent(db, eventId, actor, action, (e) => {
      requireLive(e);
      if (!from.includes(e.status)) {
        throw new LetopisError('CONFLICT', `event ${eventId} is ${e.status}; ${action} needs ${from.join(' or ')}`, { status: e.status });
      }
      return { status: to };
    }, { expectedVersion, ...(note ? { note } : {}) }),
  );
  return getEvent(store, eventId);
}

/** Confirm and publish a draft: it becomes visible to readers. */
export function publish(store: Store, eventId: number, actor: string, expectedVersion?: number): Promise<EventView> {
  return setStatus(store, eventId, actor, 'publish', 'published', ['draft'], expectedVersion);
}

/** Reject (hide) an event. Its records stay linked to it, so re-resolution never brings it back. */
export function reject(store: Store, eventId: number, actor: string, reason?: string, expectedVersion?: number): Promise<EventView> {
  return setStatus(store, eventId, actor, 'reject', 'rejected', ['draft', 'published'], expectedVersion, reason ? { reason } : undefined);
}

/** Back to draft, from rejected or published. */
export function restore(store: Store, eventId: number, actor: string, expectedVersion?: number): Promise<EventView> {
  return setStatus(store, eventId, actor, 'restore', 'draft', ['rejected', 'published'], expectedVersion);
}

export async function setDisputed(store: Store, eventId: number, disputed: boolean, actor: string, expectedVersion?: number): Promise<EventView> {
  await inTx(store, (db) =>
    changeEvent(db, eventId, actor, disputed ? 'dispute' : 'undispute', (e) => {
      requireLive(e);
      return { disputed };
    }, { expectedVersion }),
  );
  return getEvent(store, eventId);
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Check a patch and turn it into columns; the error names the field. */
export function patchColumns(p: EventPatch): { set: Partial<Record<keyof RecordFieldValues, unknown>>; groups: FieldGroup[] } {
  const bad = (field: string, msg: string): never => {
    throw new LetopisError('USAGE', `${field}: ${msg}`, { field });
  };
  const set: Partial<Record<keyof RecordFieldValues, unknown>> = {};
  const groups: FieldGroup[] = [];
  const oneOf = (field: string, v: string, allowed: readonly string[]): string => (allowed.includes(v) ? v : bad(field, `"${v}" is not one of ${allowed.join(', ')}`));
  if (p.kind !== undefined) set.kind = oneOf('kind', p.kind, KINDS);
  if (p.type !== undefined) set.type = oneOf('type', p.type, EVENT_TYPES);
  if (p.date !== undefined) {
    const { start, end = null, precision } = p.date;
    if (start !== null && !DATE.test(start)) bad('date.start', `"${start}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    if (end !== null && !DATE.test(end)) bad('date.end', `"${end}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    if (start && end && end < start) bad('date.end', 'is before date.start');
    set.date_start = start;
    set.date_end = end;
    set.date_precision = oneOf('date.precision', precision, PRECISIONS);
  }
  if (p.place !== undefined) {
    const { country = null, region = null, settlement = null, lat = null, lon = null } = p.place;
    if (country !== null && !/^[A-Z]{2}$/.test(country)) bad('place.country', `"${country}" is not an ISO 3166-1 code such as RU`);
    if (region !== null && !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(region)) bad('place.region', `"${region}" is not an ISO 3166-2 code such as RU-MOW`);
    if (lat !== null && !(Math.abs(lat) <= 90)) bad('place.lat', 'must be between -90 and 90');
    if (lon !== null && !(Math.abs(lon) <= 180)) bad('place.lon', 'must be between -180 and 180');
    Object.assign(set, { country, region, settlement, lat, lon });
  }
  if (p.actors !== undefined) set.actors = JSON.stringify(p.actors.map(String));
  if (p.target !== undefined) set.target = p.target;
  if (p.counts !== undefined) {
    for (const [k, v] of Object.entries(p.counts)) {
      oneOf('counts', k, COUNT_KEYS);
      if (!Number.isInteger(v) || v < 0) bad(`counts.${k}`, 'must be a whole number >= 0');
    }
    set.counts = JSON.stringify(p.counts);
  }
  if (p.measure !== undefined) set.measure = p.measure === null ? null : oneOf('measure', p.measure, COUNT_KEYS);
  if (p.value !== undefined) {
    if (p.value !== null && !(Number.isFinite(p.value) && p.value >= 0)) bad('value', 'must be a number >= 0');
    set.value = p.value;
  }
  if (p.qualifier !== undefined) set.qualifier = p.qualifier === null ? null : oneOf('qualifier', p.qualifier, QUALIFIERS);
  if (p.certainty !== undefined) set.certainty = oneOf('certainty', p.certainty, CERTAINTIES);
  if (p.attribution !== undefined) set.attribution = JSON.stringify(p.attribution.map(String));
  if (p.summary !== undefined) set.summary = String(p.summary);
  for (const g of Object.keys(p) as FieldGroup[]) if (g in FIELD_COLUMNS && p[g as keyof EventPatch] !== undefined) groups.push(g);
  if (groups.length === 0) bad('patch', 'nothing to change');
  return { set, groups };
}

/** Edit fields; each edited field is locked so resolution and re-extraction keep the editor's value. */
export async function editEvent(store: Store, eventId: number, patch: EventPatch, actor: string, expectedVersion?: number): Promise<EventView> {
  const { set, groups } = patchColumns(patch);
  await inTx(store, (db) =>
    changeEvent(db, eventId, actor, 'edit', (e) => {
      requireLive(e);
      const locked = [...new Set([...e.locked_fields, ...groups])];
      return { ...(set as EventUpdate), locked_fields: JSON.stringify(locked) };
    }, { expectedVersion, note: { fields: groups } }),
  );
  return getEvent(store, eventId);
}

/**
 * Merge `otherId` into `targetId`: its records move to the target (linked by the editor, so
 * resolution keeps them there) and it points at the target from then on.
 */
export async function mergeEvents(store: Store, targetId: number, otherId: number, actor: string): Promise<EventView> {
  if (targetId === otherId) throw new LetopisError('USAGE', 'cannot merge an event into itself');
  await inTx(store, async (db) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [a, b] = targetId < otherId ? [targetId, otherId] : [otherId, targetId];
    await db.selectFrom('events').select('id').where('id', 'in', [a, b]).orderBy('id').forUpdate().execute();
    const moved = await recordIdsOfEvent(db, otherId);
    await changeEvent(db, otherId, actor, 'merge.into', (e) => {
      requireLive(e);
      return { merged_into: targetId };
    }, { note: { into: targetId, records: moved } });
    const target = await getEventRow(db, targetId);
    if (!target) throw new LetopisError('NOT_FOUND', `no event ${targetId}`);
    requireLive(target);
    await linkRecords(db, targetId, moved, actor);
    // Recomputed from all its records now; audited as the editor's merge.
    await refreshEvent(db, targetId, actor, 'merge', { from: otherId, records: moved });
  });
  return getEvent(store, targetId);
}

/** Take one record out of an event into a new draft event of its own. */
export async function splitRecord(store: Store, eventId: number, recordId: number, actor: string): Promise<{ from: EventView; created: EventView }> {
  const createdId = await inTx(store, async (db) => {
    const ev = await lockEvent(db, eventId);
    if (!ev) throw new LetopisError('NOT_FOUND', `no event ${eventId}`);
    requireLive(ev);
    const link = await linkOfRecord(db, recordId);
    if (!link || link.event_id !== eventId) throw new LetopisError('NOT_FOUND', `record ${recordId} is not in event ${eventId}`);
    const before = await recordIdsOfEvent(db, eventId);
    if (before.length < 2) throw new LetopisError('USAGE', `event ${eventId} has only this record; nothing to split from`);
    const rec = await getRecordRow(db, recordId);
    if (!rec) throw new LetopisError('NOT_FOUND', `no record ${recordId}`);
    const created = await createEvent(db, rec, [recordId], actor, 'split.create', { from: eventId, record: recordId });
    await refreshEvent(db, eventId, actor, 'split', { record: recordId, to: created.id });
    return created.id;
  });
  return { from: await getEvent(store, eventId), created: await getEvent(store, createdId) };
}

/** Every audit entry about the event, oldest first. */
export async function history(store: Store, eventId: number): Promise<AuditRow[]> {
  const rows = await auditOf(store.db, 'event', eventId);
  if (rows.length === 0 && !(await store.db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst())) {
    throw new LetopisError('NOT_FOUND', `no event ${eventId}`);
  }
  return rows;
}

/** The event as it was at a past moment, rebuilt from the audit log alone; null before it existed. */
export async function stateAt(store: Store, eventId: number, at: Date): Promise<EventView | null> {
  const entry = await lastAuditAt(store.db, 'event', String(eventId), at);
  if (!entry?.after) return null;
  const s = entry.after as EventSnapshot;
  const row = {
    ...s,
    retired_at: s.retired_at ? new Date(s.retired_at) : null,
    date_lo: null, date_hi: null, search_text: '', created_at: entry.at, updated_at: entry.at,
  } as unknown as EventRow;
  const sources = await sourcesOfRecords(store.db, s.records);
  return toEventView(row, sources);
}

export { getEvent };
