/**
 * Resolution: extracted records become canonical events, one per happening, each with every record
 * and document behind it. Ingest calls `resolveDocumentRecords` per document (incremental, inside
 * the document's transaction); `resolveAll` re-runs it over everything stored.
 *
 * What editors did always wins: records an editor linked (merge, split) stay where they were put,
 * locked fields keep their values, and a record matching a rejected event joins it (hidden) rather
 * than bringing it back. After a re-extraction, each new record takes the place of the old record it
 * matches, keeping that record's event and who linked it.
 */
import type { Kysely } from 'kysely';
import type { DB, DocumentRow, RecordRow } from '../store/index.js';
import { getDocument, getEventRow, linkRecords } from '../store/index.js';
import { candidateEvents, currentMembers, eventIdsOfDocuments, supersededLinkedRecords } from '../store/resolution.js';
import { compatible, features, matchScore, MATCH_THRESHOLD, MemoryResolver, WIDE_DAYS, type Features, type MatchInput } from './core.js';
import { dayString, typeDistance } from './features.js';
import { createEvent, memberOf, refreshEvent } from './state.js';
import { EVENT_TYPES } from '../extract/record.js';

export { resolveAll, type ResolveAllSummary } from './rerun.js';
export { detectCopy } from './copies-db.js';
import { detectCopy } from './copies-db.js';

/** Text the event is found by in full-text search: its summary, evidence and place. */
export function searchTextOf(r: RecordRow, doc: Pick<DocumentRow, 'title'>): string {
  return [r.summary, r.evidence_text, r.settlement, r.region, ...r.actors, ...r.attribution, doc.title].filter(Boolean).join(' \n');
}

const DAY_SLACK = 1;

/**
 * How early a candidate event may start, as in the memory core's buckets: a record spanning at most
 * WIDE_DAYS meets events of the same kind of span (tallies: "as of" days within TALLY_ASOF_DAYS and
 * any period, so no bound), a wider record meets events starting within a year before it.
 */
function earliestStart(f: Features): string | null {
  if (f.lo === null || f.kind === 'tally') return null;
  const narrow = f.hi! - f.lo <= WIDE_DAYS;
  return dayString(f.lo - DAY_SLACK - (narrow ? WIDE_DAYS + 1 : 366));
}

/** Types a record of this type may share an event with. */
export function compatibleTypes(type: string): string[] {
  return EVENT_TYPES.filter((t) => typeDistance(type, t) >= 0);
}

async function followMerged(db: Kysely<DB>, id: number): Promise<number> {
  let cur = id;
  for (let i = 0; i < 100; i++) {
    const row = await getEventRow(db, cur);
    if (!row?.merged_into) return cur;
    cur = row.merged_into;
  }
  return cur;
}

const asInput = (r: RecordRow): MatchInput => r;

/** Existing events a record may belong to, best first. Events already holding a record of the same document are skipped. */
async function matchingEvents(db: Kysely<DB>, r: RecordRow, f: Features): Promise<{ id: number; score: number }[]> {
  const cands = await candidateEvents(db, {
    kind: r.kind,
    types: compatibleTypes(r.type),
    country: r.country,
    region: r.region,
    lo: f.lo === null ? null : dayString(f.lo - DAY_SLACK),
    hi: f.hi === null ? null : dayString(f.hi + DAY_SLACK),
    measure: r.measure,
    earliest: earliestStart(f),
  });
  if (cands.length === 0) return [];
  const members = await currentMembers(db, cands.map((c) => c.id));
  const out: { id: number; score: number }[] = [];
  for (const ev of cands) {
    const ms = members.get(ev.id) ?? [];
    if (ms.some((m) => m.document_id === r.document_id)) continue;
    const evF = features({ ...ev, evidence_text: '' });
    if (!compatible(f, evF)) continue;
    let s = matchScore(f, evF);
    for (const m of ms.slice(0, 8)) s = Math.max(s, matchScore(f, features(asInput(m))));
    if (s >= MATCH_THRESHOLD) out.push({ id: ev.id, score: s });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Resolve a document's fresh records into events. Called inside the document's transaction, so a
 * crash never leaves records without events. Also detects whether the document copies another.
 */
export async function resolveDocumentRecords(db: Kysely<DB>, doc: DocumentRow, records: RecordRow[]): Promise<void> {
  const touched = new Set<number>();
  const copy = await detectCopy(db, doc);
  // Events whose independent sources may have changed: this document's (if its copy status did) and those of the documents it now precedes.
  const recount = [...(copy.copyOf !== doc.copy_of ? [doc.id] : []), ...copy.moved];
  if (recount.length) for (const id of await eventIdsOfDocuments(db, recount)) touched.add(id);
  const root = copy.copyOf === null ? doc : ((await getDocument(db, copy.copyOf)) ?? doc);

  // Predecessors: records of an earlier extraction of this document that an event still links.
  const olds = await supersededLinkedRecords(db, doc.id);
  const oldF = olds.map((o) => features(asInput(o)));
  const used = new Set<number>();
  for (const o of olds) touched.add(o.event_id);

  const fresh: { r: RecordRow; f: Features }[] = [];
  for (const r of records) {
    const f = features(asInput(r));
    let heir = -1;
    let heirScore = -Infinity;
    olds.forEach((o, i) => {
      if (used.has(o.id)) return;
      const s = matchScore(f, oldF[i]!) + (o.ordinal === r.ordinal ? 0.5 : 0);
      if (s > heirScore) {
        heir = i;
        heirScore = s;
      }
    });
    if (heir >= 0 && heirScore > -Infinity) {
      const o = olds[heir]!;
      used.add(o.id);
      const target = await followMerged(db, o.event_id);
      await linkRecords(db, target, [r.id], o.linked_by);
      touched.add(target);
    } else fresh.push({ r, f });
  }
  // The document's new records together: strongest matches first, one record of it per event.
  const options: { i: number; id: number; score: number }[] = [];
  for (let i = 0; i < fresh.length; i++) {
    const ms = await matchingEvents(db, fresh[i]!.r, fresh[i]!.f);
    if (!MemoryResolver.ambiguous(fresh[i]!.f, ms)) for (const m of ms) options.push({ i, ...m });
  }
  options.sort((a, b) => b.score - a.score || a.i - b.i);
  const chosen = new Map<number, number>();
  const taken = new Set<number>();
  for (const o of options) {
    if (chosen.has(o.i) || taken.has(o.id)) continue;
    chosen.set(o.i, o.id);
    taken.add(o.id);
  }
  for (let i = 0; i < fresh.length; i++) {
    const { r } = fresh[i]!;
    const id = chosen.get(i);
    if (id !== undefined) {
      await linkRecords(db, id, [r.id]);
      touched.add(id);
    } else {
      await createEvent(db, r, [r.id], 'resolver', 'resolve.create', { document: doc.id }, [memberOf(r, doc, root)]);
    }
  }
  for (const id of [...touched].sort((a, b) => a - b)) await refreshEvent(db, id);
}
