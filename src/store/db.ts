/**
 * Opening the database: embedded PGlite in a data folder by default, a PostgreSQL server when
 * DATABASE_URL is set. Both speak the same SQL through one Kysely instance; nothing above this
 * folder knows which engine runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { LetopisError } from '../errors.js';
import { pkgPath } from '../paths.js';
import { acquireLock, type HeldLock } from './lock.js';
import type { DB } from './schema.js';

export interface StoreOptions {
  /** PostgreSQL connection string; default: the DATABASE_URL environment variable. */
  url?: string | null;
  /** PGlite data folder; default: LETOPIS_DATA or ./data. Ignored when a URL is given. */
  dataDir?: string;
  /** PostgreSQL schema to use (created when missing); tests run each in their own. */
  schema?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Name of the command holding the embedded database, shown to a second process. */
  command?: string;
  /** In-memory PGlite (tests, stateless commands). */
  memory?: boolean;
}

export interface Store {
  db: Kysely<DB>;
  engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder or a URL without password. */
  location: string;
  /** Run a multi-statement SQL script (migrations, bulk maintenance). */
  exec(script: string): Promise<void>;
  /** The embedded database's lock, when this process holds one. */
  lock: HeldLock | null;
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  return resolve(process.env.LETOPIS_DATA || './data');
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const url = opts.url === undefined ? process.env.DATABASE_URL || null : opts.url;
  const store = url ? await openServer(url, opts.schema) : await openEmbedded(opts);
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

// --- PostgreSQL server --------------------------------------------------------------------------

async function openServer(url: string, schema?: string): Promise<Store> {
  const pg = (await import('pg')).default;
  // int8 and numeric come back as strings from pg; counts and sums fit in doubles, so read numbers.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
  };
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new LetopisError('USAGE', `bad schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: Number(process.env.LETOPIS_PG_POOL || 10),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new LetopisError('DB', `cannot reach PostgreSQL at ${location}: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    location,
    lock: null,
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

// --- Embedded PGlite ----------------------------------------------------------------------------

interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

async function openEmbedded(opts: StoreOptions): Promise<Store> {
  const dataDir = opts.memory ? null : resolve(opts.dataDir ?? defaultDataDir());
  let lock: HeldLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireLock(dataDir, opts.command ?? 'unknown');
  }
  let pglite: PGliteLike;
  try {
    if (dataDir) initInChild(join(dataDir, 'pg'));
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = (await PGlite.create(dataDir ? { dataDir: resolve(dataDir, 'pg') } : {})) as unknown as PGliteLike;
  } catch (err) {
    lock?.release();
    throw new LetopisError('DB', `cannot open the embedded database in ${dataDir ?? 'memory'}: ${(err as Error).message}`);
  }
  const pool = new SingleConnectionPool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    location: dataDir ?? ':memory:',
    lock,
    async exec(script) {
      await pool.exclusive(() => pglite.exec(script));
    },
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

/** A new data folder is created by initdb.js in a child process (see there why). */
function initInChild(pgDir: string): void {
  if (existsSync(join(pgDir, 'PG_VERSION'))) return;
  const script = fileURLToPath(new URL('./initdb.js', import.meta.url));
  // Running from the TypeScript sources (the tests): PGlite creates the folder in this process.
  if (!existsSync(script)) return;
  const r = spawnSync(process.execPath, [script, pgDir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr.trim() || `initdb exited with ${r.status ?? r.signal}`);
}

/**
 * PGlite is one connection. Kysely asks a pool for a connection per query or transaction; we hand
 * out the single one in turn, so a transaction never interleaves with another query.
 */
class SingleConnectionPool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly pg: PGliteLike) {}

  /** Run fn while holding the connection. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn();
    } finally {
      client.release();
    }
  }

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    const pg = this.pg;
    const client = {
      async query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const res = await pg.query<R>(sqlText, [...parameters]);
        const word = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase();
        const command = (['UPDATE', 'DELETE', 'INSERT', 'MERGE'].includes(word ?? '') ? word : 'SELECT') as PostgresQueryResult<R>['command'];
        return { command, rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
      },
      release,
    } as unknown as PostgresPoolClient;
    return previous.then(() => client);
  }

  async end(): Promise<void> {
    await this.tail;
  }
}

// --- Migrations ---------------------------------------------------------------------------------

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = pkgPath('src/store/migrations');

export function listMigrations(): Migration[] {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(`${MIGRATIONS_DIR}/${f}`, 'utf8') }));
}

export interface MigrationStatus {
  applied: { version: number; name: string; applied_at: Date }[];
  pending: Migration[];
}

export async function migrationStatus(store: Store): Promise<MigrationStatus> {
  await store.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = await store.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
  const done = new Set(applied.map((m) => m.version));
  return { applied, pending: listMigrations().filter((m) => !done.has(m.version)) };
}

/** Apply pending migrations, each in its own transaction. Returns the ones applied. */
export async function migrate(store: Store): Promise<Migration[]> {
  const { pending } = await migrationStatus(store);
  const applied: Migration[] = [];
  for (const m of pending) {
    // The advisory lock keeps two servers starting at once from applying the same migration twice.
    const script =
      `BEGIN;\n${store.engine === 'postgres' ? 'SELECT pg_advisory_xact_lock(4242);\n' : ''}` +
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = ${m.version}) THEN RAISE EXCEPTION 'letopis: migration ${m.version} already applied'; END IF; END $$;\n` +
      `${m.sql}\nINSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}');\nCOMMIT;`;
    try {
      await store.exec(script);
      applied.push(m);
    } catch (err) {
      await store.exec('ROLLBACK').catch(() => undefined);
      if (String((err as Error).message).includes('already applied')) continue;
      throw new LetopisError('DB', `migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}

/** Quick liveness check used by `db status` and the server's health route. */
export async function ping(store: Store): Promise<boolean> {
  const r = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(store.db);
  return r.rows[0]?.ok === 1;
}
