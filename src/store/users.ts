/** Editor accounts and their login sessions. Passwords and session tokens are stored only as hashes. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface UserRow {
  id: number;
  name: string;
  password_hash: string;
  role: 'editor' | 'admin';
  created_at: Date;
  disabled_at: Date | null;
}

export async function insertUser(db: Kysely<DB>, name: string, passwordHash: string, role: 'editor' | 'admin' = 'editor'): Promise<UserRow> {
  return db.insertInto('users').values({ name, password_hash: passwordHash, role }).returningAll().executeTakeFirstOrThrow();
}

export async function findUserByName(db: Kysely<DB>, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

/** Accounts that can log in: the server refuses to listen beyond loopback while this is zero. */
export async function countActiveUsers(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where('disabled_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setUserPassword(db: Kysely<DB>, name: string, passwordHash: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ password_hash: passwordHash }).where('name', '=', name).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Disabling also ends the user's sessions. */
export async function disableUser(db: Kysely<DB>, name: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const u = await tx.updateTable('users').set({ disabled_at: sql<Date>`now()` }).where('name', '=', name).returning('id').executeTakeFirst();
    if (!u) return false;
    await tx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
    return true;
  });
}

export interface SessionUser {
  user_id: number;
  name: string;
  role: 'editor' | 'admin';
  csrf: string;
  expires_at: Date;
}

export async function insertSession(db: Kysely<DB>, tokenHash: string, userId: number, csrf: string, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, csrf, expires_at: expiresAt }).execute();
}

/** The live session for a token hash, with its (enabled) user; expired sessions do not count. */
export async function findSession(db: Kysely<DB>, tokenHash: string): Promise<SessionUser | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 'u.name', 'u.role', 's.csrf', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
