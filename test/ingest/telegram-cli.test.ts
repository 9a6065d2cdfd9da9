import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/letopis.js');
const ONE = join(import.meta.dirname, 'fixtures', 'telegram', 'one-channel.json');
const built = existsSync(join(ROOT, 'dist/cli/main.js')) && existsSync(join(ROOT, 'dist/ingest/extract-worker.js'));
if (!built) console.log('[telegram cli] dist/ is missing (run `npm run build`): the CLI ingest tests are skipped');

/** `letopis ingest ARGS`, spawned for real: exit code and stderr (where the summary goes). */
function ingest(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync('node', [BIN, 'ingest', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stderr: r.stderr };
}

describe.skipIf(!built)('letopis ingest of a Telegram export (real binary)', () => {
  it('stores every post with extraction in worker threads, and nothing new the second time', () => {
    const data = mkdtempSync(join(tmpdir(), 'letopis-tg-cli-'));
    const args = ['--data', data, '--batch-size', '3', '--workers', '2', '--channel-username', 'testchan', ONE];
    const first = ingest(...args);
    expect(first.stderr).toMatch(/documents: 7 new, 0 updated, 0 unchanged, 0 failed/);
    expect(first.code).toBe(0);
    expect(ingest(...args).stderr).toMatch(/documents: 0 new, 0 updated, 7 unchanged, 0 failed/);
  }, 600_000);

  it('names the byte offset of a truncated export, keeps what came before, and exits 65', () => {
    const dir = mkdtempSync(join(tmpdir(), 'letopis-tg-cli-'));
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, readFileSync(ONE).subarray(0, 3000));
    const r = ingest('--data', join(dir, 'db'), cut);
    expect(r.stderr).toMatch(/cut\.json \(byte \d+\): the file ends at byte 3000/);
    expect(r.stderr).toMatch(/documents: 2 new/);
    expect(r.code).toBe(65);
  }, 600_000);
});
