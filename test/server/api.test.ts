import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { addUser } from '../../src/server/auth.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seed } from './seed.js';

let store: Store;
let ids: number[];

beforeAll(async () => {
  store = await openStore({ memory: true });
  ids = await seed(store, [
    { text: 'On 21 September about forty people gathered on Arbat street in Moscow; police detained 12 of them.', evidence: 'police detained 12 of them', type: 'detention', date: '2022-09-21', region: 'RU-MOW', settlement: 'Moscow', counts: { detained: 12 } },
    { text: 'Unknown people set fire to the draft office in Uryupinsk at night, a local channel wrote.', evidence: 'set fire to the draft office in Uryupinsk', type: 'arson', date: '2022-09-26', region: 'RU-VGG', settlement: 'Uryupinsk' },
    { text: 'В Казани задержали троих участников пикета против мобилизации.', evidence: 'задержали троих участников пикета', type: 'detention', date: '2022-09-24', region: 'RU-TA', settlement: 'Казань', counts: { detained: 3 } },
    { text: 'A draft account of a protest in Minsk that nobody has checked yet.', evidence: 'a protest in Minsk', type: 'protest', date: '2022-09-25', region: 'BY-HM', status: 'draft' },
    { text: 'Rights groups counted 2,400 detentions since mobilisation began.', evidence: 'counted 2,400 detentions', type: 'detention', date: '2022-09-30', kind: 'tally', measure: 'detained', value: 2400, attribution: ['OVD-Info'] },
  ]);
});
afterAll(async () => store?.close());

