/** `letopis dispute ID... [--undispute]`: flag events whose facts are contested (or clear the flag). */
import { setDisputed } from '../../review/service.js';
import { actorOf, expectedVersion, forEachId } from '../../review/cli.js';
import type { CommandContext } from '../spec.js';

export function run(ctx: CommandContext): Promise<number> {
  const actor = actorOf(ctx);
  const v = expectedVersion(ctx);
  const disputed = ctx.opts.undispute !== true;
  return forEachId(ctx, 'dispute', (store, id) => setDisputed(store, id, disputed, actor, v));
}
