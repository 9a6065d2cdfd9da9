/**
 * `letopis restore FILE`: load a backup into an empty database (or merge it with --merge).
 * `letopis restore ID...` (the review action that puts events back to draft) shares the name: when
 * every argument is a whole number the command is that review action (commands/restore.ts).
 */
import { LetopisError } from '../../errors.js';
import { restoreFromFile } from '../../report/backup.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0 && ctx.args.every((a) => /^\d+$/.test(a))) {
    const review = await import('./restore.js');
    return review.run(ctx);
  }
  const [file, ...extra] = ctx.args;
  if (!file || extra.length) throw new LetopisError('USAGE', 'give one backup FILE (or event ids). Run `letopis restore --help`.');
  const res = await withStore(ctx, 'restore', (store) => restoreFromFile(store, file, { merge: ctx.opts.merge === true }));
  const parts = Object.keys(res.inserted).map((t) => `${t} ${res.inserted[t]}${res.skipped[t] ? ` (${res.skipped[t]} already present, skipped)` : ''}`);
  ctx.stderr.write(`restored ${file}: ${parts.join(', ')}\n`);
  if (!res.secrets && (res.inserted.users ?? 0) > 0) {
    ctx.stderr.write('note: the backup holds no password hashes; restored users cannot log in until an admin sets their passwords\n');
  }
  return 0;
}
