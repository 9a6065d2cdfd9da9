/** Pairwise precision and recall of resolution on the dev corpora plus our own reports (goals: P >= 0.95, R >= 0.85). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARED, evaluateResolution, readPairs } from '../../src/resolve/eval.js';
import { pkgPath } from '../../src/paths.js';

const corpora = join(DEFAULT_SHARED, 'eval');
const present = existsSync(join(corpora, 'dev')) && existsSync(join(corpora, 'dev-ru'));
if (!present) console.log(`skipped: no dev corpora at ${corpora}`);

describe('labelled pairs file', () => {
  it('parses and names each pair once', () => {
    const { same, different } = readPairs(pkgPath('test/resolve/pairs.tsv'));
    expect(same.size).toBeGreaterThanOrEqual(30);
    for (const [a, b] of different) expect(same.has(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)).toBe(false);
  });
});

describe.skipIf(!present)('resolution on the dev corpora', () => {
  it('reaches the precision and recall goals, incrementally and on a full re-run, and links the copies', async () => {
    const r = await evaluateResolution();
    console.log(`incremental P=${r.incremental.precision.toFixed(3)} R=${r.incremental.recall.toFixed(3)}; re-run P=${r.rerun.precision.toFixed(3)} R=${r.rerun.recall.toFixed(3)}`);
    for (const s of [r.incremental, r.rerun]) {
      expect(s.precision).toBeGreaterThanOrEqual(0.95);
      expect(s.recall).toBeGreaterThanOrEqual(0.85);
    }
    expect(r.copies.found).toBe(r.copies.expected);
    expect(r.copies.wrong).toEqual([]);
  }, 120_000);
});
