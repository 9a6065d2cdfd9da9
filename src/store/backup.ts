/**
 * Full dumps of the database and their restore, table by table, read from the catalog so that
 * tables and columns added by later migrations are dumped without touching this file.
 *
 * A dump is JSON Lines: a header (format version, migrations), then per table a line naming it and
 * its columns followed by one JSON object per row in primary-key order, then a trailer with the row
 * counts (a dump without its trailer is truncated and refused). Postgres itself writes each row
 * (row_to_json), so numbers, JSON and microsecond timestamps round-trip exactly, and dumping a
 * restored database gives the same bytes.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { LetopisError } from '../errors.js';
import type { DB } from './schema.js';
import type { Store } from './db.js';

export const BACKUP_FORMAT = 1;

/**
 * Never dumped: sessions are secrets that must die with the server; migrations belong to the code;
 * event_counts and event_totals derive from events (triggers rebuild them as a restore inserts events).
 */
const SKIPPED_TABLES = new Set(['sessions', 'schema_migrations', 'event_counts', 'event_totals']);
/** Dumped only when asked (--with-secrets). */
const SECRET_COLUMNS: Record<string, string[]> = { users: ['password_hash'] };
/** What a secret column holds after a restore without secrets: a hash no password matches. */
const SECRET_PLACEHOLDER: Record<string, string> = { 'users.password_hash': '!' };

export interface BackupHeader {
  letopis_backup: number;
  migrations: { version: number; name: string }[];
  secrets: boolean;
}

export interface TableInfo {
  name: string;
  /** Dumped columns, in table order (generated columns and withheld secrets left out). */
  columns: { name: string; type: string }[];
  /** Primary-key columns (empty when the table has none). */
  key: string[];
  /** Identity columns, whose sequences a restore moves past the restored ids. */
  identity: string[];
  /** NOT NULL columns without a default: a restore must supply them. */
  required: string[];
}

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/** The tables of the current schema, parents before the tables that reference them. */
export async function listTables(db: Kysely<DB> | Transaction<DB>, withSecrets: boolean): Promise<TableInfo[]> {
  const tables = (await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)).rows
    .map((r) => r.name)
    .filter((t) => !SKIPPED_TABLES.has(t))
    .sort(); // code-point order: the server's collation may differ from PGlite's
  const cols = (await sql<{ table: string; name: string; type: string; generated: string; identity: string; nullable: string; def: string | null }>`
    SELECT table_name AS table, column_name AS name, data_type AS type, is_generated AS generated,
           is_identity AS identity, is_nullable AS nullable, column_default AS def
    FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db)).rows;
  const keys = (await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
    ORDER BY c.relname, k.ord`.execute(db)).rows;
  const fks = (await sql<{ child: string; parent: string }>`
    SELECT ch.relname AS child, pa.relname AS parent
    FROM pg_constraint con JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_class pa ON pa.oid = con.confrelid
    WHERE con.contype = 'f' AND ch.relnamespace = current_schema()::regnamespace`.execute(db)).rows.sort((a, b) => (a.child + ' ' + a.parent < b.child + ' ' + b.parent ? -1 : 1));

  const infos = new Map<string, TableInfo>();
  for (const t of tables) {
    const secret = withSecrets ? [] : SECRET_COLUMNS[t] ?? [];
    const mine = cols.filter((c) => c.table === t);
    infos.set(t, {
      name: t,
      columns: mine.filter((c) => c.generated !== 'ALWAYS' && !secret.includes(c.name)).map((c) => ({ name: c.name, type: c.type })),
      key: keys.filter((k) => k.table === t).map((k) => k.name),
      identity: mine.filter((c) => c.identity === 'YES').map((c) => c.name),
      required: mine.filter((c) => c.nullable === 'NO' && c.def === null && c.identity !== 'YES' && c.generated !== 'ALWAYS').map((c) => c.name),
    });
  }
  // Depth-first topological order, parents visited by name so every engine gives the same order
  // (the dump's bytes depend on it); self-references (copy_of, merged_into) are left to deferred checks.
  const order: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (t: string): void => {
    if (seen.has(t) || !infos.has(t)) return;
    seen.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t) visit(fk.parent);
    order.push(infos.get(t)!);
  };
  for (const t of tables) visit(t);
  return order;
}

/** A column as Postgres should write it into the dump: timestamps in UTC with microseconds. */
function dumpExpr(c: { name: string; type: string }): string {
  if (c.type === 'timestamp with time zone') return `to_char(${q(c.name)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${q(c.name)}`;
  if (c.type === 'timestamp without time zone') return `to_char(${q(c.name)}, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ${q(c.name)}`;
  return q(c.name);
}

