/** `letopis reject ID... [--reason TEXT]`: hide events; they stay, with their history. */
import { reject } from '../../review/service.js';
import { actorOf, expectedVersion, forEachId } from '../../review/cli.js';
import { str } from '../context.js';
import type { CommandContext } from '../spec.js';

export function run(ctx: CommandContext): Promise<number> {
  const actor = actorOf(ctx);
  const v = expectedVersion(ctx);
  const reason = str(ctx, 'reason');
  return forEachId(ctx, 'reject', (store, id) => reject(store, id, actor, reason, v));
}
