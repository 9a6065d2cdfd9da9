/** SQL for resolution and review: candidate events, members, copies, guarded event updates. */
import { sql, type Kysely } from 'kysely';
import { intArray } from './arrays.js';
import { EVENT_COLUMNS } from './events.js';
import type { DB, EventRow, EventUpdate, NewEvent, RecordRow } from './schema.js';

// --- Near-duplicate documents -------------------------------------------------------------------

/** (document, band) pairs as two parallel arrays, for unnest(): a document's repeated band once. */
function bandPairs(docs: { documentId: number; bands: number[] }[]): { ids: number[]; bands: number[] } {
  const ids: number[] = [];
  const bands: number[] = [];
  for (const d of docs) {
    for (const b of new Set(d.bands)) {
      ids.push(d.documentId);
      bands.push(b);
    }
  }
  return { ids, bands };
}

/**
 * LSH bands of many documents in one statement; `replace` first drops those documents' old bands
 * (an edited text). A document resolved again keeps its bands (the same text gives the same ones),
 * so conflicts are skipped, unless the caller knows the documents have none (a bulk import's
 * check, where the conflict check would double the cost of the band table).
 */
export async function putDocumentBands(db: Kysely<DB>, docs: { documentId: number; bands: number[] }[], opts: { replace?: number[]; withoutBands?: boolean } = {}): Promise<void> {
  if (opts.replace?.length) await db.deleteFrom('document_lsh').where('document_id', 'in', opts.replace).execute();
  const { ids, bands } = bandPairs(docs);
  if (ids.length === 0) return;
  const rows = sql`SELECT * FROM unnest(${intArray(bands)}::int[], ${intArray(ids)}::int[])`;
  if (opts.withoutBands) await sql`INSERT INTO document_lsh (band, document_id) ${rows}`.execute(db);
  else await sql`INSERT INTO document_lsh (band, document_id) ${rows} ON CONFLICT DO NOTHING`.execute(db);
}

export interface CopyCandidate {
  id: number;
  text: string;
  published_at: Date | null;
  copy_of: number | null;
}

/** For each document, every other document sharing at least one of its LSH bands, and how many: one query for all. */
export async function documentsSharingBands(db: Kysely<DB>, docs: { documentId: number; bands: number[] }[]): Promise<{ doc: number; other: number; shared: number }[]> {
  const { ids, bands } = bandPairs(docs);
  if (ids.length === 0) return [];
  const res = await sql<{ doc: number; other: number; shared: number }>`
    SELECT q.doc, l.document_id AS other, count(*)::int AS shared
    FROM unnest(${intArray(ids)}::int[], ${intArray(bands)}::int[]) AS q(doc, band)
    JOIN document_lsh l ON l.band = q.band AND l.document_id <> q.doc
    GROUP BY q.doc, l.document_id`.execute(db);
  return res.rows;
}

/** What copy detection reads of stored documents. */
export async function copyCandidates(db: Kysely<DB>, ids: number[]): Promise<CopyCandidate[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('documents').select(['id', 'text', 'published_at', 'copy_of']).where('id', 'in', ids).execute();
}

export async function setCopyOf(db: Kysely<DB>, documentId: number, copyOf: number | null): Promise<void> {
  await db.updateTable('documents').set({ copy_of: copyOf }).where('id', '=', documentId).execute();
}

