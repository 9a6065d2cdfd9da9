/**
 * `letopis resolve`: re-run resolution over every current record with the in-memory core, then
 * write back only what changed. Events an editor touched (published, rejected, disputed, edited,
 * merged or split) keep their records and seed the clusters; the rest are re-clustered, reusing
 * their event ids so links and URLs stay stable.
 */
import type { NewEvent, RecordRow, Store } from '../store/index.js';
import {
  analyzeBands, analyzeResolutionTables, appendAuditMany, currentMembersPage, documentsWithoutBands, currentRecordsPage, eventEditStates, insertEventsWithIds, relinkRecords, reserveEventIds,
  type EventEditState, type ResolveRow,
} from '../store/resolution.js';
import type { RecordFieldValues } from '../store/records.js';
import { detectCopies } from './copies-db.js';
import { features, MemoryResolver } from './core.js';
import { Aggregator, changeEvent, pickFields, refreshEvent } from './state.js';

export interface ResolveAllSummary {
  records: number;
  /** Records that now belong to another event than before (or to one for the first time). */
  relinked: number;
  created: number;
  /** Events folded into another because all their records went there. */
  merged: number;
  /** Events an editor touched: their records stayed. */
  keptByEditor: number;
  events: number;
}

export interface ResolveAllOptions {
  actor?: string;
  pageSize?: number;
  onProgress?: (done: number, phase: string) => void;
}

const touchedByEditor = (s: EventEditState): boolean =>
  s.status !== 'draft' || s.disputed || s.locked > 0 || s.pinned > 0 || s.merged_into !== null;

