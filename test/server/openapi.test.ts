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
