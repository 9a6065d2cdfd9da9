/** The CLI through its real binary: help, exit codes, ingest idempotence, bad input, the folder lock, kill -9. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { letopis, start } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'letopis-cli-'));
const SAMPLE = new URL('../../sample', import.meta.url).pathname;

describe('letopis CLI', { timeout: 180_000 }, () => {
  it('prints help for the program and each command, and refuses unknown ones', async () => {
    const main = await letopis(['--help']);
    expect(main.code).toBe(0);
    for (const c of ['ingest', 'extract', 'events', 'serve', 'db']) expect(main.stdout).toContain(`  ${c}`);
    const sub = await letopis(['ingest', '--help']);
    expect(sub.stdout).toMatch(/Usage: letopis ingest/);
    expect(sub.stdout).toMatch(/Examples:/);
    const bad = await letopis(['frobnicate']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
    const badOpt = await letopis(['events', '--nope']);
    expect(badOpt.code).toBe(64);
    expect(badOpt.stderr).toMatch(/--nope/);
  });

  it('extract prints JSON Lines and reads standard input', async () => {
    const r = await letopis(['extract', '--published', '2022-09-22', '-'], { input: 'Police detained 20 protesters in Moscow on Wednesday.' });
    expect(r.code).toBe(0);
    for (const line of r.stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    const missing = await letopis(['extract', '/no/such/file.txt']);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/\/no\/such\/file\.txt: no such file/);
  });

  it('ingests the sample corpus twice with the same counts', async () => {
    const data = tmp();
    const first = await letopis(['ingest', '--data', data, SAMPLE]);
    expect(first.code).toBe(0);
    const n = Number(/(\d+) new/.exec(first.stderr)?.[1]);
    expect(n).toBeGreaterThanOrEqual(10);
    const second = await letopis(['ingest', '--data', data, SAMPLE]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`0 new, 0 updated, ${n} unchanged, 0 failed`));
    const a = await letopis(['events', '--data', data, '--format', 'jsonl']);
    const status = await letopis(['db', 'status', '--data', data]);
    expect(status.stdout).toMatch(new RegExp(`documents ${n},`));
    expect(a.code).toBe(0);
  });

  it('stores the good files, names each bad one, and exits 65', async () => {
    const data = tmp();
    const inbox = tmp();
    writeFileSync(join(inbox, 'good.md'), '---\npublished: 2022-09-26\n---\nA man set fire to the enlistment office in Ryazan on Sunday.');
    writeFileSync(join(inbox, 'cp1251.txt'), iconv.encode('Вчера в Казани задержали пятерых участников пикета против войны.', 'windows-1251'));
    writeFileSync(join(inbox, 'empty.txt'), '');
    writeFileSync(join(inbox, 'junk.txt'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    writeFileSync(join(inbox, 'huge.txt'), Buffer.alloc(3 * 1024 * 1024, 'a'));
    const r = await letopis(['ingest', '--data', data, '--max-size', '2', inbox, join(inbox, 'absent.txt')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/empty\.txt: empty file/);
    expect(r.stderr).toMatch(/junk\.txt: binary data/);
    expect(r.stderr).toMatch(/huge\.txt: file is 3\.0 MB, over the 2 MB limit/);
    expect(r.stderr).toMatch(/absent\.txt: no such file/);
    expect(r.stderr).toMatch(/documents: 2 new, 0 updated, 0 unchanged, 4 failed/);
    const store = await openStore({ dataDir: data, command: 'test' });
    try {
      const texts = (await store.db.selectFrom('documents').select(['text', 'meta']).orderBy('id').execute());
      expect(texts.map((t) => t.text)).toContain('Вчера в Казани задержали пятерых участников пикета против войны.');
      expect(texts.find((t) => t.text.startsWith('Вчера'))?.meta).toEqual({ encoding: 'windows-1251' });
    } finally {
      await store.close();
    }
  });

  it('gives a second process a clear message while serve holds the embedded database, and ingests through serve', async () => {
    const data = tmp();
    const inbox = tmp();
    writeFileSync(join(inbox, 'one.md'), '---\npublished: 2022-03-07\n---\nOn Sunday police detained 64 people at an anti-war rally in Yekaterinburg.');
    const server = await start(['serve', '--data', data, '--port', '0'], /serving .* on (http:\/\/127\.0\.0\.1:\d+)/);
    try {
      const url = server.match[1]!;
      const blocked = await letopis(['ingest', '--data', data, inbox]);
      expect(blocked.code).toBe(75);
      expect(blocked.stderr).toMatch(/in use by another letopis process .*letopis serve/);
      expect(blocked.stderr).toContain(`letopis ingest --server ${url} --data ${data}`);
      const through = await letopis(['ingest', '--server', url, '--data', data, inbox]);
      expect(through.code).toBe(0);
      expect(through.stderr).toMatch(/1 new/);
      const health = (await (await fetch(`${url}/api/health`)).json()) as { counts: { documents: number } };
      expect(health.counts.documents).toBe(1);
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
    // The lock is gone once serve stops.
    const after = await letopis(['db', 'status', '--data', data]);
    expect(after.code).toBe(0);
  });

  it('survives kill -9 in the middle of an ingest: consistent, and the re-run stores the rest once', async () => {
    const data = tmp();
    const inbox = tmp();
    mkdirSync(inbox, { recursive: true });
    const N = 300;
    for (let i = 0; i < N; i++) {
      writeFileSync(join(inbox, `r${String(i).padStart(4, '0')}.md`), `---\npublished: 2022-09-${String(1 + (i % 28)).padStart(2, '0')}\n---\nReport ${i}: police detained ${i + 2} people at a protest in Kazan on Monday.`);
    }
    expect((await letopis(['db', 'migrate', '--data', data])).code).toBe(0);
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, [BIN, 'ingest', '--data', data, '--quiet', inbox], { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '' } });
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const check = async (): Promise<{ docs: number; orphanRecords: number; orphanEvents: number }> => {
      const store = await openStore({ dataDir: data, command: 'test' });
      try {
        const r = await sql<{ docs: number; orphan_records: number; orphan_events: number }>`SELECT
          (SELECT count(*)::int FROM documents) AS docs,
          (SELECT count(*)::int FROM records r WHERE NOT EXISTS (SELECT 1 FROM event_records er WHERE er.record_id = r.id)) AS orphan_records,
          (SELECT count(*)::int FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_records er WHERE er.event_id = e.id)) AS orphan_events`.execute(store.db);
        const row = r.rows[0]!;
        return { docs: row.docs, orphanRecords: row.orphan_records, orphanEvents: row.orphan_events };
      } finally {
        await store.close();
      }
    };
    const mid = await check();
    console.log(`kill -9 test: ${mid.docs} of ${N} documents were stored before the kill`);
    expect(mid.orphanRecords).toBe(0);
    expect(mid.orphanEvents).toBe(0);

    const rerun = await letopis(['ingest', '--data', data, inbox]);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`${N - mid.docs} new, 0 updated, ${mid.docs} unchanged, 0 failed`));
    const end = await check();
    expect(end).toEqual({ docs: N, orphanRecords: 0, orphanEvents: 0 });
  });
});
