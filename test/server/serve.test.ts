/** `letopis serve` and `letopis user` through the real binary: the accounts rule, login, ingest through the server. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letopis, start } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'letopis-serve-'));
// Each command opens an embedded database (seconds each on a busy machine).
const SLOW = 240_000;

describe('letopis serve', () => {
  it('refuses a non-loopback address without accounts, saying how to create one; then serves with login', async () => {
    const data = tmp();
    const refused = await letopis(['serve', '--host', '0.0.0.0', '--port', '0', '--data', data]);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toMatch(/needs at least one editor account/);
    expect(refused.stderr).toMatch(/letopis user add NAME/);

    const short = await letopis(['user', 'add', 'vera', '--data', data], { input: 'short\n' });
    expect(short.code).toBe(64);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const added = await letopis(['user', 'add', 'vera', '--data', data], { input: 'a perfectly fine passphrase\n' });
    expect(added.code).toBe(0);
    expect((await letopis(['user', 'list', '--data', data])).stdout).toMatch(/^vera\teditor\tactive/m);

    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child } = await start(['serve', '--port', port, '--data', data], /\(editors log in\)/);
    try {
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/api/review/queue`)).status).toBe(401);
      const login = await fetch(`${base}/api/login`, { method: 'POST', body: JSON.stringify({ name: 'vera', password: 'a perfectly fine passphrase' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${base}/api/review/queue`, { headers: { cookie } })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, SLOW);

  it('lets `letopis ingest --server` add documents with the token serve leaves in the data folder', async () => {
    const data = tmp();
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { child } = await start(['serve', '--port', port, '--data', data], /local mode/);
    try {
      const doc = join(tmp(), 'note.txt');
      writeFileSync(doc, 'On 3 October 2022 police in Tomsk detained two people holding blank sheets of paper.\n');
      const res = await letopis(['ingest', '--server', `http://127.0.0.1:${port}`, '--data', data, '--quiet', doc]);
      expect(res.stderr).toMatch(/1 new/);
      expect(res.code).toBe(0);
      const noToken = await letopis(['ingest', '--server', `http://127.0.0.1:${port}`, '--data', tmp(), '--quiet', doc]);
      expect(noToken.code).not.toBe(0);
      expect(noToken.stderr).toMatch(/refused the documents \(40[13]\)/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, SLOW);
});