describe('public API', () => {
  const app = () => createApp({ store, local: false });

  it('lists published events only, newest first', async () => {
    const res = await app().request('/api/events');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { id: number; status: string; sources: { url: string }[] }[]; next: string | null };
    expect(body.events.map((e) => e.id)).toEqual([ids[4], ids[1], ids[2], ids[0]]);
    expect(body.events.every((e) => e.status === 'published')).toBe(true);
    // Each event's own source, fetched for the whole page at once.
    expect(body.events.map((e) => e.sources.map((s) => s.url))).toEqual([4, 1, 2, 0].map((i) => [`https://example.org/news/${i + 1}`]));
    expect(body.next).toBeNull();
  });

  it('pages with a keyset cursor', async () => {
    const a = app();
    const first = (await (await a.request('/api/events?limit=2')).json()) as { events: { id: number }[]; next: string };
    expect(first.events).toHaveLength(2);
    const second = (await (await a.request(`/api/events?limit=2&after=${encodeURIComponent(first.next)}`)).json()) as { events: { id: number }[] };
    expect(second.events.map((e) => e.id)).toEqual([ids[2], ids[0]]);
  });

  it('filters by type, region, date and full text in Russian and English', async () => {
    const a = app();
    const get = async (qs: string) => ((await (await a.request(`/api/events?${qs}`)).json()) as { events: { id: number }[] }).events.map((e) => e.id);
    expect(await get('type=arson')).toEqual([ids[1]]);
    expect(await get('region=RU-MOW,RU-TA')).toEqual([ids[2], ids[0]]);
    expect(await get('from=2022-09-22&to=2022-09-25')).toEqual([ids[2]]);
    expect(await get('q=detained')).toEqual([ids[0]]);
    expect(await get('q=' + encodeURIComponent('пикет'))).toEqual([ids[2]]);
  });

  it('answers invalid parameters with a 400 naming the parameter', async () => {
    const a = app();
    for (const [qs, param] of [['type=picnic', 'type'], ['from=21.09.2022', 'from'], ['limit=0', 'limit'], ['region=Moscow', 'region'], ['after=xyz', 'after'], ['colour=red', 'colour']] as const) {
      const res = await a.request(`/api/events?${qs}`);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { param: string; message: string } };
      expect(body.error.param).toBe(param);
      expect(body.error.message).toContain(param);
    }
    expect((await a.request('/api/events/abc')).status).toBe(400);
  });

  it('hides drafts from the public, shows them to no one without a session', async () => {
    const a = app();
    expect((await a.request(`/api/events/${ids[3]}`)).status).toBe(404);
    expect((await a.request('/api/events?status=draft')).status).toBe(403);
    expect((await a.request('/api/review/queue')).status).toBe(401);
  });

  it('returns one event with its sources and the evidence in its text', async () => {
    const res = await app().request(`/api/events/${ids[0]}`);
    const ev = (await res.json()) as { sources: { url: string }[]; records: { excerpt: string; excerpt_start: number; evidence_start: number; evidence_end: number }[] };
    expect(ev.sources[0]!.url).toMatch(/^https:\/\/example.org/);
    const r = ev.records[0]!;
    expect(r.excerpt.slice(r.evidence_start - r.excerpt_start, r.evidence_end - r.excerpt_start)).toBe('police detained 12 of them');
  });

  it('aggregates by region with rates per 100k and by week and type', async () => {
    const a = app();
    const byRegion = (await (await a.request('/api/aggregates?by=region&kind=incident')).json()) as { rows: { key: string[]; events: number; counts: Record<string, number>; rate_per_100k: number | null; population: number | null }[]; total: number };
    expect(byRegion.total).toBe(3);
    const mow = byRegion.rows.find((r) => r.key[0] === 'RU-MOW')!;
    expect(mow.counts.detained).toBe(12);
    expect(mow.population).toBeGreaterThan(10_000_000);
    expect(mow.rate_per_100k).toBeCloseTo((1 / mow.population!) * 100_000, 3);
    const weekly = (await (await a.request('/api/aggregates?by=week,type&kind=incident')).json()) as { rows: { key: string[]; events: number }[] };
    // 21 Sep 2022 was a Wednesday: its week starts Monday the 19th; the 24th is in the same week, the 26th in the next.
    expect(weekly.rows).toEqual([
      { key: ['2022-09-19', 'detention'], events: 2, counts: { detained: 15 } },
      { key: ['2022-09-26', 'arson'], events: 1, counts: {} },
    ]);
    expect((await a.request('/api/aggregates')).status).toBe(400);
    expect((await a.request('/api/aggregates?by=colour')).status).toBe(400);
  });

  it('returns tally series with attribution', async () => {
    const body = (await (await app().request('/api/tallies')).json()) as { series: { measure: string; points: { value: number; attribution: string[] }[] }[] };
    expect(body.series).toHaveLength(1);
    expect(body.series[0]!.points[0]).toMatchObject({ value: 2400, attribution: ['OVD-Info'] });
  });

  it('sends security headers with a same-origin CSP', async () => {
    const res = await app().request('/api/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('rate-limits the public API', async () => {
    const a = createApp({ store, local: false, apiPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await a.request('/api/health')).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('editors', () => {
  beforeAll(async () => {
    await addUser(store, 'vera', 'a long enough passphrase');
  });

  it('log in with a cookie, see drafts, and need the CSRF token to change state', async () => {
    const a = createApp({ store, local: false });
    const bad = await a.request('/api/login', { method: 'POST', body: JSON.stringify({ name: 'vera', password: 'wrong password!!' }) });
    expect(bad.status).toBe(401);
    const res = await a.request('/api/login', { method: 'POST', body: JSON.stringify({ name: 'vera', password: 'a long enough passphrase' }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/letopis_session=[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const { csrf } = (await res.json()) as { csrf: string };
    const headers = { cookie: cookie.split(';')[0]! };
    const session = (await (await a.request('/api/session', { headers })).json()) as { editor: boolean; csrf: string };
    expect(session).toMatchObject({ editor: true, csrf });
    expect((await a.request(`/api/events/${ids[3]}`, { headers })).status).toBe(200);
    const queue = (await (await a.request('/api/review/queue', { headers })).json()) as { events: { id: number }[] };
    expect(queue.events.map((e) => e.id)).toEqual([ids[3]]);
    // a state change without the CSRF header is refused, as is one from another origin
    expect((await a.request('/api/documents', { method: 'POST', headers, body: '{"documents":[]}' })).status).toBe(403);
    expect((await a.request('/api/documents', { method: 'POST', headers: { ...headers, 'x-csrf-token': csrf, origin: 'https://evil.example' }, body: '{"documents":[]}' })).status).toBe(403);
    expect((await a.request('/api/documents', { method: 'POST', headers: { ...headers, 'x-csrf-token': csrf }, body: '{"documents":[]}' })).status).toBe(200);
    await a.request('/api/logout', { method: 'POST', headers: { ...headers, 'x-csrf-token': csrf } });
    expect((await a.request('/api/review/queue', { headers })).status).toBe(403);
  });

  it('accept the ingest token on POST /api/documents only', async () => {
    const a = createApp({ store, local: false, ingestToken: 'tok-123' });
    const auth = { authorization: 'Bearer tok-123' };
    expect((await a.request('/api/documents', { method: 'POST', headers: auth, body: '{"documents":[]}' })).status).toBe(200);
    expect((await a.request('/api/documents', { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{"documents":[]}' })).status).toBe(401);
    expect((await a.request('/api/review/queue', { headers: auth })).status).toBe(401);
  });

  it('limit login attempts', async () => {
    const a = createApp({ store, local: false, loginPer15Min: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await a.request('/api/login', { method: 'POST', body: JSON.stringify({ name: 'vera', password: `guess number ${i}` }) })).status);
    expect(codes).toEqual([401, 401, 429]);
  });
});

describe('local mode', () => {
  it('makes everyone an editor but still needs the CSRF token, and answers only to loopback names', async () => {
    const a = createApp({ store, local: true });
    const s = (await (await a.request('/api/session')).json()) as { editor: boolean; local: boolean; csrf: string };
    expect(s).toMatchObject({ editor: true, local: true });
    expect((await a.request('/api/documents', { method: 'POST', body: '{"documents":[]}' })).status).toBe(403);
    expect((await a.request('/api/documents', { method: 'POST', headers: { 'x-csrf-token': s.csrf }, body: '{"documents":[]}' })).status).toBe(200);
    expect((await a.request('http://attacker.example/api/session', { headers: { host: 'attacker.example' } })).status).toBe(421);
  });
});

describe('review through the API', () => {
  it('publishes a draft with the CSRF token, after which the public sees it; a stale version is a 409', async () => {
    const local = createApp({ store, local: true });
    const { csrf } = (await (await local.request('/api/session')).json()) as { csrf: string };
    const [draft] = await seed(store, [{ text: 'Students in Vitebsk left flowers at a memorial, a draft says.', evidence: 'left flowers at a memorial', type: 'symbolic', date: '2022-10-09', region: 'BY-VI', status: 'draft' }]);
    const pub = createApp({ store, local: false });
    expect((await pub.request(`/api/events/${draft}`)).status).toBe(404);
    const detail = (await (await local.request(`/api/events/${draft}`)).json()) as { version: number };
    const post = (path: string, body: unknown) => local.request(path, { method: 'POST', headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await local.request(`/api/events/${draft}/publish`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await post(`/api/events/${draft}/publish`, { expectedVersion: detail.version + 5 })).status).toBe(409);
    expect((await post(`/api/events/${draft}/publish`, { expectedVersion: detail.version })).status).toBe(200);
    expect((await pub.request(`/api/events/${draft}`)).status).toBe(200);
    const hist = (await (await local.request(`/api/events/${draft}/history`)).json()) as { history: { action: string; actor: string }[] };
    expect(hist.history.some((h) => h.actor === 'local')).toBe(true);
    expect((await post(`/api/events/${draft}/edit`, { patch: 'nope' })).status).toBe(400);
    const edited = await post(`/api/events/${draft}/edit`, { patch: { summary: 'Flowers at the memorial in Vitebsk', place: { country: 'BY', region: 'BY-VI', settlement: 'Vitebsk' } } });
    expect(edited.status).toBe(200);
    const after = (await (await pub.request(`/api/events/${draft}`)).json()) as { summary: string; place: { settlement: string } };
    expect(after).toMatchObject({ summary: 'Flowers at the memorial in Vitebsk', place: { settlement: 'Vitebsk' } });
    expect((await post(`/api/events/${draft}/dispute`, {})).status).toBe(400);
  });
});

describe('report', () => {
  it('builds an overview of a period for the public, and keeps names and drafts for editors', async () => {
    const a = createApp({ store, local: false });
    const res = await a.request('/api/report?from=2022-09-19&to=2022-09-30');
    expect(res.status).toBe(200);
    const r = (await res.json()) as { total: { count: number }; sections: { type: string }[] };
    expect(r.sections.map((s) => s.type)).toEqual(expect.arrayContaining(['arson', 'detention']));
    expect((await a.request('/api/report?from=2022-09-19')).status).toBe(400);
    expect((await a.request('/api/report?from=2022-09-19&to=2022-09-30&names=true')).status).toBe(403);
  });
});
