import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SCORER = join(ROOT, '../shared/eval/score.mjs');
const DEV_RU = join(ROOT, '../shared/eval/dev-ru');
const BIN = join(ROOT, 'dist/cli/main.js');
const present = existsSync(SCORER) && existsSync(DEV_RU);
if (!present) console.log('[extract ru dev-eval] ../shared/eval/dev-ru is absent: Russian/Ukrainian dev evaluation skipped');

// The goal is strict F1 >= 0.75; the floor sits there so that a regression fails CI.
const FLOOR = 0.75;

describe.skipIf(!present || !existsSync(BIN))('Russian/Ukrainian dev evaluation (needs `npm run build`)', () => {
  it('keeps strict F1 at or above the goal', () => {
    const out = execFileSync('node', [SCORER, '--corpus', DEV_RU, '--json', '--cmd', `node ${JSON.stringify(join(ROOT, 'bin/letopis.js'))} extract --published {published} --format jsonl {doc}`],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
    const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { total: { strict_f1: number } };
    expect(json.total.strict_f1).toBeGreaterThanOrEqual(FLOOR);
  }, 900_000); // 20 CLI runs; slow when the machine is busy
});
