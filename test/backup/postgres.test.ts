/**
 * Backup and restore on the PostgreSQL server, each test database in its own schema, dropped
 * afterwards. Skips (and says so) when no server answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backupToFile, restoreFromFile } from '../../src/report/backup.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedForBackup } from './helpers.js';

// PGlite opens and whole-database dumps: allow for a loaded machine.
const SLOW = 240_000;
const URL = process.env.LETOPIS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const up = await reachable();
if (!up) console.log(`skipped: no PostgreSQL at ${URL}`);

const dir = mkdtempSync(join(tmpdir(), 'letopis-pg-backup-'));
const schemas = [`letopis_bk_${process.pid}_a`, `letopis_bk_${process.pid}_b`];

async function dropSchemas(): Promise<void> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  try {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (up) await dropSchemas();
});

async function withStore<T>(opts: Parameters<typeof openStore>[0], fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(opts);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe.skipIf(!up)('backup and restore on PostgreSQL', () => {
  it('round-trips server to server and server to PGlite byte for byte', async () => {
    const f1 = join(dir, 'a.jsonl');
    const f2 = join(dir, 'b.jsonl');
    const f3 = join(dir, 'c.jsonl');
    await withStore({ url: URL, schema: schemas[0] }, async (a) => {
      await seedForBackup(a);
      await backupToFile(a, f1);
    });
    await withStore({ url: URL, schema: schemas[1] }, async (b) => {
      await restoreFromFile(b, f1);
      await backupToFile(b, f2);
      await expect(restoreFromFile(b, f1)).rejects.toThrow(/not empty/);
      const next = await b.db.insertInto('audit_log').values({ actor: 't', action: 'a', entity: 'system', entity_id: null }).returning('id').executeTakeFirstOrThrow();
      const max = await b.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).where('id', '<>', next.id).executeTakeFirstOrThrow();
      expect(next.id).toBe(Number(max.m) + 1);
    });
    expect(readFileSync(f2, 'utf8')).toBe(readFileSync(f1, 'utf8'));
    await withStore({ memory: true }, async (c) => {
      await restoreFromFile(c, f1);
      await backupToFile(c, f3);
    });
    expect(readFileSync(f3, 'utf8')).toBe(readFileSync(f1, 'utf8'));
  }, SLOW);
});
