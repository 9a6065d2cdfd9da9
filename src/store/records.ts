/** Extracted records: what each document says, as extraction read it, with the extractor's version. */
import { sql, type Kysely } from 'kysely';
import type { CountKey, EventRecord, EventType, Kind, Precision, Certainty, Qualifier } from '../extract/record.js';
import type { DB, NewRecord, RecordFields, RecordRow } from './schema.js';

type FieldValues = { [K in keyof RecordFields]: RecordFields[K] extends import('kysely').ColumnType<infer S, unknown, unknown> ? S : RecordFields[K] };

/** Contract record → the flat columns records and events share. */
export function recordFields(r: EventRecord): FieldValues {
  return {
    kind: r.kind,
    type: r.type,
    date_start: r.date.start ?? null,
    date_end: r.date.end ?? null,
    date_precision: r.date.precision,
    country: r.place.country ?? null,
    region: r.place.region ?? null,
    settlement: r.place.settlement ?? null,
    lat: r.place.lat ?? null,
    lon: r.place.lon ?? null,
    actors: r.actors ?? [],
    target: r.target ?? null,
    counts: (r.counts ?? {}) as Record<string, number>,
    measure: r.measure ?? null,
    value: r.value ?? null,
    qualifier: r.qualifier ?? null,
    certainty: r.certainty,
    attribution: r.attribution ?? [],
    summary: r.summary ?? '',
  };
}

/** Flat columns → a contract record (evidence given separately). */
export function fieldsToRecord(f: FieldValues, evidence: EventRecord['evidence']): EventRecord {
  const rec: EventRecord = {
    kind: f.kind as Kind,
    type: f.type as EventType,
    date: { start: f.date_start, ...(f.date_end ? { end: f.date_end } : {}), precision: f.date_precision as Precision },
    place: { country: f.country, region: f.region, settlement: f.settlement, lat: f.lat, lon: f.lon },
    actors: f.actors,
    target: f.target,
    counts: f.counts as Partial<Record<CountKey, number>>,
    certainty: f.certainty as Certainty,
    attribution: f.attribution,
    evidence,
    summary: f.summary,
  };
  if (f.kind === 'tally') {
    if (f.measure) rec.measure = f.measure as CountKey;
    if (f.value !== null) rec.value = f.value;
    if (f.qualifier) rec.qualifier = f.qualifier as Qualifier;
  }
  return rec;
}

export function rowToRecord(row: RecordRow): EventRecord {
  return fieldsToRecord(row, { start: row.evidence_start, end: row.evidence_end, text: row.evidence_text });
}

const jsonCols = (f: FieldValues) => ({
  ...f,
  actors: JSON.stringify(f.actors),
  counts: JSON.stringify(f.counts),
  attribution: JSON.stringify(f.attribution),
});

function newRecordRows(documentId: number, records: EventRecord[], extractorVersion: string): NewRecord[] {
  return records.map((r, i) => ({
    ...jsonCols(recordFields(r)),
    document_id: documentId,
    ordinal: i,
    evidence_start: r.evidence.start,
    evidence_end: r.evidence.end,
    evidence_text: r.evidence.text,
    extractor_version: extractorVersion,
  }));
}

export async function insertRecords(db: Kysely<DB>, documentId: number, records: EventRecord[], extractorVersion: string): Promise<RecordRow[]> {
  if (records.length === 0) return [];
  return db.insertInto('records').values(newRecordRows(documentId, records, extractorVersion)).returningAll().execute();
}

/** Rows per INSERT: the records of many documents go in together, under PostgreSQL's 65,535 parameters. */
const RECORDS_PER_STATEMENT = 1000;

/**
 * The records of many documents in a few statements (a bulk import's batch): one statement per
 * document costs more than the rows themselves. Returns nothing: bulk imports resolve later.
 */
export async function insertRecordsOfDocuments(db: Kysely<DB>, docs: { documentId: number; records: EventRecord[] }[], extractorVersion: string): Promise<void> {
  const rows = docs.flatMap((d) => newRecordRows(d.documentId, d.records, extractorVersion));
  for (let i = 0; i < rows.length; i += RECORDS_PER_STATEMENT) {
    await db.insertInto('records').values(rows.slice(i, i + RECORDS_PER_STATEMENT)).execute();
  }
}

/** Current (not superseded) records of a document. */
export async function recordsOfDocument(db: Kysely<DB>, documentId: number): Promise<RecordRow[]> {
  return db.selectFrom('records').selectAll().where('document_id', '=', documentId).where('superseded_at', 'is', null).orderBy('ordinal').execute();
}

/** Mark a document's current records as replaced by a newer extraction; they stay for history. */
export async function supersedeRecords(db: Kysely<DB>, documentId: number): Promise<RecordRow[]> {
  return db
    .updateTable('records')
    .set({ superseded_at: sql<Date>`now()` })
    .where('document_id', '=', documentId)
    .where('superseded_at', 'is', null)
    .returningAll()
    .execute();
}

export { jsonCols as recordJsonColumns };
export type { FieldValues as RecordFieldValues };
