/** `letopis backup FILE`: a full, versioned dump of the database (gzip when FILE ends in .gz). */
import { LetopisError } from '../../errors.js';
import { backupToFile } from '../../report/backup.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  const [file, ...extra] = ctx.args;
  if (!file || extra.length) throw new LetopisError('USAGE', 'give one backup FILE. Run `letopis backup --help`.');
  const withSecrets = ctx.opts['with-secrets'] === true;
  const counts = await withStore(ctx, 'backup', (store) => backupToFile(store, file, { withSecrets }));
  const summary = Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ');
  ctx.stderr.write(`wrote ${file}: ${summary}${withSecrets ? ' (with password hashes: keep this file secret)' : ''}\n`);
  return 0;
}
