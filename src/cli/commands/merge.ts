/** `letopis merge TARGET_ID OTHER_ID`: the other event's records join the target; the other points at it. */
import { LetopisError } from '../../errors.js';
import { mergeEvents } from '../../review/service.js';
import { actorOf, idArg, print } from '../../review/cli.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length !== 2) throw new LetopisError('USAGE', 'give TARGET_ID and OTHER_ID. Run `letopis merge --help`.');
  const target = idArg(ctx.args[0], 'TARGET_ID');
  const other = idArg(ctx.args[1], 'OTHER_ID');
  const actor = actorOf(ctx);
  const e = await withStore(ctx, 'merge', (store) => mergeEvents(store, target, other, actor));
  print(ctx, e);
  return 0;
}
