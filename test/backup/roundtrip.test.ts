import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { backupToFile, restoreFromFile } from '../../src/report/backup.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedForBackup } from './helpers.js';

// PGlite opens and whole-database dumps: allow for a loaded machine.
const SLOW = 240_000;
const dir = mkdtempSync(join(tmpdir(), 'letopis-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const counts = async (s: Store): Promise<Record<string, number>> => {
  const r = await sql<Record<string, number>>`SELECT (SELECT count(*)::int FROM documents) AS documents, (SELECT count(*)::int FROM records) AS records,
    (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM event_records) AS links, (SELECT count(*)::int FROM audit_log) AS audit,
    (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM sessions) AS sessions`.execute(s.db);
  return r.rows[0]!;
};

// One PGlite open at a time (each holds ~0.4 GB): the source is closed before the target opens.
describe('backup and restore on PGlite', () => {
  const f1 = join(dir, 'one.jsonl');
  const fSecrets = join(dir, 'secrets.jsonl');
  const fGz = join(dir, 'one.jsonl.gz');
  let before: Record<string, number>;

  it('dumps a seeded database without secrets or sessions', async () => {
    const a = await openStore({ memory: true });
    try {
      await seedForBackup(a);
      before = await counts(a);
      const dumped = await backupToFile(a, f1);
      await backupToFile(a, fSecrets, { withSecrets: true });
      await backupToFile(a, fGz);
      expect(dumped.events).toBe(before.events);
      expect(dumped.audit_log).toBe(before.audit);
      expect(dumped.sessions).toBeUndefined();
    } finally {
      await a.close();
    }
    expect(statSync(f1).mode & 0o777).toBe(0o600);
    const text = readFileSync(f1, 'utf8');
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ letopis_backup: 1, secrets: false });
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ end: true });
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('scrypt$fake');
    expect(text).not.toContain('session-token-hash-secret');
    expect(text).toContain('2022-09-21T07:11:12.345678Z');
    const secrets = readFileSync(fSecrets, 'utf8');
    expect(secrets).toContain('scrypt$fake$hash-one');
    expect(secrets).not.toContain('session-token-hash-secret');
    expect(gunzipSync(readFileSync(fGz)).toString('utf8')).toBe(text);
  }, SLOW);

  it('restores into an empty database, and dumping it again gives the same bytes', async () => {
    const b = await openStore({ memory: true });
    try {
      const res = await restoreFromFile(b, f1);
      expect(res.inserted.events).toBe(before.events);
      const after = await counts(b);
      expect(after).toEqual({ ...before, sessions: 0 });
      const f2 = join(dir, 'two.jsonl');
      await backupToFile(b, f2);
      expect(readFileSync(f2, 'utf8')).toBe(readFileSync(f1, 'utf8'));

      // Ids kept, sequences moved past them: a new row takes the next id.
      const maxId = (await sql<{ m: number }>`SELECT max(id)::int AS m FROM events`.execute(b.db)).rows[0]!.m;
      const ins = await sql<{ id: number }>`INSERT INTO events (kind, type) VALUES ('incident', 'protest') RETURNING id`.execute(b.db);
      expect(ins.rows[0]!.id).toBe(maxId + 1);
      // Users restored without secrets get a hash no password matches: an admin sets new ones.
      const users = await b.db.selectFrom('users').select(['name', 'password_hash']).orderBy('id').execute();
      expect(users.map((u) => u.password_hash)).toEqual(['!', '!']);
      // The audit log is still append-only after a restore.
      await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(b.db)).rejects.toThrow(/append-only/);

      // Not empty now: refused without --merge, and nothing changes.
      await expect(restoreFromFile(b, f1)).rejects.toThrow(/not empty/);
      // --merge skips every row already there, and says so.
      const merged = await restoreFromFile(b, fGz, { merge: true });
      expect(merged.inserted.events).toBe(0);
      expect(merged.skipped.events).toBe(before.events);
      expect(merged.skipped.audit_log).toBe(before.audit);

      // A cut-short file is refused whole: nothing from it stays.
      const lines = readFileSync(fSecrets, 'utf8').trim().split('\n');
      const cut = join(dir, 'cut.jsonl');
      writeFileSync(cut, lines.slice(0, -1).join('\n') + '\n');
      const beforeCut = await counts(b);
      await expect(restoreFromFile(b, cut, { merge: true })).rejects.toThrow(/truncated/);
      expect(await counts(b)).toEqual(beforeCut);

      const gz = readFileSync(fGz);
      const cutGz = join(dir, 'cut.jsonl.gz');
      writeFileSync(cutGz, gz.subarray(0, Math.floor(gz.length / 2)));
      await expect(restoreFromFile(b, cutGz, { merge: true })).rejects.toThrow(/damaged or cut short|truncated/);
      expect(await counts(b)).toEqual(beforeCut);

      const notBackup = join(dir, 'junk.txt');
      writeFileSync(notBackup, 'hello\n');
      await expect(restoreFromFile(b, notBackup, { merge: true })).rejects.toThrow(/not JSON/);
    } finally {
      await b.close();
    }
  }, SLOW);

  it('restores secrets when the backup has them', async () => {
    const c = await openStore({ memory: true });
    try {
      await restoreFromFile(c, fSecrets);
      const users = await c.db.selectFrom('users').select('password_hash').orderBy('id').execute();
      expect(users.map((u) => u.password_hash)).toEqual(['scrypt$fake$hash-one', 'scrypt$fake$hash-two']);
      const again = join(dir, 'secrets-again.jsonl');
      await backupToFile(c, again, { withSecrets: true });
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(fSecrets, 'utf8'));
    } finally {
      await c.close();
    }
  }, SLOW);
});
