import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SCORER = join(ROOT, '../shared/eval/score.mjs');
const DEV = join(ROOT, '../shared/eval/dev');
const BIN = join(ROOT, 'dist/cli/main.js');
const present = existsSync(SCORER) && existsSync(DEV);
if (!present) console.log('[extract dev-eval] ../shared/eval is absent: dev evaluation skipped');

// Floors a little under the figures reached (strict F1 1.000, every slot 1.000; one miss among the
// 8 settlement or 14 region slots costs 0.125 or 0.07): a regression fails CI.
const FLOOR = { strict_f1: 0.95, date: 0.95, region: 0.9, settlement: 0.85, count: 0.95 };

describe.skipIf(!present || !existsSync(BIN))('English dev evaluation (needs `npm run build`)', () => {
  it('keeps strict F1 and slot accuracy above their floors', () => {
    const out = execFileSync('node', [SCORER, '--corpus', DEV, '--json', '--cmd', `node ${JSON.stringify(join(ROOT, 'bin/letopis.js'))} extract --published {published} --format jsonl {doc}`],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { total: { strict_f1: number; slot: Record<string, number | null> } };
    const t = json.total;
    expect(t.strict_f1).toBeGreaterThanOrEqual(FLOOR.strict_f1);
    for (const k of ['date', 'region', 'settlement', 'count'] as const) {
      if (t.slot[k] !== null) expect(t.slot[k], k).toBeGreaterThanOrEqual(FLOOR[k]);
    }
  });
});
