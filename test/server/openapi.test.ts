/** The OpenAPI document is generated from the route table; this keeps the checked-in copy and the routes in step. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pkgPath } from '../../src/paths.js';
import { createApp } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/index.js';

const FILE = pkgPath('src/server/openapi.json');
let store: Store;
beforeAll(async () => {
  store = await openStore({ memory: true });
});
afterAll(async () => store?.close());

it('documents every API route the app answers, and nothing else', async () => {
  const app = createApp({ store, local: false });
  const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe('3.1.0');
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  const routed = app.routes
    .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  expect([...new Set(routed)].sort()).toEqual(documented);
});

it('matches the checked-in src/server/openapi.json (UPDATE_OPENAPI=1 rewrites it)', async () => {
  const app = createApp({ store, local: false });
  const text = JSON.stringify(await (await app.request('/api/openapi.json')).json(), null, 2) + '\n';
  if (process.env.UPDATE_OPENAPI || !existsSync(FILE)) writeFileSync(FILE, text);
  expect(readFileSync(FILE, 'utf8')).toBe(text);
});

it('answers in the shapes the document promises', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const { seed } = await import('./seed.js');
  const [id] = await seed(store, [
    { text: 'Two people were fined in Perm for a sticker on a bus stop.', evidence: 'fined in Perm for a sticker', type: 'prosecution', date: '2022-11-02', region: 'RU-PER', settlement: 'Perm', counts: { fined: 2 } },
    { text: 'A monitor said 19,000 people had been detained since February.', evidence: '19,000 people had been detained', type: 'detention', date: '2022-11-05', kind: 'tally', measure: 'detained', value: 19000, attribution: ['a monitor'] },
  ]);
  const app = createApp({ store, local: false });
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: { 200: { content: { 'application/json': { schema: object } } } } }>>; components: { schemas: Record<string, object> } };
  const ajv = new Ajv2020({ strict: false });
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
  const check = async (path: string, url: string): Promise<void> => {
    const schema = doc.paths[path]!.get!.responses[200].content['application/json'].schema;
    const body = await (await app.request(url)).json();
    const ok = ajv.validate(schema, body);
    expect(ajv.errors ?? [], `${url}: ${ajv.errorsText()}`).toEqual([]);
    expect(ok).toBe(true);
  };
  await check('/api/events', '/api/events');
  await check('/api/events/{id}', `/api/events/${id}`);
  await check('/api/aggregates', '/api/aggregates?by=region,type');
  await check('/api/tallies', '/api/tallies');
  await check('/api/session', '/api/session');
  await check('/api/health', '/api/health');
});
