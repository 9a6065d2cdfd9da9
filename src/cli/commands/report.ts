/** `letopis report`: the overview of a period as Markdown or HTML. */
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LetopisError } from '../../errors.js';
import { chartFor, renderHtml, renderMarkdown, REPORT_LANGS, type ReportLang } from '../../report/render.js';
import { buildReport } from '../../report/report.js';
import { day, list, str, withStore } from '../context.js';
import type { CommandContext } from '../spec.js';

/** Write beside the final name, then rename: a failed run leaves no half-written overview. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.part-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function run(ctx: CommandContext): Promise<number> {
  const from = day(ctx, 'from');
  const to = day(ctx, 'to');
  if (!from || !to) throw new LetopisError('USAGE', '--from and --to are required (YYYY-MM-DD)');
  const format = str(ctx, 'format') ?? 'md';
  if (format !== 'md' && format !== 'html') throw new LetopisError('USAGE', `--format: "${format}" is not md or html`);
  const lang = (str(ctx, 'lang') ?? 'en') as ReportLang;
  if (!REPORT_LANGS.includes(lang)) throw new LetopisError('USAGE', `--lang: "${lang}" is not ${REPORT_LANGS.join(' or ')}`);
  const output = str(ctx, 'output');
  const report = await withStore(ctx, 'report', (store) =>
    buildReport(store, {
      from,
      to,
      type: list(ctx, 'type'),
      region: list(ctx, 'region'),
      includeDrafts: ctx.opts['include-drafts'] === true,
      names: ctx.opts.names === true,
      title: str(ctx, 'title'),
    }),
  );
  let text: string;
  if (format === 'html') text = renderHtml(report, lang);
  else if (output) {
    // Beside a Markdown file the chart is its own SVG file; on standard output it is embedded.
    const svg = `${output.replace(/\.(md|markdown)$/i, '')}-weekly.svg`;
    writeAtomically(svg, chartFor(report, lang));
    text = renderMarkdown(report, lang, { chartHref: basename(svg) });
  } else text = renderMarkdown(report, lang);
  if (output) writeAtomically(output, text);
  else ctx.stdout.write(text);
  const events = report.sections.reduce((n, s) => n + s.events.length, 0);
  ctx.stderr.write(`overview ${from} – ${to}: ${events} event(s), ${report.tallies.length} tally(ies), ${report.sources.length} source(s)${output ? ` → ${output}` : ''}\n`);
  return 0;
}
