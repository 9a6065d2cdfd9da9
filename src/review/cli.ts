/** What the review commands share: who is acting, event ids, printing an event after an action. */
import { userInfo } from 'node:os';
import { LetopisError } from '../errors.js';
import type { EventView } from '../query/events.js';
import type { CommandContext } from '../cli/spec.js';
import { withStore } from '../cli/context.js';
import type { Store } from '../store/index.js';

/** --actor, else $LETOPIS_ACTOR (filled by the option table), else the OS user name. */
export function actorOf(ctx: CommandContext): string {
  const a = ctx.opts.actor;
  if (typeof a === 'string' && a.trim()) return a.trim();
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function idArg(value: string | undefined, what: string): number {
  if (value === undefined) throw new LetopisError('USAGE', `missing ${what}`);
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) throw new LetopisError('USAGE', `${what}: "${value}" is not an id`);
  return n;
}

export function expectedVersion(ctx: CommandContext): number | undefined {
  const v = ctx.opts['expect-version'];
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new LetopisError('USAGE', `--expect-version: "${v}" is not a version number`);
  return n;
}

export function line(e: EventView): string {
  const place = [e.place.settlement, e.place.region ?? e.place.country].filter(Boolean).join(', ');
  const date = e.date.end && e.date.end !== e.date.start ? `${e.date.start}..${e.date.end}` : (e.date.start ?? 'undated');
  return `#${e.id} ${e.status}${e.disputed ? ' (disputed)' : ''} ${e.type} ${date} ${place} sources=${e.source_count} independent=${e.independent_sources} ${e.summary}`.trimEnd();
}

export function print(ctx: CommandContext, e: EventView): void {
  if (ctx.opts.format === 'json') ctx.stdout.write(`${JSON.stringify(e)}\n`);
  else ctx.stdout.write(`${line(e)}\n`);
}

/**
 * Apply an action to each id; every id gets its own line (`ok` or the error), and the exit code is
 * that of the first failure, so a script sees partial failure.
 */
export async function forEachId(ctx: CommandContext, command: string, act: (store: Store, id: number) => Promise<EventView>): Promise<number> {
  if (ctx.args.length === 0) throw new LetopisError('USAGE', `give at least one event id. Run \`letopis ${command} --help\`.`);
  const ids = ctx.args.map((a) => idArg(a, 'EVENT_ID'));
  let code = 0;
  await withStore(ctx, command, async (store) => {
    for (const id of ids) {
      try {
        print(ctx, await act(store, id));
      } catch (err) {
        if (!(err instanceof LetopisError)) throw err;
        ctx.stderr.write(`letopis ${command}: event ${id}: ${err.message}\n`);
        if (code === 0) code = err.exitCode;
      }
    }
  });
  return code;
}
