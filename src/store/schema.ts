/** Row types of the schema in migrations/, for Kysely. Keep in step with the SQL files. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;
/** A JSON column with a database default: optional on insert. */
type JsonDefault<T> = ColumnType<T, T | string | undefined, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DocumentsTable {
  id: Generated<number>;
  source_kind: string;
  source_name: string | null;
  source_ref: string;
  url: string | null;
  title: string | null;
  lang: string | null;
  published_at: TimestampNullable;
  text: string;
  sha256: string;
  forwarded_from: string | null;
  edited_at: TimestampNullable;
  copy_of: number | null;
  meta: JsonDefault<Record<string, unknown>>;
  ingested_at: Timestamp;
  updated_at: Timestamp;
}

/** Columns shared by records and events: the contract's fields, flattened. */
export interface RecordFields {
  kind: string;
  type: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  country: string | null;
  region: string | null;
  settlement: string | null;
  lat: number | null;
  lon: number | null;
  actors: Json<string[]>;
  target: string | null;
  counts: Json<Record<string, number>>;
  measure: string | null;
  value: number | null;
  qualifier: string | null;
  certainty: string;
  attribution: Json<string[]>;
  summary: string;
}

export interface RecordsTable extends RecordFields {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  evidence_start: number;
  evidence_end: number;
  evidence_text: string;
  extractor_version: string;
  created_at: Timestamp;
  superseded_at: TimestampNullable;
}

export interface EventsTable extends RecordFields {
  id: Generated<number>;
  date_lo: ColumnType<string | null, never, never>;
  date_hi: ColumnType<string | null, never, never>;
  search_text: string;
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>;
  disputed: ColumnType<boolean, boolean | undefined, boolean>;
  independent_sources: ColumnType<number, number | undefined, number>;
  source_count: ColumnType<number, number | undefined, number>;
  locked_fields: JsonDefault<string[]>;
  merged_into: number | null;
  version: ColumnType<number, number | undefined, number>;
  /** 002: set when no current record supports the event any more; hidden, never deleted. */
  retired_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type EventStatus = 'draft' | 'published' | 'rejected';

export interface EventRecordsTable {
  record_id: number;
  event_id: number;
  linked_by: ColumnType<string, string | undefined, string>;
  linked_at: Timestamp;
}

/** 002: MinHash LSH bands of documents, for near-duplicate detection. */
export interface DocumentLshTable {
  band: number;
  document_id: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  password_hash: string;
  role: ColumnType<'editor' | 'admin', 'editor' | 'admin' | undefined, 'editor' | 'admin'>;
  created_at: Timestamp;
  disabled_at: TimestampNullable;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  documents: DocumentsTable;
  records: RecordsTable;
  events: EventsTable;
  event_records: EventRecordsTable;
  audit_log: AuditLogTable;
  document_lsh: DocumentLshTable;
  users: UsersTable;
  sessions: SessionsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type RecordRow = Selectable<RecordsTable>;
export type NewRecord = Insertable<RecordsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type EventUpdate = Updateable<EventsTable>;
export type AuditRow = Selectable<AuditLogTable>;
