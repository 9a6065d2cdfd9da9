/**
 * `node dist/store/initdb.js DIR`: create a new PGlite data folder, in a process of its own.
 *
 * PGlite's initdb grows the WebAssembly heap to about half a gigabyte, and a WebAssembly heap never
 * shrinks: run inside the command that then imports a million messages, it would stay that big for
 * the whole run. PostgreSQL itself does the same (initdb is a program of its own).
 */
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: initdb.js DIR');
  process.exit(2);
}
const db = await PGlite.create({ dataDir: dir });
await db.close();
