/** export, backup, restore and report through the real binary (dist/: `npm test` builds first). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { letopis } from '../helpers/cli.js';
import { seedAll } from './seed.js';

const built = existsSync(new URL('../../dist/cli/commands/export.js', import.meta.url));
if (!built) console.log('skipped: dist/ is not built (run npm run build)');

const dir = mkdtempSync(join(tmpdir(), 'letopis-cli-export-'));
const data = join(dir, 'a');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test spawns the binary several times (each opens PGlite): allow for a loaded machine.
const SLOW = 240_000;

describe.skipIf(!built)('export, backup, restore, report commands', () => {
  beforeAll(async () => {
    const store = await openStore({ dataDir: data, command: 'test' });
    try {
      await seedAll(store);
    } finally {
      await store.close();
    }
  }, SLOW);

  it('exports CSV to a file and GeoJSON to standard output', async () => {
    const out = join(dir, 'events.csv');
    const csv = await letopis(['export', '--data', data, '--format', 'csv', '-o', out]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/exported 6 event\(s\) to/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^event_id,event_date,year,time_precision,event_type,sub_event_type,actor1,/);
    expect(lines.length).toBe(7);
    const geo = await letopis(['export', '--data', data, '--format', 'geojson', '--type', 'arson,protest']);
    expect(geo.code).toBe(0);
    expect(check(geo.stdout)).toMatchObject({ type: 'FeatureCollection' });
    const bad = await letopis(['export', '--data', data, '--format', 'xlsx']);
    expect(bad.code).toBe(64);
  }, SLOW);

  it('backs up, restores into an empty folder, and backs up the same bytes again', async () => {
    const one = join(dir, 'one.jsonl.gz');
    const two = join(dir, 'two.jsonl.gz');
    const b = join(dir, 'b');
    expect((await letopis(['backup', '--data', data, one])).code).toBe(0);
    const restored = await letopis(['restore', '--data', b, one]);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(/restored .*events 7/);
    expect((await letopis(['backup', '--data', b, two])).code).toBe(0);
    expect(readFileSync(two).equals(readFileSync(one))).toBe(true);
    const again = await letopis(['restore', '--data', b, one]);
    expect(again.code).toBe(75);
    expect(again.stderr).toMatch(/not empty.*--merge/);
    const merged = await letopis(['restore', '--merge', '--data', b, one]);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toMatch(/events 0 \(7 already present, skipped\)/);
  }, SLOW);

  it('writes an overview as Markdown with its chart beside it, and as HTML', async () => {
    const md = join(dir, 'overview.md');
    const r = await letopis(['report', '--data', data, '--from', '2022-09-01', '--to', '2022-10-31', '--title', '1st overview', '-o', md]);
    expect(r.code).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# 1st overview/);
    expect(text).toContain('](overview-weekly.svg)');
    expect(readFileSync(join(dir, 'overview-weekly.svg'), 'utf8')).toMatch(/^<svg /);
    const html = await letopis(['report', '--data', data, '--from', '2022-09-01', '--to', '2022-10-31', '--format', 'html', '--lang', 'ru']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('Итоги по типам');
    const missing = await letopis(['report', '--data', data, '--from', '2022-09-01']);
    expect(missing.code).toBe(64);
  }, SLOW);
});
