/** `letopis history EVENT_ID [--at TIME]`: every action on an event, or its state at a past moment. */
import { LetopisError } from '../../errors.js';
import { history, stateAt } from '../../review/service.js';
import { idArg } from '../../review/cli.js';
import { str, withStore } from '../context.js';
import { jsonl, table } from '../format.js';
import type { CommandContext } from '../spec.js';

const HIDDEN = new Set(['version', 'records', 'note']);

/** Fields whose value differs between two snapshots, as "field: old -> new". */
export function changes(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  const show = (v: unknown): string => (v === null || v === undefined ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  for (const k of Object.keys(a)) {
    if (HIDDEN.has(k) || JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
    out.push(before ? `${k}: ${show(b[k])} -> ${show(a[k])}` : `${k}: ${show(a[k])}`);
  }
  const rb = (b.records as number[] | undefined) ?? [];
  const ra = (a.records as number[] | undefined) ?? [];
  const added = ra.filter((r) => !rb.includes(r));
  const removed = rb.filter((r) => !ra.includes(r));
  if (added.length) out.push(`records +${added.join(',')}`);
  if (removed.length) out.push(`records -${removed.join(',')}`);
  return out;
}

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length !== 1) throw new LetopisError('USAGE', 'give one EVENT_ID. Run `letopis history --help`.');
  const id = idArg(ctx.args[0], 'EVENT_ID');
  const format = str(ctx, 'format') ?? 'table';
  if (!['table', 'jsonl'].includes(format)) throw new LetopisError('USAGE', `--format: "${format}" is not table or jsonl`);
  const atText = str(ctx, 'at');
  if (atText !== undefined) {
    const at = new Date(atText);
    if (Number.isNaN(at.getTime())) throw new LetopisError('USAGE', `--at: "${atText}" is not a date or time (e.g. 2022-09-26T12:00:00Z)`);
    const state = await withStore(ctx, 'history', (store) => stateAt(store, id, at));
    if (!state) throw new LetopisError('NOT_FOUND', `event ${id} did not exist at ${at.toISOString()}`);
    ctx.stdout.write(`${JSON.stringify(state)}\n`);
    return 0;
  }
  const rows = await withStore(ctx, 'history', (store) => history(store, id));
  if (format === 'jsonl') {
    ctx.stdout.write(jsonl(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))));
    return 0;
  }
  ctx.stdout.write(
    table(
      ['at', 'actor', 'action', 'changes'],
      rows.map((r) => {
        const note = (r.after as { note?: Record<string, unknown> } | null)?.note;
        return {
          at: new Date(r.at).toISOString().replace('T', ' ').slice(0, 19),
          actor: r.actor,
          action: r.action,
          changes: [...changes(r.before, r.after), ...(note ? [`note ${JSON.stringify(note)}`] : [])].join('; '),
        };
      }),
      160,
    ),
  );
  return 0;
}
