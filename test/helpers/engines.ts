/**
 * The storage contract suite runs on every engine: PGlite always, and the PostgreSQL server when it
 * answers (each run in its own schema, dropped afterwards).
 */
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

export const PG_URL = process.env.LETOPIS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | null = null;

export function postgresAnswers(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      console.log(`skipped: no PostgreSQL at ${PG_URL}`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

export interface Engine {
  name: 'pglite' | 'postgres';
  open(): Promise<Store>;
  /** Drop what open() created. */
  dispose(store: Store): Promise<void>;
}

export function uniqueSchema(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export const pgliteEngine: Engine = {
  name: 'pglite',
  open: () => openStore({ memory: true }),
  dispose: (s) => s.close(),
};

const schemas = new WeakMap<Store, string>();

export const postgresEngine: Engine = {
  name: 'postgres',
  async open() {
    const schema = uniqueSchema();
    const store = await openStore({ url: PG_URL, schema });
    schemas.set(store, schema);
    return store;
  },
  async dispose(store) {
    const schema = schemas.get(store);
    if (schema) await store.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  },
};

/** Engines to run the suite on; PostgreSQL only when it answers. */
export async function engines(): Promise<Engine[]> {
  return (await postgresAnswers()) ? [pgliteEngine, postgresEngine] : [pgliteEngine];
}
