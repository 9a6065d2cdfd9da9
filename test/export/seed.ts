/** A small chronicle written for these tests (our own sentences), shared by export, backup and report tests. */
import { createHash } from 'node:crypto';
import type { EventRecord, EventType } from '../../src/extract/record.js';
import { appendAudit, insertDocument, insertEvent, insertRecords, linkRecords, recordFields, type EventStatus, type Store } from '../../src/store/index.js';

export interface SeedEvent {
  type: EventType;
  kind?: 'incident' | 'tally';
  date: string;
  end?: string;
  precision?: 'day' | 'month' | 'range';
  country?: string;
  region?: string | null;
  settlement?: string | null;
  lat?: number | null;
  lon?: number | null;
  summary: string;
  status?: EventStatus;
  counts?: Record<string, number>;
  measure?: 'detained' | 'facilities' | 'cases';
  value?: number;
  qualifier?: 'exact' | 'about' | 'at_least';
  attribution?: string[];
  actors?: string[];
  sources: { name: string; url?: string | null; ref: string; kind?: 'url' | 'telegram' | 'file'; text: string }[];
}

let docSeq = 0;

/** Insert one event with its documents and records; returns the event id. */
export async function seedEvent(store: Store, e: SeedEvent): Promise<number> {
  const db = store.db;
  const rec: EventRecord = {
    kind: e.kind ?? 'incident',
    type: e.type,
    date: { start: e.date, ...(e.end ? { end: e.end } : {}), precision: e.precision ?? 'day' },
    place: { country: e.country ?? 'RU', region: e.region ?? null, settlement: e.settlement ?? null, lat: e.lat ?? null, lon: e.lon ?? null },
    actors: e.actors ?? [],
    target: null,
    counts: e.counts ?? {},
    ...(e.measure ? { measure: e.measure, value: e.value ?? 0, qualifier: e.qualifier ?? 'exact' } : {}),
    certainty: 'reported',
    attribution: e.attribution ?? [],
    evidence: { start: 0, end: 10, text: e.sources[0]?.text.slice(0, 10) ?? '' },
    summary: e.summary,
  };
  const recordIds: number[] = [];
  for (const s of e.sources) {
    docSeq++;
    const doc = await insertDocument(db, {
      source_kind: s.kind ?? (s.url?.startsWith('https://t.me/') ? 'telegram' : 'url'),
      source_name: s.name,
      source_ref: `${s.ref}#${docSeq}`,
      url: s.url ?? null,
      title: null,
      lang: 'en',
      published_at: `${(e.end ?? e.date).length === 7 ? `${e.end ?? e.date}-28` : e.end ?? e.date}T12:00:00Z`,
      text: s.text,
      sha256: createHash('sha256').update(`${docSeq}:${s.text}`).digest('hex'),
    });
    const [r] = await insertRecords(db, doc.id, [{ ...rec, evidence: { start: 0, end: s.text.length, text: s.text } }], 'test-1');
    recordIds.push(r!.id);
  }
  const ev = await insertEvent(db, recordFields(rec), {
    status: e.status ?? 'published',
    independent_sources: new Set(e.sources.map((s) => s.name)).size,
    source_count: e.sources.length,
    search_text: e.summary,
  });
  await linkRecords(db, ev.id, recordIds);
  await appendAudit(db, { actor: 'test', action: 'create', entity: 'event', entityId: ev.id, after: { status: ev.status } });
  return ev.id;
}

/** Six events in autumn 2022 and one in 2021, in several shapes. */
export const SEED: SeedEvent[] = [
  {
    type: 'arson', date: '2022-09-25', region: 'RU-MO', settlement: 'Ruzaevka', lat: 54.06, lon: 44.95,
    summary: 'Two petrol bombs were thrown at the enlistment office in Ruzaevka; Ivan Petrov was detained the next day.',
    sources: [
      { name: 'Channel One Example', url: 'https://t.me/example_channel/101', ref: 'tg:1/101', text: 'Fire at the enlistment office, one man held.' },
      { name: 'Mordovia News Example', url: 'https://news.example.org/ruzaevka-fire', ref: 'https://news.example.org/ruzaevka-fire', text: 'Petrol bombs hit the office door.' },
    ],
  },
  {
    type: 'protest', date: '2022-09-21', region: 'RU-MOW', settlement: 'Moscow', lat: 55.75, lon: 37.62, counts: { participants: 300, detained: 40 },
    summary: 'Several hundred people marched on the Arbat against mobilisation announced by Putin.',
    sources: [{ name: 'Wire Example', url: 'https://wire.example.com/arbat', ref: 'https://wire.example.com/arbat', text: 'A march on the Arbat, dozens held.' }],
  },
  {
    type: 'detention', date: '2022-10-03', region: 'RU-SPE', settlement: null, counts: { detained: 12 },
    summary: '=HYPERLINK("http://evil.example") Twelve students were held in St Petersburg, among them Мария Сергеевна Иванова.',
    sources: [{ name: 'local file', ref: '/home/editor/private/notes-oct.txt', kind: 'file', text: 'Twelve students held after a picket.' }],
  },
  {
    type: 'prosecution', date: '2022-10', precision: 'month', region: 'RU-DA', summary: 'A criminal case was opened against a teacher for anti-war posts, "fakes" article.',
    sources: [{ name: 'Court Watch Example', url: 'https://court.example.net/case/7', ref: 'https://court.example.net/case/7', text: 'Case opened against a teacher.' }],
  },
  {
    type: 'arson', kind: 'tally', date: '2022-02-24', end: '2022-10-15', precision: 'range', region: null, measure: 'facilities', value: 54, qualifier: 'at_least',
    attribution: ['Mediazona'], summary: 'At least 54 enlistment offices set on fire since the invasion began, according to Mediazona.',
    sources: [{ name: 'Mediazona Example', url: 'https://zona.example.media/count', ref: 'https://zona.example.media/count', text: 'We count at least 54 arson attacks.' }],
  },
  {
    type: 'sabotage', date: '2022-10-10', region: 'RU-IRK', settlement: 'Ust-Ilimsk', lat: 58.0, lon: 102.66, status: 'draft',
    summary: 'A relay cabinet on the railway was burned near Ust-Ilimsk (unverified).',
    sources: [{ name: 'Rail Example', url: null, ref: 'tg:55/9', kind: 'telegram', text: 'Relay cabinet burned.' }],
  },
  {
    type: 'protest', date: '2021-04-21', region: 'RU-MOW', settlement: 'Moscow', lat: 55.75, lon: 37.62,
    summary: 'An earlier rally, outside the overview period.',
    sources: [{ name: 'Wire Example', url: 'https://wire.example.com/2021', ref: 'https://wire.example.com/2021', text: 'An earlier rally.' }],
  },
];

export async function seedAll(store: Store): Promise<number[]> {
  const ids: number[] = [];
  for (const e of SEED) ids.push(await seedEvent(store, e));
  return ids;
}
