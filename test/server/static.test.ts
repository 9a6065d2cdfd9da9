/** The built app is served from memory: hashed assets cached for good, pages revalidated, compressed when asked. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadStatic } from '../../src/server/static.js';
import { openStore, type Store } from '../../src/store/index.js';

let store: Store;
const dir = mkdtempSync(join(tmpdir(), 'letopis-web-'));
beforeAll(async () => {
  store = await openStore({ memory: true });
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
});
afterAll(async () => store?.close());

it('serves assets immutable, pages with no-cache, any other path as the app, and honours ETags and gzip', async () => {
  const app = createApp({ store, local: true, web: loadStatic(dir) });
  const js = await app.request('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
  expect(js.status).toBe(200);
  expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(js.headers.get('content-encoding')).toBe('gzip');
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  const page = await app.request('/events/12');
  expect(page.headers.get('cache-control')).toBe('no-cache');
  expect(await page.text()).toContain('/assets/app-abc123.js');
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  const again = await app.request('/', { headers: { 'if-none-match': page.headers.get('etag')! } });
  expect(again.status).toBe(304);
  expect((await app.request('/assets/missing.js')).status).toBe(404);
  expect((await app.request('/assets/../index.html')).status).not.toBe(500);
});
