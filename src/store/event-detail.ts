/** What the event page shows beyond the event: its records and the source text around each piece of evidence. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface EvidenceContext {
  record_id: number;
  document_id: number;
  kind: string;
  type: string;
  date_start: string | null;
  date_end: string | null;
  region: string | null;
  settlement: string | null;
  counts: Record<string, number>;
  certainty: string;
  summary: string;
  extractor_version: string;
  evidence_start: number;
  evidence_end: number;
  /** The document's text from `excerpt_start` (0-based), at most `radius` characters each side of the evidence. */
  excerpt: string;
  excerpt_start: number;
  document_length: number;
}

/**
 * The current records behind an event, each with an excerpt of its document around the evidence,
 * cut in SQL so a long document never travels whole.
 */
export async function evidenceOfEvent(db: Kysely<DB>, eventId: number, radius = 700): Promise<EvidenceContext[]> {
  const rows = await db
    .selectFrom('event_records as er')
    .innerJoin('records as r', 'r.id', 'er.record_id')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .select([
      'r.id as record_id', 'r.document_id', 'r.kind', 'r.type', 'r.date_start', 'r.date_end', 'r.region', 'r.settlement', 'r.counts',
      'r.certainty', 'r.summary', 'r.extractor_version', 'r.evidence_start', 'r.evidence_end',
      sql<number>`greatest(0, r.evidence_start - ${radius})`.as('excerpt_start'),
      sql<string>`substr(d.text, greatest(0, r.evidence_start - ${radius}) + 1, (r.evidence_end - greatest(0, r.evidence_start - ${radius})) + ${radius})`.as('excerpt'),
      sql<number>`length(d.text)`.as('document_length'),
    ])
    .where('er.event_id', '=', eventId)
    .where('r.superseded_at', 'is', null)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, excerpt_start: Number(r.excerpt_start), document_length: Number(r.document_length) }));
}
