/** `letopis resolve`: re-run resolution over every stored record (after a lexicon or resolver change). */
import { resolveAll } from '../../resolve/index.js';
import { actorOf } from '../../review/cli.js';
import { withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  const quiet = ctx.opts.quiet === true;
  const actor = typeof ctx.opts.actor === 'string' ? actorOf(ctx) : 'resolver';
  const t0 = Date.now();
  const s = await withStore(ctx, 'resolve', (store) =>
    resolveAll(store, {
      actor,
      onProgress: quiet ? undefined : (n, phase) => ctx.stderr.write(`\r${phase}: ${n} records`),
    }),
  );
  if (!quiet) ctx.stderr.write('\n');
  if (ctx.opts.format === 'json') ctx.stdout.write(`${JSON.stringify({ ...s, seconds: (Date.now() - t0) / 1000 })}\n`);
  else {
    ctx.stdout.write(
      `${s.records} records -> ${s.events} events; ${s.relinked} records relinked, ${s.created} events created, ${s.merged} folded into others; ` +
        `${s.keptByEditor} records kept where editors put them (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
    );
  }
  return 0;
}
