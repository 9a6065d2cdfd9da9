/**
 * Pairwise precision and recall of resolution over the dev corpora (../shared/eval/dev, dev-ru) and
 * our own reports of the same events (test/resolve/fixtures/reports.json), against the labelled
 * pairs in test/resolve/pairs.tsv. Records are the gold records (what a correct extraction gives),
 * so the figures measure resolution alone. Run: `npm run eval:resolve`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventRecord } from '../extract/record.js';
import { pkgPath } from '../paths.js';
import { insertDocument, insertRecords, openStore, type Store } from '../store/index.js';
import { resolveAll, resolveDocumentRecords } from './index.js';

export const DEFAULT_SHARED = resolve(pkgPath(''), process.env.LETOPIS_SHARED ?? '../shared');

interface GoldRecord {
  id: string;
  kind: 'incident' | 'tally';
  types: string[];
  date_min: string | null;
  date_max: string | null;
  country?: string | null;
  regions?: string[];
  settlements?: string[];
  counts?: Record<string, number>;
  measure?: string;
  value?: number;
  qualifier?: string;
  certainty?: string;
  evidence: string;
  optional?: boolean;
  actors?: string[];
  target?: string;
  attribution?: string[];
  summary?: string;
}

interface FixtureRecord extends Omit<EventRecord, 'evidence' | 'place' | 'actors' | 'counts' | 'attribution' | 'certainty' | 'target'> {
  id: string;
  evidence: string;
  place: Partial<EventRecord['place']>;
  actors?: string[];
  counts?: EventRecord['counts'];
  attribution?: string[];
  certainty?: EventRecord['certainty'];
  target?: string | null;
}

interface EvalDoc {
  name: string;
  sourceKind: string;
  sourceName: string;
  url: string | null;
  published: string;
  lang: string | null;
  text: string;
  forwardedFrom: string | null;
  copyOf: string | null;
  records: { label: string; scored: boolean; record: EventRecord }[];
}

function evidenceOf(text: string, quote: string, where: string): EventRecord['evidence'] {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`${where}: evidence not found in the text: ${quote.slice(0, 60)}`);
  return { start, end: start + quote.length, text: quote };
}

function goldToRecord(g: GoldRecord, text: string, where: string): EventRecord {
  const date: EventRecord['date'] =
    g.date_min === null ? { start: null, precision: 'unknown' }
    : g.date_min === g.date_max ? { start: g.date_min, precision: 'day' }
    : { start: g.date_min, end: g.date_max, precision: 'range' };
  const r: EventRecord = {
    kind: g.kind,
    type: g.types[0] as EventRecord['type'],
    date,
    place: {
      country: g.country ?? null,
      region: g.regions?.length === 1 ? g.regions[0]! : null,
      settlement: g.settlements?.[0] ?? null,
      lat: null,
      lon: null,
    },
    actors: g.actors ?? [],
    target: g.target ?? null,
    counts: g.counts ?? {},
    certainty: (g.certainty ?? 'reported') as EventRecord['certainty'],
    attribution: g.attribution ?? [],
    evidence: evidenceOf(text, g.evidence, where),
    summary: g.summary ?? '',
  };
  if (g.kind === 'tally') {
    r.measure = g.measure as EventRecord['measure'];
    if (g.value !== undefined) r.value = g.value;
    if (g.qualifier) r.qualifier = g.qualifier as EventRecord['qualifier'];
  }
  return r;
}

function readGoldCorpus(dir: string, sourceName: (name: string) => string, kind: string): EvalDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.gold.json'.length);
      const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { published: string; records: GoldRecord[] };
      const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
      return {
        name, sourceKind: kind, sourceName: sourceName(name), url: null, published: gold.published, lang: null, text, forwardedFrom: null, copyOf: null,
        records: gold.records.map((g) => ({ label: g.id, scored: !g.optional, record: goldToRecord(g, text, `${name} ${g.id}`) })),
      };
    });
}

function readFixtures(path: string): EvalDoc[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    documents: { id: string; source_kind: string; source_name: string; url?: string; published: string; lang?: string; text: string; forwarded_from?: string; copy_of?: string; records: FixtureRecord[] }[];
  };
  return data.documents.map((d) => ({
    name: d.id, sourceKind: d.source_kind, sourceName: d.source_name, url: d.url ?? null, published: d.published, lang: d.lang ?? null, text: d.text,
    forwardedFrom: d.forwarded_from ?? null, copyOf: d.copy_of ?? null,
    records: d.records.map(({ id, evidence, place, ...r }) => ({
      label: id,
      scored: true,
      record: {
        actors: [], counts: {}, attribution: [], certainty: 'reported', target: null, ...r,
        place: { country: null, region: null, settlement: null, lat: null, lon: null, ...place },
        evidence: evidenceOf(d.text, evidence, id),
      } as EventRecord,
    })),
  }));
}

export function readPairs(path: string): { same: Map<string, string>; different: [string, string, string][] } {
  const same = new Map<string, string>();
  const different: [string, string, string][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('a\t')) continue;
    const [a, b, label, note = ''] = line.split('\t');
    if (!a || !b || (label !== 'same' && label !== 'different')) throw new Error(`${path}: bad line: ${line}`);
    if (label === 'same') same.set(key(a, b), note);
    else different.push([a, b, note]);
  }
  return { same, different };
}

const key = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export interface PairScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  misses: string[];
  falseAlarms: string[];
}

export interface EvalResult {
  documents: number;
  records: number;
  scoredRecords: number;
  labelledSame: number;
  incremental: PairScore;
  rerun: PairScore;
  copies: { expected: number; found: number; wrong: string[] };
}

function score(clusterOf: Map<string, number>, scored: string[], same: Map<string, string>): PairScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (let i = 0; i < scored.length; i++) {
    for (let j = i + 1; j < scored.length; j++) {
      const a = scored[i]!;
      const b = scored[j]!;
      const predicted = clusterOf.get(a) === clusterOf.get(b);
      const label = same.has(key(a, b));
      if (predicted && label) tp++;
      else if (predicted) {
        fp++;
        falseAlarms.push(`${a} ~ ${b}`);
      } else if (label) {
        fn++;
        misses.push(`${a} ~ ${b} (${same.get(key(a, b))})`);
      }
    }
  }
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, misses, falseAlarms };
}

async function clusters(store: Store, recordLabel: Map<number, string>): Promise<Map<string, number>> {
  const links = await store.db.selectFrom('event_records').select(['record_id', 'event_id']).execute();
  const out = new Map<string, number>();
  for (const l of links) {
    const label = recordLabel.get(l.record_id);
    if (label) out.set(label, l.event_id);
  }
  return out;
}

/** Ingest every document in publication order through the real resolution path, then score. */
export async function evaluateResolution(shared = DEFAULT_SHARED): Promise<EvalResult> {
  const docs = [
    ...readGoldCorpus(join(shared, 'eval/dev'), (n) => `dev-article-${n}`, 'file'),
    ...readGoldCorpus(join(shared, 'eval/dev-ru'), () => 'Сводка несогласия', 'telegram'),
    ...readFixtures(pkgPath('test/resolve/fixtures/reports.json')),
  ].sort((a, b) => a.published.localeCompare(b.published) || a.name.localeCompare(b.name));
  const { same } = readPairs(pkgPath('test/resolve/pairs.tsv'));
  const store = await openStore({ memory: true });
  try {
    const recordLabel = new Map<number, string>();
    const docId = new Map<string, number>();
    const scored: string[] = [];
    let records = 0;
    for (const d of docs) {
      await store.db.transaction().execute(async (trx) => {
        const doc = await insertDocument(trx, {
          source_kind: d.sourceKind, source_name: d.sourceName, source_ref: `eval:${d.name}`, url: d.url, title: null, lang: d.lang,
          published_at: d.published, text: d.text, sha256: `eval:${d.name}`, forwarded_from: d.forwardedFrom,
        });
        docId.set(d.name, doc.id);
        const rows = await insertRecords(trx, doc.id, d.records.map((r) => r.record), 'eval');
        rows.forEach((row, i) => {
          const r = d.records[i]!;
          recordLabel.set(row.id, r.label);
          if (r.scored) scored.push(r.label);
        });
        records += rows.length;
        await resolveDocumentRecords(trx, doc, rows);
      });
    }
    const incremental = score(await clusters(store, recordLabel), scored, same);
    await resolveAll(store);
    const rerun = score(await clusters(store, recordLabel), scored, same);
    const copyRows = await store.db.selectFrom('documents').select(['id', 'source_ref', 'copy_of']).execute();
    const byId = new Map(copyRows.map((r) => [r.id, r]));
    const wrong: string[] = [];
    let expected = 0;
    let found = 0;
    for (const d of docs) {
      const row = byId.get(docId.get(d.name)!)!;
      const want = d.copyOf ? docId.get(d.copyOf)! : null;
      if (want !== null) expected++;
      if (want !== null && row.copy_of === want) found++;
      else if (row.copy_of !== want) wrong.push(`${d.name}: copy_of ${row.copy_of === null ? 'none' : byId.get(row.copy_of)?.source_ref} (expected ${d.copyOf ?? 'none'})`);
    }
    return { documents: docs.length, records, scoredRecords: scored.length, labelledSame: same.size, incremental, rerun, copies: { expected, found, wrong } };
  } finally {
    await store.close();
  }
}

