import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCopies, detectCopy, type CopyOutcome } from '../../src/resolve/copies-db.js';
import { insertDocument, type DocumentRow, type Store } from '../../src/store/index.js';
import { engines } from '../helpers/engines.js';

// Our own texts: a report, two reposts of it (one published before it), a lightly edited repost
// of a repost, and an unrelated report that shares a few words.
const base =
  'Late on Tuesday two young men threw bottles of petrol at the side door of the district enlistment office, ' +
  'scorching the frame and a noticeboard before the guard put the fire out, the regional channel wrote.';
const texts: { ref: string; text: string; published: string }[] = [
  { ref: 'a', text: base, published: '2022-10-05T10:00:00Z' },
  { ref: 'b', text: `${base} Police are looking for both of them.`, published: '2022-10-05T12:00:00Z' },
  { ref: 'c', text: base.replace('Late on Tuesday', 'On Tuesday night'), published: '2022-10-05T08:00:00Z' },
  { ref: 'd', text: 'A court fined a pensioner who held a blank sheet of paper on the square, the regional channel wrote on Tuesday.', published: '2022-10-05T09:00:00Z' },
  { ref: 'e', text: `Repost: ${base.replace('two young men', 'two men')}`, published: '2022-10-06T07:00:00Z' },
];

async function fill(store: Store): Promise<DocumentRow[]> {
  const out: DocumentRow[] = [];
  for (const t of texts) {
    out.push(await insertDocument(store.db, {
      source_kind: 'file', source_name: t.ref, source_ref: t.ref, url: null, title: null, lang: 'en',
      published_at: t.published, text: t.text, sha256: `sha-${t.ref}`, forwarded_from: null,
    }));
  }
  return out;
}

async function copyOfByRef(store: Store): Promise<Record<string, string | null>> {
  const rows = await store.db.selectFrom('documents').select(['id', 'source_ref', 'copy_of']).orderBy('id').execute();
  const refOf = new Map(rows.map((r) => [r.id, r.source_ref]));
  return Object.fromEntries(rows.map((r) => [r.source_ref, r.copy_of === null ? null : refOf.get(r.copy_of)!]));
}

for (const engine of await engines()) describe(`copy detection for many documents at once, on ${engine.name}`, () => {
  let one: Store;
  let many: Store;
  beforeEach(async () => {
    one = await engine.open();
    many = await engine.open();
  });
  afterEach(async () => {
    await engine.dispose(one);
    await engine.dispose(many);
  });

  it('decides as one call per document would, the earliest published text becoming the original', async () => {
    const single = [];
    for (const d of await fill(one)) single.push(await detectCopy(one.db, d));
    const bulk = await detectCopies(many.db, await fill(many), { withoutBands: true });
    const sorted = (o: CopyOutcome[]) => o.map((x) => ({ ...x, moved: [...x.moved].sort((p, q) => p - q) }));
    expect(sorted(bulk)).toEqual(sorted(single));
    const expected = await copyOfByRef(one);
    expect(await copyOfByRef(many)).toEqual(expected);
    // c came in third but was published first: a and b (and e, found later) point at it; d stands alone.
    expect(expected).toEqual({ a: 'c', b: 'c', c: null, d: null, e: 'c' });
    // c found the original of a and b, and moved both under itself.
    expect(sorted(bulk)[2]).toEqual({ copyOf: null, moved: [1, 2] });
  });
});
