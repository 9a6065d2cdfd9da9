/** Near-duplicate detection against the stored documents (the pure part is copies.ts). */
import type { Kysely } from 'kysely';
import type { DB, DocumentRow } from '../store/index.js';
import { copiesOf, documentsSharingBands, putDocumentBands, repointCopies, setCopyOf } from '../store/resolution.js';
import { bands, isNearDuplicate, minhash, MIN_SHINGLES, shingles } from './copies.js';

/**
 * Mark the document as a copy of an earlier near-identical one (or make it the original of the ones
 * it preceded). Returns the other documents whose copy_of changed.
 */
export async function detectCopy(db: Kysely<DB>, doc: DocumentRow): Promise<{ copyOf: number | null; moved: number[] }> {
  const sh = shingles(doc.text);
  const bs = sh.length >= MIN_SHINGLES ? bands(minhash(sh)) : [];
  // Only an edited text can have bands to replace (the same text again inserts the same bands).
  await putDocumentBands(db, doc.id, bs, doc.edited_at !== null);
  const stays = { copyOf: doc.copy_of, moved: [] };
  if (bs.length === 0) return stays;
  const candidates = await documentsSharingBands(db, bs, doc.id);
  let original: { id: number; published: number } | null = null;
  for (const c of candidates) {
    if (!isNearDuplicate(sh, shingles(c.text))) continue;
    const rootId = c.copy_of ?? c.id;
    const root = rootId === c.id ? c : candidates.find((x) => x.id === rootId);
    const published = root?.published_at ? new Date(root.published_at).getTime() : Infinity;
    if (!original || published < original.published) original = { id: rootId, published };
  }
  if (!original && doc.copy_of !== null) {
    // An edit made it different from what it copied: it stands on its own now.
    await setCopyOf(db, doc.id, null);
    return { copyOf: null, moved: [] };
  }
  if (!original || original.id === doc.id) return stays;
  const mine = doc.published_at ? new Date(doc.published_at).getTime() : Infinity;
  if (mine < original.published) {
    // The copy came in first: this earlier document is the original of them all.
    const moved = await repointCopies(db, original.id, doc.id);
    const mineToo = await copiesOf(db, doc.id);
    if (doc.copy_of !== null) await setCopyOf(db, doc.id, null);
    return { copyOf: null, moved: [...new Set([...moved, ...mineToo])] };
  }
  if (doc.copy_of !== original.id) await setCopyOf(db, doc.id, original.id);
  return { copyOf: original.id, moved: [] };
}