function report(name: string, s: PairScore): string {
  return [
    `${name}: precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (true pairs found ${s.truePositives}, false pairs ${s.falsePositives}, missed ${s.falseNegatives})`,
    ...s.misses.map((m) => `  missed: ${m}`),
    ...s.falseAlarms.map((m) => `  false:  ${m}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const shared = DEFAULT_SHARED;
  if (!existsSync(join(shared, 'eval/dev')) || !existsSync(join(shared, 'eval/dev-ru'))) {
    console.log(`skipped: no dev corpora at ${join(shared, 'eval')} (set LETOPIS_SHARED to the folder holding eval/)`);
    return;
  }
  const r = await evaluateResolution(shared);
  console.log(`resolution, pairwise: ${r.documents} documents, ${r.records} records (${r.scoredRecords} scored), ${r.labelledSame} labelled same-event pairs`);
  console.log(report('ingest (incremental)', r.incremental));
  console.log(report('letopis resolve (full re-run)', r.rerun));
  console.log(`near-duplicate documents: ${r.copies.found}/${r.copies.expected} copies linked${r.copies.wrong.length ? `; wrong: ${r.copies.wrong.join('; ')}` : ', no false link'}`);
  const ok = (s: PairScore): boolean => s.precision >= 0.95 && s.recall >= 0.85;
  console.log(`goals (precision >= 0.95, recall >= 0.85): ${ok(r.incremental) && ok(r.rerun) ? 'met' : 'NOT met'}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
