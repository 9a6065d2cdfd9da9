/** Documents: every text that came in, stored once by the hash of its normalised text. */
import { sql, type Kysely } from 'kysely';
import type { DB, DocumentRow, NewDocument } from './schema.js';

export async function findDocumentBySha(db: Kysely<DB>, sha256: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

export async function findDocumentBySource(db: Kysely<DB>, kind: string, ref: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('source_kind', '=', kind).where('source_ref', '=', ref).executeTakeFirst();
}

export async function getDocument(db: Kysely<DB>, id: number): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDocument(db: Kysely<DB>, doc: NewDocument): Promise<DocumentRow> {
  return db.insertInto('documents').values(doc).returningAll().executeTakeFirstOrThrow();
}

/** A newer version of the same source document (an edited Telegram message, a changed file). */
export async function replaceDocumentText(
  db: Kysely<DB>,
  id: number,
  patch: { text: string; sha256: string; title: string | null; lang: string | null; edited_at: Date | string | null },
): Promise<DocumentRow> {
  return db
    .updateTable('documents')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Remember another place the same text was seen (the same article under another name or URL). */
export async function addDocumentCopy(db: Kysely<DB>, id: number, copy: Record<string, unknown>): Promise<void> {
  await sql`UPDATE documents SET meta = jsonb_set(meta, '{copies}', coalesce(meta->'copies', '[]'::jsonb) || ${JSON.stringify([copy])}::jsonb)
            WHERE id = ${id} AND NOT coalesce(meta->'copies', '[]'::jsonb) @> ${JSON.stringify([copy])}::jsonb`.execute(db);
}

export interface StoreCounts {
  documents: number;
  records: number;
  events: number;
  published: number;
  audit: number;
}

export async function storeCounts(db: Kysely<DB>): Promise<StoreCounts> {
  const r = await sql<StoreCounts>`SELECT
      (SELECT count(*)::int FROM documents) AS documents,
      (SELECT count(*)::int FROM records WHERE superseded_at IS NULL) AS records,
      (SELECT count(*)::int FROM events WHERE merged_into IS NULL AND status <> 'rejected') AS events,
      (SELECT count(*)::int FROM events WHERE status = 'published' AND merged_into IS NULL) AS published,
      (SELECT count(*)::int FROM audit_log) AS audit`.execute(db);
  return r.rows[0]!;
}

/**
 * Which of these hashes and source refs are already stored: one query for a whole batch, so bulk
 * imports (a Telegram export of a million messages) do not pay two lookups per document.
 */
export async function findKnownDocuments(
  db: Kysely<DB>,
  shas: string[],
  refs: { kind: string; ref: string }[],
): Promise<{ shas: Set<string>; refs: Set<string> }> {
  const known = { shas: new Set<string>(), refs: new Set<string>() };
  if (shas.length === 0 && refs.length === 0) return known;
  const rows = await db
    .selectFrom('documents')
    .select(['sha256', 'source_kind', 'source_ref'])
    .where((eb) => {
      // (source_kind, source_ref) is the unique index: ask per kind so that it is used.
      const byKind = new Map<string, string[]>();
      for (const r of refs) {
        const list = byKind.get(r.kind);
        if (list) list.push(r.ref);
        else byKind.set(r.kind, [r.ref]);
      }
      return eb.or([
        eb('sha256', 'in', shas.length > 0 ? shas : ['']),
        ...[...byKind].map(([kind, list]) => eb.and([eb('source_kind', '=', kind), eb('source_ref', 'in', list)])),
      ]);
    })
    .execute();
  const wanted = new Set(refs.map((r) => `${r.kind}\u0000${r.ref}`));
  for (const r of rows) {
    known.shas.add(r.sha256);
    const key = `${r.source_kind}\u0000${r.source_ref}`;
    if (wanted.has(key)) known.refs.add(key);
  }
  return known;
}

/** Insert many new documents in one statement; rows come back in input order. */
export async function insertDocuments(db: Kysely<DB>, docs: NewDocument[]): Promise<DocumentRow[]> {
  if (docs.length === 0) return [];
  const rows = await db.insertInto('documents').values(docs).returningAll().execute();
  // PostgreSQL returns rows of a multi-row INSERT in VALUES order; keep that promise explicit.
  const bySha = new Map(rows.map((r) => [r.sha256, r]));
  return docs.map((d) => bySha.get(d.sha256)!);
}

/** As insertDocuments, but only the new ids come back (a bulk import need not read its texts back). */
export async function insertDocumentIds(db: Kysely<DB>, docs: NewDocument[]): Promise<number[]> {
  if (docs.length === 0) return [];
  const rows = await db.insertInto('documents').values(docs).returning(['id', 'sha256']).execute();
  const bySha = new Map(rows.map((r) => [r.sha256, r.id]));
  return docs.map((d) => bySha.get(d.sha256)!);
}
