/** `letopis events`: the chronicle as a table, JSON Lines or CSV. */
import { LetopisError } from '../../errors.js';
import { listEvents, type EventView } from '../../query/events.js';
import type { EventStatus } from '../../store/index.js';
import { day, int, list, str, withStore } from '../context.js';
import { csv, jsonl, table } from '../format.js';
import type { CommandContext } from '../spec.js';

export const CSV_COLUMNS = ['id', 'kind', 'type', 'date_start', 'date_end', 'precision', 'country', 'region', 'settlement', 'lat', 'lon', 'status', 'certainty', 'independent_sources', 'counts', 'summary', 'sources'];

function flat(e: EventView): Record<string, unknown> {
  return {
    id: e.id, kind: e.kind, type: e.type, date_start: e.date.start, date_end: e.date.end ?? null, precision: e.date.precision,
    country: e.place.country, region: e.place.region, settlement: e.place.settlement, lat: e.place.lat, lon: e.place.lon,
    status: e.status, certainty: e.certainty, independent_sources: e.independent_sources,
    counts: e.kind === 'tally' ? `${e.measure}=${e.value}` : Object.entries(e.counts).map(([k, v]) => `${k}=${v}`).join(' '),
    summary: e.summary, sources: e.sources.map((s) => s.url ?? s.ref),
  };
}

export async function run(ctx: CommandContext): Promise<number> {
  const format = str(ctx, 'format') ?? 'table';
  if (!['table', 'jsonl', 'csv'].includes(format)) throw new LetopisError('USAGE', `--format: "${format}" is not table, jsonl or csv`);
  const filter = {
    type: list(ctx, 'type'),
    kind: str(ctx, 'kind'),
    from: day(ctx, 'from'),
    to: day(ctx, 'to'),
    region: list(ctx, 'region'),
    q: str(ctx, 'q'),
    status: (list(ctx, 'status') ?? ['draft', 'published']) as EventStatus[],
    limit: int(ctx, 'limit') ?? 1000,
  };
  const events = await withStore(ctx, 'events', (store) => listEvents(store, filter));
  if (format === 'jsonl') ctx.stdout.write(jsonl(events));
  else if (format === 'csv') ctx.stdout.write(csv(CSV_COLUMNS, events.map(flat)));
  else {
    ctx.stdout.write(table(['id', 'date_start', 'type', 'region', 'settlement', 'status', 'independent_sources', 'summary'], events.map(flat)));
    ctx.stderr.write(`${events.length} event(s)\n`);
  }
  return 0;
}
