/** Resolution: matching rules, copies, independent sources, re-extraction and full re-runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatible, features, matchScore, MATCH_THRESHOLD, MemoryResolver } from '../../src/resolve/core.js';
import { isNearDuplicate, shingles } from '../../src/resolve/copies.js';
import { resolveAll } from '../../src/resolve/index.js';
import { settlementKey } from '../../src/resolve/features.js';
import { getEvent, listEvents } from '../../src/query/events.js';
import { editEvent, reject } from '../../src/review/service.js';
import { openStore, type Store } from '../../src/store/index.js';
import { addDoc, reextract, rec } from './helpers.js';

const f = (p: Parameters<typeof rec>[0]) => features({ ...toInput(rec(p)) });
function toInput(r: ReturnType<typeof rec>) {
  return {
    kind: r.kind, type: r.type, date_start: r.date.start, date_end: r.date.end ?? null, date_precision: r.date.precision,
    country: r.place.country, region: r.place.region, settlement: r.place.settlement, counts: r.counts as Record<string, number>,
    measure: r.measure ?? null, value: r.value ?? null, actors: r.actors, target: r.target, summary: r.summary, evidence_text: r.evidence.text,
  };
}

describe('matching rules', () => {
  it('treats a month as compatible with a day inside it, and not with a day outside', () => {
    const may = f({ date: { start: '2022-05', precision: 'month' }, place: { region: 'RU-MO' } });
    expect(compatible(may, f({ date: { start: '2022-05-12', precision: 'day' }, place: { region: 'RU-MO' } }))).toBe(true);
    expect(compatible(may, f({ date: { start: '2022-06-02', precision: 'day' }, place: { region: 'RU-MO' } }))).toBe(false);
  });

  it('treats a settlement inside a region as compatible with the region, not with another region', () => {
    const town = f({ place: { region: 'RU-MO', settlement: 'Ruzayevka' } });
    expect(compatible(town, f({ place: { region: 'RU-MO' } }))).toBe(true);
    expect(compatible(town, f({ place: { region: 'RU-NIZ' } }))).toBe(false);
    expect(compatible(town, f({ place: { region: 'RU-MO', settlement: 'Saransk' } }))).toBe(false);
  });

  it('folds spelling variants of a settlement', () => {
    expect(settlementKey('Ruzayevka')).toBe(settlementKey('Ruzaevka'));
    expect(settlementKey('Рузаевка')).toBe(settlementKey('Ruzaevka'));
    expect(settlementKey('Saint Petersburg')).toBe(settlementKey('St. Petersburg'));
    expect(settlementKey('Moscow')).not.toBe(settlementKey('Kursk'));
  });

  it('matches the same arson reported in two languages, not an arson in the next region the same day', () => {
    const ru = f({ place: { region: 'RU-MO', settlement: 'Рузаевка' }, summary: 'В военкомат бросили бутылки с зажигательной смесью' });
    const en = f({ place: { region: 'RU-MO', settlement: 'Ruzayevka' }, summary: 'Two Molotov cocktails were thrown at the enlistment office' });
    expect(matchScore(ru, en)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(matchScore(ru, f({ place: { region: 'RU-PNZ', settlement: 'Penza' } }))).toBe(-Infinity);
  });

  it('keeps apart detentions with very different counts on the same day', () => {
    const a = f({ type: 'detention', counts: { detained: 1311 }, summary: 'at least 1311 detained in 38 cities', evidence: { start: 0, end: 1, text: '' } });
    const b = f({ type: 'detention', counts: { detained: 40 }, summary: 'forty people detained at the rally', evidence: { start: 0, end: 1, text: '' } });
    expect(matchScore(a, b)).toBeLessThan(MATCH_THRESHOLD);
    expect(matchScore(a, f({ type: 'detention', counts: { detained: 1300 }, summary: 'more than 1300 people held', evidence: { start: 0, end: 1, text: '' } }))).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('makes tally claims with other values separate points, the same claim one', () => {
    const t = (value: number, end: string) => f({ kind: 'tally', type: 'detention', measure: 'detained', value, date: { start: '2022-02-24', end, precision: 'range' } });
    expect(matchScore(t(15000, '2022-03-13'), t(15000, '2022-03-15'))).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(compatible(t(15000, '2022-03-13'), t(13297, '2022-03-07'))).toBe(false);
    expect(compatible(t(15000, '2022-03-13'), t(15000, '2022-05-13'))).toBe(false);
  });

  it('clusters in memory through buckets, never comparing across weeks', () => {
    const r = new MemoryResolver();
    const a = r.add(f({ place: { region: 'RU-MO', settlement: 'Ruzayevka' } }));
    const b = r.add(f({ place: { region: 'RU-MO', settlement: 'Ruzaevka' } }));
    const c = r.add(f({ date: { start: '2022-12-01', precision: 'day' }, place: { region: 'RU-MO', settlement: 'Ruzaevka' } }));
    expect(b.cluster).toBe(a.cluster);
    expect(c.cluster).not.toBe(a.cluster);
    expect(r.clusterCount).toBe(2);
  });
});

describe('near-duplicate documents', () => {
  const base = 'Late on Saturday night someone threw two bottles of fuel through a window of the district enlistment office in the town, the fire was put out quickly and nobody was hurt, local media said.';
  it('links a lightly edited copy and not a different report', () => {
    const copy = base.replace('Late on Saturday night', 'On Saturday night').replace('local media said', 'according to local media');
    expect(isNearDuplicate(shingles(base), shingles(copy))).toBe(true);
    expect(isNearDuplicate(shingles(base), shingles('Police detained more than a hundred people at a rally against mobilisation in the city centre on Sunday afternoon, human rights monitors reported.'))).toBe(false);
  });
});

describe('resolution in the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store.close();
  });

  const ruzaevka = (p: Parameters<typeof rec>[0] = {}) => rec({ place: { region: 'RU-MO', settlement: 'Ruzayevka' }, target: 'enlistment_office', ...p });
  const story = 'Overnight two bottles with an incendiary mixture were thrown into the military enlistment office of Ruzaevka in Mordovia; a window frame burned and the fire was out within minutes, the regional emergency service said.';

  it('shows one event with every source, counting copies and forwards once', async () => {
    await addDoc(store, { ref: 'tg:1/57', kind: 'telegram', sourceName: 'Local channel', text: `Рузаевка: ночью в военкомат бросили две бутылки с горючей смесью, загорелась рама окна.` }, [ruzaevka({ summary: 'В военкомат в Рузаевке бросили бутылки с зажигательной смесью' })]);
    await addDoc(store, { ref: 'mz', sourceName: 'Mediazona', url: 'https://zona.media/news/1', text: 'Mediazona: an arson attempt at the Ruzaevka enlistment office, no injuries reported by officials.' }, [ruzaevka({ summary: 'Arson attempt at the Ruzaevka enlistment office' })]);
    await addDoc(store, { ref: 'foreign-1', sourceName: 'Foreign One', url: 'https://one.example/a', published: '2022-09-26', text: story }, [ruzaevka({ summary: 'Enlistment office in Ruzaevka firebombed' })]);
    await addDoc(store, { ref: 'foreign-2', sourceName: 'Foreign Two', url: 'https://two.example/b', published: '2022-09-27', text: `${story} More to follow.` }, [ruzaevka({ summary: 'Ruzaevka office firebombed' })]);
    await addDoc(store, { ref: 'tg:2/9', kind: 'telegram', sourceName: 'Aggregator', forwardedFrom: 'Local channel', text: 'Переслано: ночью в Рузаевке загорелся военкомат после броска двух бутылок, рама окна обгорела, пострадавших нет.' }, [ruzaevka({ summary: 'Поджог военкомата в Рузаевке' })]);
    const events = await listEvents(store, { status: ['draft'] });
    const arson = events.filter((e) => e.type === 'arson');
    expect(arson).toHaveLength(1);
    const ev = arson[0]!;
    expect(ev.sources).toHaveLength(5);
    expect(ev.source_count).toBe(5);
    // Local channel (and its forward), Mediazona, the foreign original (its copy does not count).
    expect(ev.independent_sources).toBe(3);
    const docs = await store.db.selectFrom('documents').select(['source_ref', 'copy_of']).execute();
    const copy = docs.find((d) => d.source_ref === 'foreign-2')!;
    expect(copy.copy_of).toBe((await store.db.selectFrom('documents').select('id').where('source_ref', '=', 'foreign-1').executeTakeFirstOrThrow()).id);
  });

  it('takes the best certainty of its sources and the most precise date and place', async () => {
    await addDoc(store, { ref: 'c1', text: 'claimed text one about a railway relay box' }, [rec({ type: 'sabotage', certainty: 'claimed', date: { start: '2022-03', precision: 'month' }, place: { country: 'BY', region: 'BY-HO' } })]);
    await addDoc(store, { ref: 'c2', text: 'reported text two about a railway relay box' }, [rec({ type: 'sabotage', certainty: 'reported', date: { start: '2022-03-01', precision: 'day' }, place: { country: 'BY', region: 'BY-HO', settlement: 'Svetlogorsk' } })]);
    const [ev] = (await listEvents(store, { status: ['draft'], type: ['sabotage'] }));
    expect(ev!.sources).toHaveLength(2);
    expect(ev!.certainty).toBe('reported');
    expect(ev!.date).toMatchObject({ start: '2022-03-01', precision: 'day' });
    expect(ev!.place.settlement).toBe('Svetlogorsk');
  });

  it('keeps an editor correction and a rejection through re-extraction', async () => {
    const { doc } = await addDoc(store, { ref: 'edit-me', text: 'A post about a protest in Kherson and a self-immolation in Ryazan.' }, [
      rec({ type: 'protest', date: { start: '2022-03-21', precision: 'day' }, place: { country: 'UA', region: 'UA-65', settlement: 'Kherson' }, summary: 'rally' }),
      rec({ type: 'self_harm', place: { region: 'RU-RYA', settlement: 'Ryazan' }, summary: 'self-immolation' }),
    ]);
    const before = await listEvents(store, { status: ['draft'], type: ['protest', 'self_harm'] });
    const protest = before.find((e) => e.type === 'protest')!;
    const selfHarm = before.find((e) => e.type === 'self_harm')!;
    await editEvent(store, protest.id, { summary: 'Rally in Kherson dispersed with stun grenades', date: { start: '2022-03-21', precision: 'day' } }, 'editor-a');
    await reject(store, selfHarm.id, 'editor-a', 'not verified');
    // A lexicon change: the extractor now reads another date and summary for both.
    await reextract(store, doc.id, [
      rec({ type: 'protest', date: { start: '2022-03', precision: 'month' }, place: { country: 'UA', region: 'UA-65', settlement: 'Kherson' }, summary: 'protest' }),
      rec({ type: 'self_harm', place: { region: 'RU-RYA', settlement: 'Ryazan' }, summary: 'man set himself on fire' }),
    ], 'test-2');
    const p = await getEvent(store, protest.id);
    expect(p.summary).toBe('Rally in Kherson dispersed with stun grenades');
    expect(p.date).toMatchObject({ start: '2022-03-21', precision: 'day' });
    expect(p.sources).toHaveLength(1);
    const s = await getEvent(store, selfHarm.id);
    expect(s.status).toBe('rejected');
    expect(s.sources).toHaveLength(1);
    const visible = await listEvents(store, { status: ['draft', 'published'], type: ['self_harm'] });
    expect(visible).toHaveLength(0);
  });

  it('retires an event whose claim disappears from an edited document, and revives it when it returns', async () => {
    const { doc } = await addDoc(store, { ref: 'vanish', text: 'A one-off post about a leaflet campaign in Tomsk.' }, [rec({ type: 'symbolic', place: { region: 'RU-TOM', settlement: 'Tomsk' } })]);
    const [ev] = await listEvents(store, { status: ['draft'], type: ['symbolic'] });
    await reextract(store, doc.id, [], 'test-2');
    expect(await listEvents(store, { status: ['draft'], type: ['symbolic'] })).toHaveLength(0);
    expect((await getEvent(store, ev!.id)).source_count).toBe(0);
    await reextract(store, doc.id, [rec({ type: 'symbolic', place: { region: 'RU-TOM', settlement: 'Tomsk' } })], 'test-3');
    const again = await listEvents(store, { status: ['draft'], type: ['symbolic'] });
    expect(again.map((e) => e.id)).toEqual([ev!.id]);
  });

  it('re-runs resolution over everything without undoing editors or duplicating events', async () => {
    const before = await store.db.selectFrom('events').select(['id', 'status', 'summary', 'merged_into']).orderBy('id').execute();
    const s1 = await resolveAll(store);
    expect(s1.records).toBeGreaterThan(0);
    const s2 = await resolveAll(store);
    expect(s2.relinked).toBe(0);
    expect(s2.created).toBe(0);
    const after = await store.db.selectFrom('events').select(['id', 'status', 'summary', 'merged_into']).orderBy('id').execute();
    expect(after.filter((e) => e.status !== 'draft')).toEqual(before.filter((e) => e.status !== 'draft'));
    const arson = (await listEvents(store, { status: ['draft'], type: ['arson'] }));
    expect(arson).toHaveLength(1);
    expect(arson[0]!.independent_sources).toBe(3);
  });

  it('resolves records stored without events in bulk, with sources counted and the creation audited', async () => {
    const { insertDocument, insertRecords } = await import('../../src/store/index.js');
    const { history, stateAt } = await import('../../src/review/service.js');
    const bulk = rec({ type: 'refusal', date: { start: '2022-11-01', precision: 'day' }, place: { region: 'RU-ULY', settlement: 'Ulyanovsk' }, counts: { soldiers: 100 } });
    const story = 'More than a hundred men mobilised from Chuvashia refused to go to the front from a training ground near Ulyanovsk, saying they had not been paid what was promised.';
    const texts = { 'bulk-1': `Channel A: ${story}`, 'bulk-2': 'Ulyanovsk: a group of mobilised men from Chuvashia is refusing to fight over unpaid wages, relatives say.', 'bulk-3': `Reposted. ${story}` };
    for (const [ref, name] of [['bulk-1', 'Channel A'], ['bulk-2', 'Channel B'], ['bulk-3', 'Channel C']] as const) {
      const d = await insertDocument(store.db, { source_kind: 'file', source_name: name, source_ref: ref, text: texts[ref], sha256: `sha-${ref}`, published_at: ref === 'bulk-3' ? '2022-11-03' : '2022-11-02' });
      await insertRecords(store.db, d.id, [bulk], 'bulk');
    }
    const s = await resolveAll(store);
    expect(s.created).toBe(1);
    const [ev] = await listEvents(store, { status: ['draft'], type: ['refusal'] });
    expect(ev!.sources).toHaveLength(3);
    // Channel C reposted Channel A's text: a copy, not a third independent source.
    expect(ev!.independent_sources).toBe(2);
    expect(ev!.sources.find((x) => x.ref === 'bulk-3')?.copy_of).toBe(ev!.sources.find((x) => x.ref === 'bulk-1')?.document_id);
    expect(ev!.counts).toEqual({ soldiers: 100 });
    const h = await history(store, ev!.id);
    expect(h.map((x) => x.action)).toEqual(['resolve.create']);
    const past = await stateAt(store, ev!.id, new Date());
    expect(past?.independent_sources).toBe(2);
    expect(past?.sources.map((x) => x.document_id)).toEqual(ev!.sources.map((x) => x.document_id));
  });
});