/** Point every copy of `fromRoot` (and fromRoot itself) at `toRoot`; returns the documents changed. */
export async function repointCopies(db: Kysely<DB>, fromRoot: number, toRoot: number): Promise<number[]> {
  const rows = await db
    .updateTable('documents')
    .set({ copy_of: toRoot })
    .where((eb) => eb.or([eb('copy_of', '=', fromRoot), eb('id', '=', fromRoot)]))
    .where('id', '<>', toRoot)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Documents whose copy_of points at the given one (it was their original). */
export async function copiesOf(db: Kysely<DB>, documentId: number): Promise<number[]> {
  const rows = await db.selectFrom('documents').select('id').where('copy_of', '=', documentId).execute();
  return rows.map((r) => r.id);
}

// --- Records and events -------------------------------------------------------------------------

export interface LinkedRecord extends RecordRow {
  event_id: number;
  linked_by: string;
}

/** A document's superseded records that an event still links: the predecessors of a re-extraction. */
export async function supersededLinkedRecords(db: Kysely<DB>, documentId: number): Promise<LinkedRecord[]> {
  return db
    .selectFrom('records as r')
    .innerJoin('event_records as er', 'er.record_id', 'r.id')
    .selectAll('r')
    .select(['er.event_id', 'er.linked_by'])
    .where('r.document_id', '=', documentId)
    .where('r.superseded_at', 'is not', null)
    .orderBy('r.superseded_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** Events (not merged away) that current records of these documents link to. */
export async function eventIdsOfDocuments(db: Kysely<DB>, documentIds: number[]): Promise<number[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .selectFrom('event_records as er')
    .innerJoin('records as r', 'r.id', 'er.record_id')
    .select('er.event_id')
    .distinct()
    .where('r.document_id', 'in', documentIds)
    .execute();
  return rows.map((r) => r.event_id);
}

export interface CandidateQuery {
  kind: string;
  types: string[];
  country: string | null;
  region: string | null;
  /** YYYY-MM-DD bounds, already widened by the day slack; null for an undated record. */
  lo: string | null;
  hi: string | null;
  measure: string | null;
  /** Earliest date_lo a candidate may have (YYYY-MM-DD); events starting before are not looked at. */
  earliest?: string | null;
  limit?: number;
}

/**
 * Events that could be the same happening: same kind, a compatible type, no contradicting country
 * or region, overlapping dates. Rejected and retired events are included on purpose: a record that
 * matches a rejected event joins it (and stays hidden) instead of re-creating it.
 */
export async function candidateEvents(db: Kysely<DB>, q: CandidateQuery): Promise<EventRow[]> {
  let query = db
    .selectFrom('events')
    .select(EVENT_COLUMNS) // not the stored tsvector (migration 005)
    .where('merged_into', 'is', null)
    .where('kind', '=', q.kind)
    .where('type', 'in', q.types);
  if (q.country) query = query.where((eb) => eb.or([eb('country', '=', q.country), eb('country', 'is', null)]));
  if (q.region) query = query.where((eb) => eb.or([eb('region', '=', q.region), eb('region', 'is', null)]));
  if (q.kind === 'tally' && q.measure) query = query.where('measure', '=', q.measure);
  if (q.lo && q.hi) {
    query = query.where('date_lo', '<=', q.hi).where('date_hi', '>=', q.lo);
    // A lower bound on date_lo keeps this an index range instead of a scan of all earlier events.
    if (q.earliest) query = query.where('date_lo', '>=', q.earliest);
  } else query = query.where('date_lo', 'is', null);
  return query.orderBy('id').limit(q.limit ?? 200).execute();
}

/** Current records of each event. */
export async function currentMembers(db: Kysely<DB>, eventIds: number[]): Promise<Map<number, LinkedRecord[]>> {
  const out = new Map<number, LinkedRecord[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('event_records as er')
    .innerJoin('records as r', 'r.id', 'er.record_id')
    .selectAll('r')
    .select(['er.event_id', 'er.linked_by'])
    .where('er.event_id', 'in', eventIds)
    .where('r.superseded_at', 'is', null)
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.event_id) ?? [];
    list.push(r);
    out.set(r.event_id, list);
  }
  return out;
}

/** A current member with what its document says about who published it (after copies). */
export interface MemberWithSource extends LinkedRecord {
  doc_published_at: Date | null;
  doc_lang: string | null;
  doc_title: string | null;
  /** The original's publisher fields when the document is a copy, else its own. */
  root_id: number;
  root_source_kind: string;
  root_source_name: string | null;
  root_url: string | null;
  root_source_ref: string;
  root_forwarded_from: string | null;
}

export async function membersWithSources(db: Kysely<DB>, eventId: number): Promise<MemberWithSource[]> {
  return db
    .selectFrom('event_records as er')
    .innerJoin('records as r', 'r.id', 'er.record_id')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .innerJoin('documents as o', (j) => j.on(sql<boolean>`o.id = coalesce(d.copy_of, d.id)`))
    .selectAll('r')
    .select([
      'er.event_id', 'er.linked_by', 'd.published_at as doc_published_at', 'd.lang as doc_lang', 'd.title as doc_title',
      'o.id as root_id', 'o.source_kind as root_source_kind', 'o.source_name as root_source_name', 'o.url as root_url',
      'o.source_ref as root_source_ref', 'o.forwarded_from as root_forwarded_from',
    ])
    .where('er.event_id', '=', eventId)
    .where('r.superseded_at', 'is', null)
    .orderBy(sql`d.published_at ASC NULLS LAST`)
    .orderBy('r.id')
    .execute();
}

export async function getRecordRow(db: Kysely<DB>, id: number): Promise<RecordRow | undefined> {
  return db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function linkOfRecord(db: Kysely<DB>, recordId: number): Promise<{ event_id: number; linked_by: string } | undefined> {
  return db.selectFrom('event_records').select(['event_id', 'linked_by']).where('record_id', '=', recordId).executeTakeFirst();
}

/** Read an event and lock its row until the transaction ends (serialises concurrent editors). */
export async function lockEvent(db: Kysely<DB>, id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').select(EVENT_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Update an event only if its version is still `version`; bumps the version. Undefined means
 * someone else changed it first.
 */
export async function updateEventGuarded(db: Kysely<DB>, id: number, version: number, patch: EventUpdate): Promise<EventRow | undefined> {
  return db
    .updateTable('events')
    .set({ ...patch, version: version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(EVENT_COLUMNS)
    .executeTakeFirst();
}

/** Record ids linked to an event now (superseded ones too: they are its history). */
export async function recordIdsOfEvent(db: Kysely<DB>, eventId: number, currentOnly = true): Promise<number[]> {
  let q = db.selectFrom('event_records as er').innerJoin('records as r', 'r.id', 'er.record_id').select('r.id').where('er.event_id', '=', eventId);
  if (currentOnly) q = q.where('r.superseded_at', 'is', null);
  const rows = await q.orderBy('r.id').execute();
  return rows.map((r) => r.id);
}

/** The last audit entry with a snapshot of an entity (at or before a moment, when given). */
export async function lastAuditAt(db: Kysely<DB>, entity: string, entityId: string, at?: Date) {
  // Only entries that carry a full snapshot (other features may log notes about an event too).
  let q = db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId)
    .where(sql<boolean>`jsonb_exists(after, 'records')`);
  if (at) q = q.where('at', '<=', at);
  return q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Sources (documents and evidence) of given records, whatever event they belong to now. */
export async function sourcesOfRecords(db: Kysely<DB>, recordIds: number[]) {
  if (recordIds.length === 0) return [];
  return db
    .selectFrom('records as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .select([
      'd.id as document_id', 'r.id as record_id', 'd.source_kind', 'd.source_name', 'd.url', 'd.source_ref', 'd.title',
      'd.published_at', 'd.forwarded_from', 'd.copy_of', 'r.evidence_start', 'r.evidence_end', 'r.evidence_text',
    ])
    .where('r.id', 'in', recordIds)
    .orderBy('d.published_at')
    .orderBy('r.id')
    .execute();
}

// --- Full re-run --------------------------------------------------------------------------------

export interface ResolveRow extends RecordRow {
  event_id: number | null;
  linked_by: string | null;
  published_at: Date | null;
}

/**
 * Current records a page at a time, in id order (the order ingest stored them), by keyset on the
 * primary key: each page is an index range, so a pass over millions of records stays linear.
 * `ord` is the record id.
 */
export async function currentRecordsPage(db: Kysely<DB>, afterOrdinal: number, limit: number): Promise<(ResolveRow & { ord: number })[]> {
  const r = await sql<ResolveRow & { ord: number }>`
    SELECT r.*, er.event_id, er.linked_by, d.published_at, r.id AS ord
    FROM records r
    JOIN documents d ON d.id = r.document_id
    LEFT JOIN event_records er ON er.record_id = r.id
    WHERE r.id > ${afterOrdinal} AND r.superseded_at IS NULL
    ORDER BY r.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface EventEditState {
  id: number;
  status: string;
  disputed: boolean;
  locked: number;
  pinned: number;
  merged_into: number | null;
}

/** What an editor has done to each event: such events keep their records on a re-run. */
export async function eventEditStates(db: Kysely<DB>): Promise<EventEditState[]> {
  const r = await sql<EventEditState>`
    SELECT e.id, e.status, e.disputed, jsonb_array_length(e.locked_fields)::int AS locked, e.merged_into,
           (SELECT count(*)::int FROM event_records er WHERE er.event_id = e.id AND er.linked_by <> 'resolver') AS pinned
    FROM events e`.execute(db);
  return r.rows;
}

export async function relinkRecords(db: Kysely<DB>, links: { record_id: number; event_id: number }[]): Promise<void> {
  for (let i = 0; i < links.length; i += 5000) {
    const chunk = links.slice(i, i + 5000);
    await db
      .insertInto('event_records')
      .values(chunk.map((l) => ({ record_id: l.record_id, event_id: l.event_id, linked_by: 'resolver' })))
      .onConflict((oc) => oc.column('record_id').doUpdateSet({ event_id: sql`excluded.event_id`, linked_by: 'resolver', linked_at: sql<Date>`now()` }))
      .execute();
  }
}

/** Current records with their documents' publisher fields, in the order of `currentRecordsPage`. */
export async function currentMembersPage(db: Kysely<DB>, afterOrdinal: number, limit: number): Promise<(MemberWithSource & { ord: number })[]> {
  const r = await sql<MemberWithSource & { ord: number }>`
    SELECT r.*, coalesce(er.event_id, 0) AS event_id, coalesce(er.linked_by, 'resolver') AS linked_by,
           d.published_at AS doc_published_at, d.lang AS doc_lang, d.title AS doc_title,
           o.id AS root_id, o.source_kind AS root_source_kind, o.source_name AS root_source_name, o.url AS root_url,
           o.source_ref AS root_source_ref, o.forwarded_from AS root_forwarded_from, r.id AS ord
    FROM records r
    JOIN documents d ON d.id = r.document_id
    JOIN documents o ON o.id = coalesce(d.copy_of, d.id)
    LEFT JOIN event_records er ON er.record_id = r.id
    WHERE r.id > ${afterOrdinal} AND r.superseded_at IS NULL
    ORDER BY r.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Reserve event ids (many new events written at once, each row knowing its id before the insert). */
export async function reserveEventIds(db: Kysely<DB>, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('events', 'id'))::int AS id FROM generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Insert complete event rows with reserved ids, a chunk at a time. */
export async function insertEventsWithIds(db: Kysely<DB>, rows: (NewEvent & { id: number })[]): Promise<void> {
  const cols = [
    'id', 'kind', 'type', 'date_start', 'date_end', 'date_precision', 'country', 'region', 'settlement', 'lat', 'lon', 'actors', 'target',
    'counts', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary', 'search_text', 'independent_sources', 'source_count',
  ];
  const list = sql.join(cols.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({
      ...r,
      actors: typeof r.actors === 'string' ? JSON.parse(r.actors) : r.actors,
      counts: typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts,
      attribution: typeof r.attribution === 'string' ? JSON.parse(r.attribution) : r.attribution,
    }));
    // One parameter per chunk; OVERRIDING because events.id is GENERATED ALWAYS and the ids were reserved.
    await sql`INSERT INTO events (${list}) OVERRIDING SYSTEM VALUE
      SELECT ${list} FROM jsonb_populate_recordset(NULL::events, ${JSON.stringify(chunk)}::jsonb)`.execute(db);
  }
}

/** Append many audit entries at once (a re-run creating many events). */
export async function appendAuditMany(db: Kysely<DB>, entries: { actor: string; action: string; entity: string; entity_id: string; before: string | null; after: string | null }[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await db.insertInto('audit_log').values(entries.slice(i, i + 1000)).execute();
  }
}

/** Link records to events as the resolver, a chunk at a time. */
export async function linkMany(db: Kysely<DB>, links: { record_id: number; event_id: number }[]): Promise<void> {
  await relinkRecords(db, links);
}

/**
 * Refresh the planner's statistics after a bulk change. PGlite has no autovacuum: without fresh
 * statistics it plans member lookups as scans, and per-record resolution slows with the archive.
 */
export async function analyzeResolutionTables(db: Kysely<DB>): Promise<void> {
  await sql`ANALYZE documents, records, events, event_records, document_lsh, audit_log`.execute(db);
}

/** The same for the band table alone, while a bulk copy check fills it (planned as empty, each page would scan it all). */
export async function analyzeBands(db: Kysely<DB>): Promise<void> {
  await sql`ANALYZE document_lsh`.execute(db);
}

/** Documents never checked for copies (stored without resolution), a page at a time in id order. */
export async function documentsWithoutBands(db: Kysely<DB>, afterId: number, limit: number) {
  return db
    .selectFrom('documents as d')
    .select(['d.id', 'd.text', 'd.published_at', 'd.copy_of', 'd.edited_at'])
    .where('d.id', '>', afterId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('document_lsh as l').select('l.band').whereRef('l.document_id', '=', 'd.id'))))
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
