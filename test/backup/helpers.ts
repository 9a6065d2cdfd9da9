/** Data for backup tests beyond the shared seed: users, a session, rows that point forward. */
import { sql } from 'kysely';
import type { Store } from '../../src/store/index.js';
import { seedAll } from '../export/seed.js';

export async function seedForBackup(store: Store): Promise<void> {
  const ids = await seedAll(store);
  const db = store.db;
  await db.insertInto('users').values({ name: 'editor-one', password_hash: 'scrypt$fake$hash-one', role: 'admin' }).execute();
  const u = await db.insertInto('users').values({ name: 'editor-two', password_hash: 'scrypt$fake$hash-two' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('sessions').values({ token_hash: 'session-token-hash-secret', user_id: u.id, csrf: 'csrf-secret', expires_at: '2030-01-01T00:00:00Z' }).execute();
  // Rows that point at later rows: restore must load them in id order all the same.
  const [first] = await db.selectFrom('documents').select('id').orderBy('id').limit(1).execute();
  const [lastDoc] = await db.selectFrom('documents').select('id').orderBy('id', 'desc').limit(1).execute();
  await db.updateTable('documents').set({ copy_of: lastDoc!.id, meta: JSON.stringify({ note: 'ёжик "quoted" \u2028 line', n: 0.1 + 0.2 }) }).where('id', '=', first!.id).execute();
  await db.updateTable('events').set({ merged_into: ids[ids.length - 1]!, lat: 1 / 3 }).where('id', '=', ids[0]!).execute();
  // A timestamp with microseconds must survive to the microsecond.
  await sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after)
            VALUES ('2022-09-21 10:11:12.345678+03', 'editor-one', 'publish', 'event', ${String(ids[1])}, '{"status":"draft"}', '{"status":"published"}')`.execute(db);
}