export async function resolveAll(store: Store, opts: ResolveAllOptions = {}): Promise<ResolveAllSummary> {
  const db = store.db;
  const actor = opts.actor ?? 'resolver';
  const pageSize = opts.pageSize ?? 20_000;
  // Documents stored without resolution (a bulk import) are first checked for copies, so that
  // independent sources come out right.
  let checked = 0;
  let analyzedAt = 0;
  for (let after = 0; ; ) {
    const docs = await documentsWithoutBands(db, after, 1000);
    if (docs.length === 0) break;
    after = docs[docs.length - 1]!.id;
    await db.transaction().execute((trx) => detectCopies(trx, docs, { withoutBands: true }));
    checked += docs.length;
    if (checked >= 2 * analyzedAt) {
      // Statistics each time the import doubles what it checked: band lookups stay index probes.
      await analyzeBands(db);
      analyzedAt = checked;
    }
    opts.onProgress?.(checked, 'copies');
  }
  const states = new Map((await eventEditStates(db)).map((s) => [s.id, s]));
  const anchored = (eventId: number | null): boolean => eventId !== null && touchedByEditor(states.get(eventId)!);

  const resolver = new MemoryResolver();
  const clusterOfEvent = new Map<number, number>();
  const eventOfCluster = new Map<number, number>();
  // Free records: id, previous event (0 = none), cluster, first row for creating an event.
  const freeIds: number[] = [];
  const freeOld: number[] = [];
  const freeCluster: number[] = [];
  const firstRow = new Map<number, RecordRow>();
  let total = 0;
  let keptByEditor = 0;

  // Pass 1: editor-touched events seed clusters with all their records (skipped when there are none).
  const anyAnchored = [...states.values()].some(touchedByEditor);
  for (let after = 0; anyAnchored; ) {
    const page = await currentRecordsPage(db, after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.ord;
    for (const r of page) {
      if (!anchored(r.event_id)) continue;
      const f = features(r);
      const c = clusterOfEvent.get(r.event_id!);
      if (c === undefined) {
        const id = resolver.seed(f);
        clusterOfEvent.set(r.event_id!, id);
        eventOfCluster.set(id, r.event_id!);
      } else resolver.add(f, c);
      keptByEditor++;
    }
    opts.onProgress?.(after, 'editor-kept');
  }
  // Pass 2: every other record, in the order they were stored, a document's records together.
  const resolveGroup = (rows: ResolveRow[]): void => {
    const free = rows.filter((r) => !anchored(r.event_id));
    total += rows.length;
    const decisions = resolver.addDocument(free.map((r) => features(r)));
    free.forEach((r, k) => {
      const d = decisions[k]!;
      freeIds.push(r.id);
      freeOld.push(r.event_id ?? 0);
      freeCluster.push(d.cluster);
      if (d.created) firstRow.set(d.cluster, r);
    });
  };
  let carry: ResolveRow[] = [];
  for (let after = 0; ; ) {
    const page = await currentRecordsPage(db, after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.ord;
    // A page ends at a record boundary, not a document one: carry a document's records over.
    const rows = [...carry, ...page];
    carry = [];
    let i = 0;
    while (i < rows.length) {
      let j = i + 1;
      while (j < rows.length && rows[j]!.document_id === rows[i]!.document_id) j++;
      if (j === rows.length && page.length === pageSize) {
        carry = rows.slice(i);
        break;
      }
      resolveGroup(rows.slice(i, j));
      i = j;
    }
    opts.onProgress?.(total, 'resolved');
  }
  resolveGroup(carry);

  // Reuse old event ids: each cluster takes the untouched event most of its records came from.
  const votes = new Map<number, Map<number, number>>();
  for (let i = 0; i < freeIds.length; i++) {
    const c = freeCluster[i]!;
    if (eventOfCluster.has(c) || freeOld[i] === 0) continue;
    let v = votes.get(c);
    if (!v) votes.set(c, (v = new Map()));
    v.set(freeOld[i]!, (v.get(freeOld[i]!) ?? 0) + 1);
  }
  const claimed = new Set(eventOfCluster.values());
  const ranked = [...votes.entries()].map(([c, v]) => ({ c, best: [...v.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]) }));
  ranked.sort((a, b) => (b.best[0]?.[1] ?? 0) - (a.best[0]?.[1] ?? 0) || a.c - b.c);
  for (const { c, best } of ranked) {
    const pick = best.find(([e]) => !claimed.has(e));
    if (pick) {
      eventOfCluster.set(c, pick[0]);
      claimed.add(pick[0]);
    }
  }

  const summary: ResolveAllSummary = { records: total, relinked: 0, created: 0, merged: 0, keptByEditor, events: 0 };
  await db.transaction().execute(async (trx) => {
    // Clusters without an event get one, filled from all their records in one more pass and
    // written in bulk (ids reserved first), so a first resolution of millions of records is a few
    // thousand statements, not a few per event.
    const clusterOfNew = new Map<number, number>();
    for (let i = 0; i < freeIds.length; i++) if (!eventOfCluster.has(freeCluster[i]!)) clusterOfNew.set(freeIds[i]!, freeCluster[i]!);
    const acc = new Map<number, Aggregator>();
    if (clusterOfNew.size) {
      for (let after = 0; ; ) {
        const page = await currentMembersPage(trx, after, pageSize);
        if (page.length === 0) break;
        after = page[page.length - 1]!.ord;
        for (const m of page) {
          const c = clusterOfNew.get(m.id);
          if (c === undefined) continue;
          let a = acc.get(c);
          if (!a) acc.set(c, (a = new Aggregator()));
          a.add(m);
        }
        opts.onProgress?.(after, 'filled');
      }
    }
    const ids = await reserveEventIds(trx, acc.size);
    const rows: (NewEvent & { id: number })[] = [];
    const audits: Parameters<typeof appendAuditMany>[1] = [];
    const newLinks: { record_id: number; event_id: number }[] = [];
    let k = 0;
    for (const [c, a] of acc) {
      const agg = a.result()!;
      const id = ids[k++]!;
      eventOfCluster.set(c, id);
      const fields = { ...pickFields(firstRow.get(c)!), ...agg.fields } as RecordFieldValues;
      rows.push({ ...fields, id, independent_sources: agg.independent_sources, source_count: agg.source_count, search_text: agg.search_text });
      for (const r of a.records) newLinks.push({ record_id: r, event_id: id });
      const snapshot = {
        id, ...fields, status: 'draft', disputed: false, independent_sources: agg.independent_sources, source_count: agg.source_count,
        locked_fields: [], merged_into: null, retired_at: null, version: 1, records: [...a.records].sort((x, y) => x - y), note: { rerun: true },
      };
      audits.push({ actor, action: 'resolve.create', entity: 'event', entity_id: String(id), before: null, after: JSON.stringify(snapshot) });
    }
    await insertEventsWithIds(trx, rows);
    await relinkRecords(trx, newLinks);
    await appendAuditMany(trx, audits);
    const createdEvents = new Set(ids);
    summary.created = ids.length;
    const byCluster = new Map<number, number[]>([...acc].map(([c, a]) => [c, a.records]));
    const links: { record_id: number; event_id: number }[] = [];
    const touched = new Set<number>();
    const destinations = new Map<number, Set<number>>();
    for (let i = 0; i < freeIds.length; i++) {
      const target = eventOfCluster.get(freeCluster[i]!)!;
      const old = freeOld[i]!;
      if (old !== 0) {
        let d = destinations.get(old);
        if (!d) destinations.set(old, (d = new Set()));
        d.add(target);
      }
      if (target === old || createdEvents.has(target)) continue;
      links.push({ record_id: freeIds[i]!, event_id: target });
      touched.add(target);
      if (old) touched.add(old);
    }
    await relinkRecords(trx, links);
    summary.relinked = links.length + [...byCluster.values()].reduce((n, l) => n + l.length, 0);
    // An old event whose records all went to one other event is folded into it, visibly.
    for (const [old, dests] of destinations) {
      if (claimed.has(old) || dests.size !== 1) continue;
      const into = [...dests][0]!;
      if (into === old) continue;
      await changeEvent(trx, old, actor, 'resolve.merge', () => ({ merged_into: into }), { note: { into } });
      touched.delete(old);
      summary.merged++;
    }
    for (const id of [...touched].sort((a, b) => a - b)) await refreshEvent(trx, id, actor);
  });
  await analyzeResolutionTables(db);
  summary.events = new Set(eventOfCluster.values()).size;
  return summary;
}