export interface DumpOptions {
  withSecrets?: boolean;
  /** Rows per query. */
  pageSize?: number;
}

/**
 * Write a full dump, line by line, through `emit` (which may wait for the file to drain). Everything
 * is read in one REPEATABLE READ transaction: a consistent snapshot while others keep writing.
 * Returns the rows dumped per table.
 */
export async function dumpDatabase(store: Store, emit: (line: string) => Promise<void>, opts: DumpOptions = {}): Promise<Record<string, number>> {
  const pageSize = opts.pageSize ?? 2000;
  return store.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const migrations = await trx.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    const header: BackupHeader = { letopis_backup: BACKUP_FORMAT, migrations, secrets: !!opts.withSecrets };
    await emit(JSON.stringify(header));
    const counts: Record<string, number> = {};
    for (const t of await listTables(trx, !!opts.withSecrets)) {
      await emit(JSON.stringify({ table: t.name, columns: t.columns.map((c) => c.name) }));
      const key = t.key.length ? t.key : t.columns.map((c) => c.name);
      // The row's JSON comes from a FROM-less subselect over the outer row: one index scan per page.
      const head = sql.raw(`SELECT ${key.map((k, i) => `t.${q(k)} AS k${i}`).join(', ')},
        (SELECT row_to_json(r) FROM (SELECT ${t.columns.map(dumpExpr).join(', ')}) r)::text AS j FROM ${q(t.name)} t`);
      const tuple = sql.raw(`(${key.map((k) => `t.${q(k)}`).join(', ')})`);
      let last: unknown[] | null = null;
      let n = 0;
      for (;;) {
        const where: RawBuilder<unknown> = last ? sql`WHERE ${tuple} > (${sql.join(last)})` : sql.raw('');
        const rows: Record<string, unknown>[] = (await sql<Record<string, unknown>>`${head} ${where} ORDER BY ${tuple} LIMIT ${sql.lit(pageSize)}`.execute(trx)).rows;
        if (rows.length === 0) break;
        let chunk = '';
        for (const r of rows) chunk += `${r.j as string}\n`;
        await emit(chunk.slice(0, -1));
        n += rows.length;
        const tail: Record<string, unknown> = rows[rows.length - 1]!;
        last = key.map((_, i) => tail[`k${i}`]);
        if (rows.length < pageSize) break;
      }
      counts[t.name] = n;
    }
    await emit(JSON.stringify({ end: true, rows: counts }));
    return counts;
  });
}

/** A constant as an SQL literal (placeholders, sequence names). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

export interface RestoreOptions {
  /** Restore into a database that already holds data: rows whose keys exist are skipped (and counted). */
  merge?: boolean;
  /** Rows per INSERT; a batch is also cut at about 4 MB of JSON. */
  batchSize?: number;
}

export interface RestoreResult {
  /** Rows inserted per table. */
  inserted: Record<string, number>;
  /** Rows already present (merge only) per table. */
  skipped: Record<string, number>;
  secrets: boolean;
}

