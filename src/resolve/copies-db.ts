/** Near-duplicate detection against the stored documents (the pure part is copies.ts). */
import type { Kysely } from 'kysely';
import type { DB, DocumentRow } from '../store/index.js';
import { copiesOf, copyCandidates, documentsSharingBands, putDocumentBands, repointCopies, setCopyOf } from '../store/resolution.js';
import { bands, isNearDuplicate, minhash, MIN_SHINGLES, shingles } from './copies.js';

export interface CopyOutcome {
  copyOf: number | null;
  /** Other documents whose copy_of changed. */
  moved: number[];
}

type CopyDoc = Pick<DocumentRow, 'id' | 'text' | 'published_at' | 'copy_of' | 'edited_at'>;

/** Candidates compared per document: those sharing the most bands. */
const MAX_CANDIDATES = 20;

const time = (d: Date | null): number => (d ? new Date(d).getTime() : Infinity);

/**
 * Mark each document as a copy of an earlier near-identical one (or make it the original of the ones
 * it preceded). The documents are taken in the order given, each seeing the stored ones and those
 * before it, exactly as one call per document would, but with a handful of statements for all of
 * them: a bulk import checks a million documents in pages of a thousand. `withoutBands`: the
 * caller knows none of them has bands yet (documents stored without resolution).
 */
export async function detectCopies(db: Kysely<DB>, docs: CopyDoc[], opts: { withoutBands?: boolean } = {}): Promise<CopyOutcome[]> {
  const sh = docs.map((d) => shingles(d.text));
  const entries = docs.map((d, i) => ({ documentId: d.id, bands: sh[i]!.length >= MIN_SHINGLES ? bands(minhash(sh[i]!)) : [] }));
  // Only an edited text can have bands to replace (the same text again inserts the same bands).
  await putDocumentBands(db, entries, { replace: docs.filter((d) => d.edited_at !== null).map((d) => d.id), withoutBands: opts.withoutBands === true });
  const pos = new Map(docs.map((d, i) => [d.id, i]));
  const shared = new Map<number, { other: number; shared: number }[]>();
  for (const p of await documentsSharingBands(db, entries)) {
    // A document does not see those after it in this call: they were not stored yet when it came.
    if ((pos.get(p.other) ?? -1) > pos.get(p.doc)!) continue;
    let list = shared.get(p.doc);
    if (!list) shared.set(p.doc, (list = []));
    list.push(p);
  }
  const candidatesOf = new Map<number, number[]>();
  for (const [doc, list] of shared) {
    list.sort((a, b) => b.shared - a.shared || a.other - b.other);
    candidatesOf.set(doc, list.slice(0, MAX_CANDIDATES).map((c) => c.other).sort((a, b) => a - b));
  }
  const stored = new Set<number>();
  for (const list of candidatesOf.values()) for (const id of list) if (!pos.has(id)) stored.add(id);
  const info = new Map<number, { sh: Uint32Array; published: number }>();
  // copy_of as it stands now: changes made for earlier documents of this call are seen by later ones.
  const copyOf = new Map<number, number | null>();
  docs.forEach((d, i) => {
    info.set(d.id, { sh: sh[i]!, published: time(d.published_at) });
    copyOf.set(d.id, d.copy_of);
  });
  for (const c of await copyCandidates(db, [...stored])) {
    info.set(c.id, { sh: shingles(c.text), published: time(c.published_at) });
    copyOf.set(c.id, c.copy_of);
  }

  const out: CopyOutcome[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const mineCopyOf = copyOf.get(doc.id) ?? null;
    const candidates = entries[i]!.bands.length ? (candidatesOf.get(doc.id) ?? []) : [];
    let original: { id: number; published: number } | null = null;
    for (const id of candidates) {
      const c = info.get(id)!;
      if (!isNearDuplicate(sh[i]!, c.sh)) continue;
      const rootId = copyOf.get(id) ?? id;
      const published = rootId === id || candidates.includes(rootId) ? info.get(rootId)!.published : Infinity;
      if (!original || published < original.published) original = { id: rootId, published };
    }
    if (entries[i]!.bands.length === 0 || (!original && mineCopyOf === null) || original?.id === doc.id) {
      out.push({ copyOf: mineCopyOf, moved: [] });
    } else if (!original) {
      // An edit made it different from what it copied: it stands on its own now.
      await setCopyOf(db, doc.id, null);
      copyOf.set(doc.id, null);
      out.push({ copyOf: null, moved: [] });
    } else if (time(doc.published_at) < original.published) {
      // The copy came in first: this earlier document is the original of them all.
      const moved = await repointCopies(db, original.id, doc.id);
      for (const id of moved) copyOf.set(id, doc.id);
      const mineToo = await copiesOf(db, doc.id);
      if (mineCopyOf !== null) {
        await setCopyOf(db, doc.id, null);
        copyOf.set(doc.id, null);
      }
      out.push({ copyOf: null, moved: [...new Set([...moved, ...mineToo])] });
    } else {
      if (mineCopyOf !== original.id) {
        await setCopyOf(db, doc.id, original.id);
        copyOf.set(doc.id, original.id);
      }
      out.push({ copyOf: original.id, moved: [] });
    }
  }
  return out;
}

/** One document, as ingest stores it. */
export async function detectCopy(db: Kysely<DB>, doc: CopyDoc): Promise<CopyOutcome> {
  return (await detectCopies(db, [doc]))[0]!;
}
