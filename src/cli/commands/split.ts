/** `letopis split EVENT_ID RECORD_ID`: take one record out of an event into a new draft event. */
import { LetopisError } from '../../errors.js';
import { splitRecord } from '../../review/service.js';
import { actorOf, idArg, print } from '../../review/cli.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length !== 2) throw new LetopisError('USAGE', 'give EVENT_ID and RECORD_ID. Run `letopis split --help`.');
  const eventId = idArg(ctx.args[0], 'EVENT_ID');
  const recordId = idArg(ctx.args[1], 'RECORD_ID');
  const actor = actorOf(ctx);
  const { from, created } = await withStore(ctx, 'split', (store) => splitRecord(store, eventId, recordId, actor));
  print(ctx, from);
  print(ctx, created);
  return 0;
}
