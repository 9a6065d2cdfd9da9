/** Tally series: claims about one measure over time, with attribution; latest and highest. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTallySeries } from '../../src/query/tallies.js';
import { publish } from '../../src/review/service.js';
import { listEvents } from '../../src/query/events.js';
import { openStore, type Store } from '../../src/store/index.js';
import { addDoc, rec } from './helpers.js';

const tally = (value: number, end: string, attribution: string[], start: string | null = '2022-02-24') =>
  rec({
    kind: 'tally', type: 'detention', measure: 'detained', value, qualifier: 'about', attribution,
    date: start ? { start, end, precision: 'range' } : { start: end, precision: 'day' }, place: { country: 'RU' },
  });

describe('tally series', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    await addDoc(store, { ref: 't1', text: 'one', published: '2022-03-07', sourceName: 'A' }, [tally(13297, '2022-03-07', ['OVD-Info'])]);
    await addDoc(store, { ref: 't2', text: 'two', published: '2022-03-14', sourceName: 'B' }, [tally(15000, '2022-03-13', ['human rights activists'])]);
    await addDoc(store, { ref: 't3', text: 'three', published: '2022-03-16', sourceName: 'C' }, [tally(15000, '2022-03-15', ['rights monitors'])]);
    // A later claim that gives no start joins the series since 24 February.
    await addDoc(store, { ref: 't4', text: 'four', published: '2022-04-01', sourceName: 'D' }, [tally(15100, '2022-04-01', ['OVD-Info'], null)]);
    // Another measure and period: a series of its own.
    await addDoc(store, { ref: 't5', text: 'five', published: '2022-09-26', sourceName: 'E' }, [
      rec({ kind: 'tally', type: 'arson', measure: 'facilities', value: 17, date: { start: '2022-09-21', end: '2022-09-26', precision: 'range' }, place: { country: 'RU' } }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });

  it('makes one point per claim, with the same claim from two sources counted once', async () => {
    const drafts = await listEvents(store, { status: ['draft'], kind: 'tally' });
    expect(drafts).toHaveLength(4);
    const series = await listTallySeries(store, { status: ['draft'] });
    const detained = series.find((s) => s.measure === 'detained')!;
    expect(detained.since).toBe('2022-02-24');
    expect(detained.points.map((p) => [p.date, p.value])).toEqual([
      ['2022-03-07', 13297],
      ['2022-03-13', 15000],
      ['2022-04-01', 15100],
    ]);
    expect(detained.points[1]!.independent_sources).toBe(2);
    expect(detained.points[1]!.attribution.sort()).toEqual(['human rights activists', 'rights monitors']);
    expect(detained.latest?.value).toBe(15100);
    expect(detained.highest?.value).toBe(15100);
    expect(series.find((s) => s.measure === 'facilities')?.points).toHaveLength(1);
  });

  it('shows readers only published claims by default', async () => {
    expect(await listTallySeries(store)).toEqual([]);
    const drafts = await listEvents(store, { status: ['draft'], kind: 'tally', type: ['detention'] });
    const first = drafts.find((e) => e.value === 13297)!;
    await publish(store, first.id, 'ed');
    const pub = await listTallySeries(store);
    expect(pub).toHaveLength(1);
    expect(pub[0]!.points.map((p) => p.value)).toEqual([13297]);
    expect(pub[0]!.latest?.event_id).toBe(first.id);
  });
});
