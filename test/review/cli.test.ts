/** The review commands through the real binary: output, audit trail and exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { letopis } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'letopis-review-'));
const env = { LETOPIS_DATA: join(dir, 'data'), LETOPIS_ACTOR: 'vera' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('letopis review commands', () => {
  it('publishes, edits, rejects and shows the history, with meaningful exit codes', async () => {
    const post = join(dir, 'post.md');
    writeFileSync(post, '---\npublished: 2022-09-25\nsource: Test channel\n---\nTwo Molotov cocktails were thrown into the enlistment office in Ruzaevka, Mordovia, on 25 September.\n');
    expect((await letopis(['ingest', '--quiet', post], { env })).code).toBe(0);
    const listed = await letopis(['events', '--format', 'jsonl', '--status', 'draft'], { env });
    const events = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; type: string; independent_sources: number; sources: { record_id: number; document_id: number }[] });
    const ev = events.find((e) => e.type === 'arson')!;
    expect(ev.independent_sources).toBe(1);
    expect(ev.sources[0]!.record_id).toBeGreaterThan(0);

    const pub = await letopis(['publish', String(ev.id), '99999'], { env });
    expect(pub.stdout).toContain(`#${ev.id} published`);
    expect(pub.stderr).toContain('event 99999');
    expect(pub.code).toBe(66);

    const edit = await letopis(['edit', String(ev.id), '--set', 'summary=Fire at the Ruzaevka office, then arrests', '--set', 'counts.detained=2'], { env });
    expect(edit.code).toBe(0);
    expect(edit.stdout).toContain('Fire at the Ruzaevka office, then arrests');
    expect((await letopis(['edit', String(ev.id), '--set', 'colour=red'], { env })).code).toBe(64);
    expect((await letopis(['edit', String(ev.id), '--expect-version', '1', '--set', 'target=police'], { env })).code).toBe(75);

    const rej = await letopis(['reject', String(ev.id), '--reason', 'test'], { env });
    expect(rej.stdout).toContain('rejected');
    const hist = await letopis(['history', String(ev.id), '--format', 'jsonl'], { env });
    const rows = hist.stdout.trim().split('\n').map((l) => JSON.parse(l) as { action: string; actor: string });
    expect(rows.map((r) => r.action)).toEqual(['resolve.create', 'publish', 'edit', 'reject']);
    expect(rows[1]!.actor).toBe('vera');
    expect((await letopis(['history', '99999'], { env })).code).toBe(66);
  }, 240_000);
});
