/** `letopis edit ID --set field=value...`: correct an event; edited fields are locked against resolution. */
import { LetopisError } from '../../errors.js';
import { getEvent } from '../../query/events.js';
import { editEvent, type EventPatch } from '../../review/service.js';
import { actorOf, expectedVersion, idArg, print } from '../../review/cli.js';
import { list, withStore } from '../context.js';
import type { CommandContext } from '../spec.js';
import type { EventView } from '../../query/events.js';

export const SETTABLE = [
  'type', 'kind', 'date', 'date.precision', 'place.country', 'place.region', 'place.settlement', 'place.lat', 'place.lon',
  'actors', 'target', 'counts.KEY', 'measure', 'value', 'qualifier', 'certainty', 'attribution', 'summary',
];

const nullable = (v: string): string | null => (v === '' || v === 'null' ? null : v);
const num = (field: string, v: string): number | null => {
  if (nullable(v) === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new LetopisError('USAGE', `--set ${field}: "${v}" is not a number`);
  return n;
};

/** "2022-09-25" (day), "2022-09" (month), "2022" (year), "2022-09-24..2022-09-25" (range), "" (unknown). */
export function parseDate(v: string): NonNullable<EventPatch['date']> {
  if (v === '' || v === 'unknown') return { start: null, end: null, precision: 'unknown' };
  const [start, end] = v.split('..');
  if (end !== undefined) return { start: start!, end, precision: 'range' };
  return { start: start!, end: null, precision: start!.length === 10 ? 'day' : start!.length === 7 ? 'month' : 'year' };
}

/** Turn --set pairs into a patch over the event's current values (place and counts are set whole). */
export function buildPatch(sets: string[], current: EventView): EventPatch {
  const patch: EventPatch = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq < 1) throw new LetopisError('USAGE', `--set "${s}": expected field=value (fields: ${SETTABLE.join(', ')})`);
    const field = s.slice(0, eq).trim();
    const value = s.slice(eq + 1).trim();
    const place = () => (patch.place ??= { ...current.place });
    if (field === 'type' || field === 'kind' || field === 'certainty' || field === 'summary') patch[field] = value;
    else if (field === 'date') patch.date = parseDate(value);
    else if (field === 'date.precision') patch.date = { ...(patch.date ?? { start: current.date.start, end: current.date.end ?? null }), precision: value };
    else if (field === 'place.country' || field === 'place.region' || field === 'place.settlement') place()[field.slice(6) as 'country'] = nullable(value);
    else if (field === 'place.lat' || field === 'place.lon') place()[field.slice(6) as 'lat'] = num(field, value);
    else if (field === 'actors' || field === 'attribution') patch[field] = value.split(',').map((x) => x.trim()).filter(Boolean);
    else if (field === 'target' || field === 'measure' || field === 'qualifier') patch[field] = nullable(value);
    else if (field === 'value') patch.value = num(field, value);
    else if (field.startsWith('counts.')) {
      patch.counts ??= { ...current.counts };
      const n = num(field, value);
      if (n === null) delete patch.counts[field.slice(7)];
      else patch.counts[field.slice(7)] = n;
    } else throw new LetopisError('USAGE', `--set: unknown field "${field}" (fields: ${SETTABLE.join(', ')})`);
  }
  return patch;
}

/**
 * The --set values exactly as typed. The option parser splits repeated options at commas (right for
 * --type a,b), which would cut "summary=Fire, then arrests"; so read them from argv when we can.
 */
function rawSets(ctx: CommandContext): string[] {
  const argv = process.argv.slice(2);
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--set' && argv[i + 1] !== undefined) out.push(argv[i + 1]!);
    else if (a.startsWith('--set=')) out.push(a.slice(6));
  });
  return argv[0] === 'edit' && out.length ? out : (list(ctx, 'set') ?? []);
}

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length !== 1) throw new LetopisError('USAGE', 'give one EVENT_ID. Run `letopis edit --help`.');
  const id = idArg(ctx.args[0], 'EVENT_ID');
  const sets = rawSets(ctx);
  if (sets.length === 0) throw new LetopisError('USAGE', 'nothing to change: give --set field=value');
  const actor = actorOf(ctx);
  const v = expectedVersion(ctx);
  const e = await withStore(ctx, 'edit', async (store) => editEvent(store, id, buildPatch(sets, await getEvent(store, id)), actor, v));
  print(ctx, e);
  return 0;
}
