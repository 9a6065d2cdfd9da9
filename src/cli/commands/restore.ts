/** `letopis restore ID...`: a rejected or published event back to draft. */
import { restore } from '../../review/service.js';
import { actorOf, expectedVersion, forEachId } from '../../review/cli.js';
import type { CommandContext } from '../spec.js';

export function run(ctx: CommandContext): Promise<number> {
  const actor = actorOf(ctx);
  const v = expectedVersion(ctx);
  return forEachId(ctx, 'restore', (store, id) => restore(store, id, actor, v));
}
