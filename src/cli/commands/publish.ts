/** `letopis publish ID...`: confirm drafts and show them to readers. */
import { publish } from '../../review/service.js';
import { actorOf, expectedVersion, forEachId } from '../../review/cli.js';
import type { CommandContext } from '../spec.js';

export function run(ctx: CommandContext): Promise<number> {
  const actor = actorOf(ctx);
  const v = expectedVersion(ctx);
  return forEachId(ctx, 'publish', (store, id) => publish(store, id, actor, v));
}
