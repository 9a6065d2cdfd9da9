/** `letopis extract`: one text in, contract records out; no database. */
import { readFile } from 'node:fs/promises';
import { LetopisError } from '../../errors.js';
import { extract } from '../../extract/index.js';
import { LANGS, type Lang } from '../../extract/record.js';
import { decodeBytes, normaliseText } from '../../ingest/decode.js';
import { isInputError } from '../../ingest/document.js';
import { day, str } from '../context.js';
import { jsonl, table } from '../format.js';
import type { CommandContext } from '../spec.js';

async function readInput(path: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LetopisError(code === 'ENOENT' ? 'NOT_FOUND' : 'INPUT', `${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  const path = ctx.args[0];
  if (!path || ctx.args.length > 1) throw new LetopisError('USAGE', 'give one FILE, or - for standard input. Run `letopis extract --help`.');
  const lang = str(ctx, 'lang');
  if (lang && !(LANGS as readonly string[]).includes(lang)) throw new LetopisError('USAGE', `--lang: "${lang}" is not one of ${LANGS.join(', ')}`);
  const format = str(ctx, 'format') ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'table') throw new LetopisError('USAGE', `--format: "${format}" is not jsonl or table`);
  const published = day(ctx, 'published') ?? null;

  const decoded = decodeBytes(await readInput(path));
  if (!decoded.ok) throw new LetopisError('INPUT', `${path}: ${decoded.message}`);
  // Plain text keeps its offsets as given; HTML and front matter are reduced to their text first.
  let text = decoded.text;
  let pub = published;
  if (/\.(html?|md|markdown)$/i.test(path)) {
    // Loaded on demand: the HTML reader costs ~0.2 s of imports that plain text never needs.
    const { textToDocument } = await import('../../ingest/files.js');
    const doc = textToDocument(path, decoded.text, { published });
    if (isInputError(doc)) throw new LetopisError('INPUT', `${path}: ${doc.message}`);
    text = normaliseText(doc.text);
    pub = published ?? (doc.publishedAt ? doc.publishedAt.slice(0, 10) : null);
  }
  const { records } = extract(text, { published: pub, lang: (lang as Lang | undefined) ?? null });
  if (format === 'jsonl') {
    ctx.stdout.write(jsonl(records));
  } else {
    ctx.stdout.write(table(['kind', 'type', 'date', 'region', 'settlement', 'counts', 'certainty', 'evidence'], records.map((r) => ({
      kind: r.kind,
      type: r.type,
      date: [r.date.start, r.date.end].filter(Boolean).join('..') || '?',
      region: r.place.region ?? r.place.country,
      settlement: r.place.settlement,
      counts: r.kind === 'tally' ? `${r.measure}=${r.qualifier ?? ''} ${r.value}` : Object.entries(r.counts).map(([k, v]) => `${k}=${v}`).join(' '),
      certainty: r.certainty,
      evidence: r.evidence.text,
    }))));
  }
  return 0;
}