/** Tables of the dump that already hold rows. */
export async function nonEmptyTables(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const t of await listTables(store.db, true)) {
    const r = await sql.raw<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(t.name)}) AS any`).execute(store.db);
    if (r.rows[0]?.any) out.push(t.name);
  }
  return out;
}

/**
 * Load a dump (its lines, in order) in one transaction: either all of it goes in or nothing does.
 * Ids are kept (OVERRIDING SYSTEM VALUE) and identity sequences moved past them; the audit log is
 * only inserted into, as its trigger demands.
 */
export async function restoreDatabase(store: Store, lines: AsyncIterable<string>, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = parseLine(first.done ? '' : first.value, 1) as Partial<BackupHeader>;
  if (header.letopis_backup === undefined) throw new LetopisError('INPUT', 'not a Letopis backup (no header line)');
  if (header.letopis_backup > BACKUP_FORMAT) {
    throw new LetopisError('INPUT', `backup format ${header.letopis_backup} is newer than this version of Letopis reads (${BACKUP_FORMAT}); upgrade first`);
  }
  const applied = new Set((await store.db.selectFrom('schema_migrations').select('version').execute()).map((m) => m.version));
  const missing = (header.migrations ?? []).filter((m) => !applied.has(m.version));
  if (missing.length) {
    throw new LetopisError('INPUT', `the backup comes from a newer schema (migrations ${missing.map((m) => `${m.version}_${m.name}`).join(', ')} are not applied here); upgrade Letopis first`);
  }
  if (!opts.merge) {
    const full = await nonEmptyTables(store);
    if (full.length) throw new LetopisError('CONFLICT', `the database is not empty (${full.join(', ')} hold rows): restore into an empty database, or pass --merge`);
  }
  const batchSize = opts.batchSize ?? 500;
  const result: RestoreResult = { inserted: {}, skipped: {}, secrets: !!header.secrets };

  await store.db.transaction().execute(async (trx) => {
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
    const tables = new Map((await listTables(trx, true)).map((t) => [t.name, t]));
    let table: TableInfo | null = null;
    let columns: string[] = [];
    let batch: string[] = [];
    let bytes = 0;
    let lineNo = 1;
    let trailer: { end: true; rows: Record<string, number> } | null = null;

    const flush = async (): Promise<void> => {
      if (!table || batch.length === 0) return;
      const t: TableInfo = table;
      const cols = columns.map(q).join(', ');
      // Columns withheld from the dump (secrets) get their placeholder so NOT NULL holds.
      const fill = t.required.filter((c) => !columns.includes(c));
      for (const c of fill) if (SECRET_PLACEHOLDER[`${t.name}.${c}`] === undefined) {
        throw new LetopisError('INPUT', `line ${lineNo}: table ${t.name} needs column ${c}, which the backup lacks`);
      }
      const extraCols = fill.map((c) => `, ${q(c)}`).join('');
      const extraVals = fill.map((c) => `, ${literal(SECRET_PLACEHOLDER[`${t.name}.${c}`])}`).join('');
      const insert = sql.raw(`INSERT INTO ${q(t.name)} (${cols}${extraCols}) OVERRIDING SYSTEM VALUE
        SELECT ${cols}${extraVals} FROM json_populate_recordset(NULL::${q(t.name)}, `);
      const json = `[${batch.join(',')}]`;
      const r = await sql`${insert}${json}::json) ${sql.raw(opts.merge ? 'ON CONFLICT DO NOTHING' : '')}`.execute(trx);
      const n = Number(r.numAffectedRows ?? 0n);
      result.inserted[t.name] = (result.inserted[t.name] ?? 0) + n;
      result.skipped[t.name] = (result.skipped[t.name] ?? 0) + batch.length - n;
      batch = [];
      bytes = 0;
    };

    const closeTable = async (): Promise<void> => {
      await flush();
      if (table) {
        // Move identity sequences past the restored ids, so new rows do not collide with them.
        for (const c of table.identity) {
          await sql.raw(`SELECT setval(pg_get_serial_sequence(${literal(q(table.name))}, ${literal(c)}),
            coalesce(max(${q(c)}), 1), max(${q(c)}) IS NOT NULL) FROM ${q(table.name)}`).execute(trx);
        }
      }
    };

    for (;;) {
      const next = await it.next();
      if (next.done) break;
      lineNo++;
      const line = next.value;
      if (line === '') continue;
      if (trailer) throw new LetopisError('INPUT', `line ${lineNo}: data after the end of the backup`);
      if (line.startsWith('{"table":') || line.startsWith('{"end":')) {
        const marker = parseLine(line, lineNo) as { table?: string; columns?: string[]; end?: true; rows?: Record<string, number> };
        await closeTable();
        if (table) result.inserted[table.name] ??= 0;
        if (marker.end) {
          trailer = { end: true, rows: marker.rows ?? {} };
          table = null;
          continue;
        }
        const t = tables.get(marker.table ?? '');
        if (!t) throw new LetopisError('INPUT', `line ${lineNo}: table "${marker.table}" does not exist in this database`);
        const known = new Set(t.columns.map((c) => c.name));
        const unknown = (marker.columns ?? []).filter((c) => !known.has(c));
        if (unknown.length) throw new LetopisError('INPUT', `line ${lineNo}: ${t.name} has no column(s) ${unknown.join(', ')}`);
        table = t;
        columns = marker.columns ?? [];
        result.inserted[t.name] = 0;
        result.skipped[t.name] = 0;
        continue;
      }
      if (!table) throw new LetopisError('INPUT', `line ${lineNo}: a row before any table line`);
      batch.push(line);
      bytes += line.length;
      if (batch.length >= batchSize || bytes > 4_000_000) await flush();
    }
    await closeTable();
    if (!trailer) throw new LetopisError('INPUT', `the backup ends at line ${lineNo} without its closing line: the file is truncated; nothing was restored`);
    const got = Object.fromEntries(Object.keys(trailer.rows).map((t) => [t, (result.inserted[t] ?? 0) + (result.skipped[t] ?? 0)]));
    for (const [t, n] of Object.entries(trailer.rows)) {
      if (got[t] !== n) throw new LetopisError('INPUT', `table ${t}: the backup says ${n} rows, the file holds ${got[t] ?? 0}; nothing was restored`);
    }
  });
  return result;
}

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new LetopisError('INPUT', `line ${n}: not JSON (is this a Letopis backup?)`);
  }
}
