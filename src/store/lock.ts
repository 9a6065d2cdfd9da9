/**
 * PGlite takes no lock on its data folder, and two processes writing one folder corrupt it.
 * We keep our own lock file: one process per folder; a stale lock (its process is gone, e.g. after
 * kill -9) is taken over. The lock names the holder, so a second command can say who holds it and,
 * when it is `letopis serve`, where its API answers.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LetopisError } from '../errors.js';

export interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
  /** Set by `letopis serve`: where other commands can reach this database through the API. */
  url?: string;
}

export const LOCK_FILE = 'letopis.lock';

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface HeldLock {
  info: LockInfo;
  /** Rewrite the lock's details (serve adds its URL once it listens). */
  update(extra: Partial<LockInfo>): void;
  release(): void;
}

export function acquireLock(dataDir: string, command: string): HeldLock {
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (readLock(dataDir)?.pid === process.pid) unlinkSync(path);
        } catch { /* already gone */ }
      };
      process.on('exit', release);
      return {
        info,
        update(extra) {
          Object.assign(info, extra);
          const fd2 = openSync(path, 'w');
          writeSync(fd2, JSON.stringify(info));
          closeSync(fd2);
        },
        release,
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw lockedError(dataDir, holder);
      try { unlinkSync(path); } catch { /* another process took it over first */ }
    }
  }
  throw new LetopisError('DB_LOCKED', `could not take the lock on ${dataDir}`);
}

function lockedError(dataDir: string, holder: LockInfo): LetopisError {
  const how = holder.url
    ? `It is \`letopis serve\` at ${holder.url}: ingest through it with \`letopis ingest --server ${holder.url} --data ${dataDir} PATH...\`, or stop it first.`
    : 'Wait for it to finish, or stop it first.';
  return new LetopisError(
    'DB_LOCKED',
    `the database in ${dataDir} is in use by another letopis process (pid ${holder.pid}, \`letopis ${holder.command}\`, since ${holder.startedAt}). ` +
      `The embedded database allows one process at a time. ${how} To share one database between many processes, use a PostgreSQL server (DATABASE_URL).`,
    { holder },
  );
}
