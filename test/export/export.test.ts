import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportEvents, type ExportOptions } from '../../src/report/export.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedAll } from './seed.js';

/** A sink that keeps what is written and says it is full now and then, to exercise backpressure. */
class Sink extends Writable {
  text = '';
  constructor() {
    super({ highWaterMark: 64 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    setImmediate(cb);
  }
}

/** RFC 4180 reader, enough to check what we write. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

let store: Store;
beforeAll(async () => {
  store = await openStore({ memory: true });
  await seedAll(store);
});
afterAll(async () => {
  await store.close();
});

async function run(opts: Partial<ExportOptions> & Pick<ExportOptions, 'format'>): Promise<{ text: string; events: number; unlocated: number }> {
  const sink = new Sink();
  const res = await exportEvents(store, sink, { filter: {}, pageSize: 2, ...opts });
  sink.end();
  await finished(sink);
  return { text: sink.text, ...res };
}

describe('CSV export', () => {
  it('writes one row per published event with ACLED columns first', async () => {
    const { text, events } = await run({ format: 'csv' });
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows[0]!.slice(0, 6)).toEqual(['event_id', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type']);
    expect(events).toBe(6); // the draft is left out; pages of 2 must not lose or repeat any
    expect(rows.length).toBe(7);
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(new Set(ids).size).toBe(6);
    for (const r of rows) expect(r.length).toBe(EXPORT_COLUMNS.length);
  });

  it('maps fields the way ACLED readers expect', async () => {
    const rows = parseCsv((await run({ format: 'csv' })).text);
    const col = (name: string): number => rows[0]!.indexOf(name);
    const arson = rows.find((r) => r[col('type')] === 'arson' && r[col('kind')] === 'incident')!;
    expect(arson[col('event_date')]).toBe('2022-09-25');
    expect(arson[col('year')]).toBe('2022');
    expect(arson[col('time_precision')]).toBe('1');
    expect(arson[col('country')]).toBe('Russia');
    expect(arson[col('location')]).toBe('Ruzaevka');
    expect(arson[col('latitude')]).toBe('54.06');
    expect(arson[col('geo_precision')]).toBe('1');
    expect(arson[col('independent_sources')]).toBe('2');
    expect(arson[col('source_urls')]).toContain('https://t.me/example_channel/101');
    const monthly = rows.find((r) => r[col('type')] === 'prosecution')!;
    expect(monthly[col('event_date')]).toBe('2022-10-01');
    expect(monthly[col('time_precision')]).toBe('3');
    expect(monthly[col('geo_precision')]).toBe('3');
    const protest = rows.find((r) => r[col('type')] === 'protest' && r[col('event_date')] === '2022-09-21')!;
    expect(protest[col('n_detained')]).toBe('40');
    expect(protest[col('event_type')]).toBe('Protests');
  });

  it('replaces private names by initials, keeps public figures, neutralises formulas, hides local paths', async () => {
    const { text } = await run({ format: 'csv' });
    expect(text).not.toContain('Ivan Petrov');
    expect(text).toContain('I. P. was detained');
    expect(text).not.toContain('Мария Сергеевна Иванова');
    expect(text).toContain('М. С. И.');
    expect(text).toContain('announced by Putin');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")`);
    expect(text).not.toContain('/home/editor');
    expect(text).toContain('file:notes-oct.txt');
  });

  it('keeps names with names: true', async () => {
    const { text } = await run({ format: 'csv', names: true });
    expect(text).toContain('Ivan Petrov was detained');
  });

  it('filters like the events list', async () => {
    const { events } = await run({ format: 'csv', filter: { type: ['arson'], from: '2022-09-01', to: '2022-09-30' } });
    expect(events).toBe(2); // the incident and the tally whose period overlaps September
    const drafts = await run({ format: 'csv', filter: { status: ['draft'] } });
    expect(drafts.events).toBe(1);
  });
});

describe('GeoJSON export', () => {
  it('is a valid FeatureCollection with every event, unlocated ones with a null geometry', async () => {
    const { text, events, unlocated } = await run({ format: 'geojson' });
    const fc = check(text) as unknown as { type: string; features: { geometry: { coordinates: number[] } | null; properties: Record<string, unknown> }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(events);
    expect(fc.features.filter((f) => f.geometry === null).length).toBe(unlocated);
    expect(unlocated).toBe(3);
    const ruz = fc.features.find((f) => f.properties.location === 'Ruzaevka')!;
    expect(ruz.geometry!.coordinates).toEqual([44.95, 54.06]); // longitude first
    expect(JSON.stringify(fc)).not.toContain('Ivan Petrov');
  });

  it('is valid when nothing matches', async () => {
    const { text, events } = await run({ format: 'geojson', filter: { type: ['mutiny'] } });
    expect(events).toBe(0);
    expect(check(text)).toMatchObject({ type: 'FeatureCollection', features: [] });
  });
});

describe('JSON Lines export', () => {
  it('writes every event with its sources and evidence', async () => {
    const { text } = await run({ format: 'jsonl' });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { id: number; sources: { evidence: { text: string } }[]; summary: string });
    expect(lines.length).toBe(6);
    const arson = lines.find((l) => l.summary.includes('Ruzaevka'))!;
    expect(arson.sources.length).toBe(2);
    expect(arson.summary).toContain('I. P.');
  });

  it('stops with EPIPE, instead of waiting forever, when the reader goes away', async () => {
    const gone = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        setImmediate(() => {
          this.destroy();
          cb();
        });
      },
    });
    gone.on('error', () => undefined);
    await expect(exportEvents(store, gone, { format: 'csv', filter: {}, pageSize: 1 })).rejects.toMatchObject({ code: 'EPIPE' });
  });

  it('refuses an unknown format', async () => {
    await expect(run({ format: 'xlsx' as 'csv' })).rejects.toThrow(/not csv, geojson or jsonl/);
  });
});
