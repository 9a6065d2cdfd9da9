/**
 * End-to-end in a real browser: Debian's Chromium driven by playwright-core against the built web app
 * (dist/web) and the real server on a random port. Skips, saying why, without Chromium or a build.
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkgPath } from '../../src/paths.js';
import { createApp } from '../../src/server/app.js';
import { addUser } from '../../src/server/auth.js';
import { loadStatic } from '../../src/server/static.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seed } from '../server/seed.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB = pkgPath('dist/web');
const ready = existsSync(CHROMIUM) && existsSync(`${WEB}/index.html`);
if (!existsSync(CHROMIUM)) console.log(`test/web/e2e: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);
else if (!ready) console.log(`test/web/e2e: skipped, the web app is not built (${WEB}); run npm run build`);

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.skipIf(!ready)('web app in Chromium', () => {
  let store: Store;
  let server: ServerType;
  let browser: Browser;
  let base = '';
  const requests: string[] = [];
  const cspErrors: string[] = [];
  let ids: number[] = [];

  beforeAll(async () => {
    store = await openStore({ memory: true });
    ids = await seed(store, [
      { text: 'On 21 September police detained 12 people on Arbat street in Moscow after an anti-war picket.', evidence: 'police detained 12 people on Arbat street', type: 'detention', date: '2022-09-21', region: 'RU-MOW', settlement: 'Moscow', counts: { detained: 12 }, summary: 'Twelve detained on Arbat' },
      { text: 'Someone threw a burning bottle at the enlistment office in Uryupinsk overnight.', evidence: 'threw a burning bottle at the enlistment office', type: 'arson', date: '2022-09-26', region: 'RU-VGG', settlement: 'Uryupinsk', summary: 'Enlistment office attacked in Uryupinsk' },
      { text: 'В Казани задержали троих участников одиночного пикета у мэрии.', evidence: 'задержали троих участников одиночного пикета', type: 'detention', date: '2022-09-24', region: 'RU-TA', settlement: 'Казань', counts: { detained: 3 }, summary: 'Трое задержаны в Казани' },
      { text: 'An unverified message says students in Grodno hung a banner against the war.', evidence: 'students in Grodno hung a banner', type: 'symbolic', date: '2022-10-02', region: 'BY-HR', settlement: 'Grodno', status: 'draft', summary: 'Banner in Grodno awaiting review' },
      { text: 'A second unverified note: leaflets against mobilisation appeared in Brest.', evidence: 'leaflets against mobilisation appeared in Brest', type: 'symbolic', date: '2022-09-30', region: 'BY-BR', settlement: 'Brest', status: 'draft', summary: 'Leaflets in Brest awaiting review' },
      { text: `A channel quoted the post verbatim: ${XSS} and nothing else.`, evidence: XSS, type: 'protest', date: '2022-10-05', region: 'RU-SPE', settlement: 'Saint Petersburg', summary: `Markup test ${XSS}` },
    ]);
    await addUser(store, 'editor1', 'correct horse battery');
    const app = createApp({ store, local: false, web: loadStatic(WEB), apiPerMinute: 0 });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await store?.close();
  });

  async function open(path: string, context?: Awaited<ReturnType<Browser['newContext']>>): Promise<Page> {
    const page = await (context ?? (await browser.newContext({ locale: 'en-GB' }))).newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) cspErrors.push(m.text()); });
    await page.goto(base + path);
    return page;
  }

  const rowIds = async (page: Page): Promise<number[]> =>
    (await page.locator('table.events tbody tr').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.id)))).sort((a, b) => a - b);

  it('shows published events only, with a timeline and the map', async () => {
    const page = await open('/');
    await page.waitForSelector('table.events tbody tr');
    expect(await rowIds(page)).toEqual([ids[0], ids[1], ids[2], ids[5]].sort((a, b) => a! - b!));
    expect(await page.locator('svg.timeline .bar rect').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.cartogram .tile').count()).toBe(117);
    await page.close();
  });

  it('searches in Russian and keeps the search in the URL', async () => {
    const page = await open('/');
    await page.waitForSelector('table.events tbody tr');
    await page.fill('input[name="q"]', 'пикет');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('table.events tbody tr').length === 1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('пикет');
    expect(await rowIds(page)).toEqual([ids[2]]);
    // The shared URL shows the same view.
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await again.waitForFunction(() => document.querySelectorAll('table.events tbody tr').length === 1);
    expect(await rowIds(again)).toEqual([ids[2]]);
    await page.close();
    await again.close();
  });

  it('filters everything by clicking a region on the map', async () => {
    const page = await open('/');
    await page.waitForSelector('svg.cartogram .tile');
    await page.click('svg.cartogram .tile[data-region="RU-TA"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('region') === 'RU-TA');
    await page.waitForFunction(() => document.querySelectorAll('table.events tbody tr').length === 1);
    expect(await rowIds(page)).toEqual([ids[2]]);
    expect(await page.locator('svg.cartogram .tile.selected').getAttribute('data-region')).toBe('RU-TA');
    await page.close();
  });

  it('opens an event with its evidence highlighted and its sources', async () => {
    const page = await open('/');
    await page.click(`table.events tr[data-id="${ids[0]}"] a`);
    await page.waitForSelector('article.event');
    expect(new URL(page.url()).pathname).toBe(`/events/${ids[0]}`);
    expect(await page.locator('blockquote.evidence mark').textContent()).toBe('police detained 12 people on Arbat street');
    expect(await page.locator('ol.sources a').getAttribute('href')).toMatch(/^https:\/\/example\.org\//);
    await page.close();
  });

  it('shows markup in evidence as text (stored XSS)', async () => {
    const page = await open(`/events/${ids[5]}`);
    await page.waitForSelector('blockquote.evidence mark');
    expect(await page.locator('blockquote.evidence mark').textContent()).toBe(XSS);
    expect(await page.locator('article.event img, article.event script').count()).toBe(0);
    await page.goto(`${base}/?q=markup`);
    await page.waitForSelector('table.events tbody tr');
    expect(await page.locator('table.events img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('lets an editor log in, step through drafts with keys, reject one and publish another, which then appears publicly', async () => {
    const anon = await open(`/events/${ids[3]}`);
    await anon.waitForSelector('main p');
    expect(await anon.locator('article.event').count()).toBe(0);
    await anon.close();

    const ctx = await browser.newContext({ locale: 'en-GB' });
    const page = await open('/login', ctx);
    await page.fill('input[name="name"]', 'editor1');
    await page.fill('input[name="password"]', 'correct horse battery');
    await page.click('form.login button[type="submit"]');
    // The queue is newest first: Grodno (2 Oct), then Brest (30 Sep).
    await page.waitForSelector(`article.event[data-id="${ids[3]}"]`);
    expect(new URL(page.url()).pathname).toBe('/review');
    // Edit the first draft's summary and region through the form (E), then step on.
    await page.keyboard.press('e');
    await page.fill('form.edit textarea[name="summary"]', 'Banner against the war in Grodno');
    await page.selectOption('form.edit select[name="region"]', 'BY-HR');
    await page.click('form.edit button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('article.event .summary')?.textContent === 'Banner against the war in Grodno');
    await page.keyboard.press('n');
    await page.waitForSelector(`article.event[data-id="${ids[4]}"]`);
    await page.keyboard.press('r');
    await page.waitForSelector(`article.event[data-id="${ids[3]}"]`);
    expect(await page.locator('ol.queue li').count()).toBe(1);
    await page.keyboard.press('p');
    await page.waitForSelector('.review-detail .empty');
    await ctx.close();

    const pub = await open('/');
    await pub.waitForSelector(`table.events tr[data-id="${ids[3]}"]`);
    expect(await pub.locator(`table.events tr[data-id="${ids[3]}"] a`).textContent()).toBe('Banner against the war in Grodno');
    expect(await pub.locator(`table.events tr[data-id="${ids[4]}"]`).count()).toBe(0);
    await pub.close();
  });

  it('switches the interface to Russian', async () => {
    const page = await open('/?lang=ru');
    await page.waitForSelector('table.events');
    expect(await page.locator('#h-table').textContent()).toBe('События');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await page.close();
  });

  it('fits a phone screen without sideways scrolling, and colours the map by rate', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const page = await open('/?colour=rate', ctx);
    await page.waitForSelector('table.events tbody tr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const label = await page.locator('svg.cartogram .tile[data-region="RU-MOW"]').getAttribute('aria-label');
    expect(label).toMatch(/\/ 100k/);
    await ctx.close();
  });

  it('made no request to another origin and broke no CSP rule', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => new URL(u).origin !== base)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
