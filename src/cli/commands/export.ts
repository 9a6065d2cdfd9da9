/** `letopis export`: the chronicle for analysts (CSV after ACLED, GeoJSON, JSON Lines), streamed. */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { LetopisError } from '../../errors.js';
import { EXPORT_FORMATS, exportEvents, type ExportFormat } from '../../report/export.js';
import type { EventStatus } from '../../store/index.js';
import { day, list, str, withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

export async function run(ctx: CommandContext): Promise<number> {
  const format = str(ctx, 'format') ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new LetopisError('USAGE', `--format: "${format}" is not csv, geojson or jsonl`);
  const filter = {
    type: list(ctx, 'type'),
    kind: str(ctx, 'kind'),
    from: day(ctx, 'from'),
    to: day(ctx, 'to'),
    region: list(ctx, 'region'),
    q: str(ctx, 'q'),
    status: (list(ctx, 'status') ?? ['published']) as EventStatus[],
  };
  const output = str(ctx, 'output');
  // A file is written beside its final name and renamed at the end: a failed export leaves no half file.
  const tmp = output ? `${output}.part-${process.pid}` : null;
  const out = tmp ? createWriteStream(tmp) : ctx.stdout;
  // A closed pipe is reported by write(); without a listener the 'error' event would crash us.
  if (!tmp) ctx.stdout.on('error', () => undefined);
  try {
    const res = await withStore(ctx, 'export', (store) =>
      exportEvents(store, out, { format: format as ExportFormat, filter, names: ctx.opts.names === true }),
    );
    if (tmp && output) {
      out.end();
      await finished(out);
      renameSync(tmp, output);
    }
    const where = output ? ` to ${output}` : '';
    const note = format === 'geojson' && res.unlocated ? ` (${res.unlocated} without coordinates, with a null geometry)` : '';
    ctx.stderr.write(`exported ${res.events} event(s)${where}${note}\n`);
    return 0;
  } catch (err) {
    // `letopis export | head`: the reader left; not an error.
    if (!tmp && (err as { code?: string }).code === 'EPIPE') return 0;
    if (tmp) {
      out.end();
      rmSync(tmp, { force: true });
    }
    throw err;
  }
}
