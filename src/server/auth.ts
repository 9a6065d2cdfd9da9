/**
 * Passwords, sessions and CSRF tokens. Passwords are hashed with scrypt (node:crypto); session
 * tokens live only in an httpOnly cookie and are stored as SHA-256 hashes, so a copy of the
 * database lets nobody log in.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { LetopisError } from '../errors.js';
import {
  countActiveUsers, deleteExpiredSessions, deleteSession, findSession, findUserByName, insertSession, insertUser, setUserPassword,
  type SessionUser, type Store,
} from '../store/index.js';
import type { UserRow } from '../store/users.js';

// N=2^15, r=8: ~60 ms on a small server and 32 MB, well above OWASP's minimum for scrypt.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 };
const MAXMEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` with base64url salt and hash: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: MAXMEM });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const MIN_PASSWORD = 12;

export function checkNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD) throw new LetopisError('USAGE', `password: at least ${MIN_PASSWORD} characters`, { param: 'password' });
}

export function checkUserName(name: string): void {
  if (!/^[\p{L}\p{N}_.@-]{1,64}$/u.test(name)) throw new LetopisError('USAGE', `name: "${name}" is not a valid user name (letters, digits, _ . @ -; at most 64)`, { param: 'name' });
}

/** Create an editor account (used by `letopis user add`). */
export async function addUser(store: Store, name: string, password: string, role: 'editor' | 'admin' = 'editor'): Promise<UserRow> {
  checkUserName(name);
  checkNewPassword(password);
  if (await findUserByName(store.db, name)) throw new LetopisError('CONFLICT', `a user named "${name}" already exists`);
  return insertUser(store.db, name, await hashPassword(password), role);
}

export async function changePassword(store: Store, name: string, password: string): Promise<void> {
  checkNewPassword(password);
  if (!(await setUserPassword(store.db, name, await hashPassword(password)))) throw new LetopisError('NOT_FOUND', `no user named "${name}"`);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_HOURS = 12;

// A fixed hash to verify against when the user does not exist, so timing does not reveal names.
let dummyHash: Promise<string> | null = null;

/** Check a name and password; on success open a session. Returns the cookie token and CSRF token. */
export async function login(store: Store, name: string, password: string): Promise<{ token: string; csrf: string; user: { name: string; role: string } } | null> {
  const user = await findUserByName(store.db, name);
  if (!user || user.disabled_at) {
    dummyHash ??= hashPassword('not a real password');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.password_hash))) return null;
  const token = newToken();
  const csrf = newToken();
  await deleteExpiredSessions(store.db); // logins are rare: a good moment to sweep
  await insertSession(store.db, tokenHash(token), user.id, csrf, new Date(Date.now() + SESSION_HOURS * 3600_000));
  return { token, csrf, user: { name: user.name, role: user.role } };
}

export async function sessionOf(store: Store, token: string | undefined): Promise<SessionUser | undefined> {
  if (!token || token.length > 100) return undefined;
  return findSession(store.db, tokenHash(token));
}

export async function logout(store: Store, token: string): Promise<void> {
  await deleteSession(store.db, tokenHash(token));
}

export async function hasAccounts(store: Store): Promise<boolean> {
  return (await countActiveUsers(store.db)) > 0;
}

/** Compare secrets without leaking their common prefix through timing. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
