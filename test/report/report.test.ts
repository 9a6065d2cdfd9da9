import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyChartSvg } from '../../src/report/chart.js';
import { chartFor, renderHtml, renderMarkdown } from '../../src/report/render.js';
import { buildReport, previousPeriod, weeksOf, type Report } from '../../src/report/report.js';
import { lookupRegion } from '../../src/report/regions.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedAll, seedEvent } from '../export/seed.js';

let store: Store;
let report: Report;
const period = { from: '2022-09-01', to: '2022-10-31' };

beforeAll(async () => {
  store = await openStore({ memory: true });
  await seedAll(store);
  // One protest in the previous period (2022-07-02 – 2022-08-31), to compare with.
  await seedEvent(store, {
    type: 'protest', date: '2022-08-15', region: 'RU-MOW', settlement: 'Moscow', summary: 'A lone picket near the Duma.',
    sources: [{ name: 'Wire Example', url: 'https://wire.example.com/picket', ref: 'https://wire.example.com/picket', text: 'A lone picket.' }],
  });
  // A later, lower claim about the same count: the overview shows it as the latest, 54 as the highest.
  await seedEvent(store, {
    type: 'arson', kind: 'tally', date: '2022-02-24', end: '2022-10-20', precision: 'range', region: null, measure: 'facilities', value: 50, qualifier: 'about',
    attribution: ['OVD-Info'], summary: 'About 50 enlistment offices attacked with fire since February, OVD-Info counts.',
    sources: [{ name: 'OVD Example', url: 'https://ovd.example.org/count', ref: 'https://ovd.example.org/count', text: 'About fifty arsons.' }],
  });
  // Hostile text and links, in a period of their own.
  await seedEvent(store, {
    type: 'symbolic', date: '2023-01-05', region: 'RU-KDA', summary: '<script>alert("x")</script> leaflets & **stars** | pipes [link](javascript:alert(1))',
    sources: [
      { name: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', ref: 'javascript:alert(1)', text: 'Leaflets.' },
      { name: 'Quote "Example"', url: 'https://example.org/a?b=1&c="2"', ref: 'https://example.org/a', text: 'More leaflets.' },
    ],
  });
  report = await buildReport(store, period);
});
afterAll(async () => {
  await store.close();
});

describe('buildReport', () => {
  it('compares totals by type with the previous period of the same length', () => {
    expect(report.previous).toEqual({ from: '2022-07-02', to: '2022-08-31' });
    const byType = Object.fromEntries(report.totals.map((t) => [t.type, [t.count, t.previous]]));
    expect(byType).toEqual({ protest: [1, 1], arson: [1, 0], detention: [1, 0], prosecution: [1, 0] });
    expect(report.total).toEqual({ count: 4, previous: 1 });
  });

  it('lists published incidents by type in date order, each citing every source', () => {
    expect(report.sections.map((s) => s.type)).toEqual(['protest', 'arson', 'detention', 'prosecution']);
    const arson = report.sections.find((s) => s.type === 'arson')!.events[0]!;
    expect(arson.cites.length).toBe(2);
    const links = arson.cites.map((n) => report.sources[n - 1]!.link);
    // Same publication time: in the order the records were made.
    expect(links).toEqual(['https://t.me/example_channel/101', 'https://news.example.org/ruzaevka-fire']);
    expect(report.sources.map((s) => s.n)).toEqual(report.sources.map((_, i) => i + 1));
    // Numbered in reading order: each new citation is the next number.
    const seen: number[] = [];
    for (const e of [...report.sections.flatMap((x) => x.events), ...report.tallies]) for (const n of e.cites) if (!seen.includes(n)) seen.push(n);
    expect(seen).toEqual(report.sources.map((s) => s.n));
    const dates = report.sections.find((x) => x.type === 'protest')!.events.map((e) => e.date.start);
    expect([...dates].sort()).toEqual(dates);
    expect(report.sections.flatMap((s) => s.events).some((e) => e.summary.includes('relay cabinet'))).toBe(false);
  });

  it('replaces private names by initials unless names are asked for', async () => {
    const arson = report.sections.find((s) => s.type === 'arson')!.events[0]!;
    expect(arson.summary).toContain('I. P. was detained');
    const named = await buildReport(store, { ...period, names: true });
    expect(named.sections.find((s) => s.type === 'arson')!.events[0]!.summary).toContain('Ivan Petrov');
  });

  it('lists the latest and the highest claim of each tally series, with who claims them', () => {
    expect(report.tallies).toHaveLength(2);
    expect(report.tallies[0]).toMatchObject({ claim: 'latest', measure: 'facilities', value: 50, qualifier: 'about', claimedBy: ['OVD-Info'], seriesClaims: 2 });
    expect(report.tallies[1]).toMatchObject({ claim: 'highest', value: 54, qualifier: 'at_least', claimedBy: ['Mediazona'] });
    expect(report.tallies[1]!.date).toMatchObject({ start: '2022-02-24', end: '2022-10-15' });
    for (const t of report.tallies) expect(t.cites.length).toBe(1);
  });

  it('counts regions with rates per 100k inhabitants', () => {
    const mo = report.regions.find((r) => r.code === 'RU-MO')!;
    const pop = lookupRegion('RU-MO')?.population ?? null;
    expect(mo.count).toBe(1);
    expect(mo.population).toBe(pop);
    if (pop) expect(mo.per100k).toBeCloseTo(100_000 / pop, 2);
    expect(report.regions.reduce((n, r) => n + r.count, 0)).toBe(report.total.count);
  });

  it('has every week of the period, and the weeks add up to the total', () => {
    expect(report.weekly.map((w) => w.week)).toEqual(weeksOf(period));
    expect(report.weekly[0]!.week).toBe('2022-08-29'); // the Monday of the week of 1 September
    expect(report.weekly.reduce((n, w) => n + w.count, 0)).toBe(report.total.count);
    const week = (w: string): number | undefined => report.weekly.find((x) => x.week === w)?.count;
    expect(week('2022-09-19')).toBe(2); // Wednesday 21 and Sunday 25 September: one ISO week
    expect(week('2022-09-26')).toBe(1); // dated "2022-10": counted in the week of 1 October, a Saturday
    expect(week('2022-10-03')).toBe(1);
  });

  it('includes drafts when asked, filters by type and region', async () => {
    const drafts = await buildReport(store, { ...period, includeDrafts: true });
    expect(drafts.sections.map((s) => s.type)).toContain('sabotage');
    const arsonOnly = await buildReport(store, { ...period, type: ['arson'] });
    expect(arsonOnly.totals.map((t) => t.type)).toEqual(['arson']);
    const moscow = await buildReport(store, { ...period, region: ['RU-MOW'] });
    expect(moscow.total).toEqual({ count: 1, previous: 1 });
  });

  it('refuses a period that ends before it starts', async () => {
    await expect(buildReport(store, { from: '2022-10-01', to: '2022-09-01' })).rejects.toThrow(/before/);
  });

  it('works out previous periods and weeks on calendar edges', () => {
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(weeksOf({ from: '2024-01-01', to: '2024-01-07' })).toEqual(['2024-01-01']);
  });
});

describe('renderMarkdown', () => {
  it('writes every section with numbered citations, in English and Russian', () => {
    const en = renderMarkdown(report, 'en');
    expect(en).toContain('## Totals by type');
    expect(en).toContain('### Arson (1)');
    expect(en).toMatch(/Ruzaevka, Mordovia: .*\[\d+\]\[\d+\]/);
    expect(en).toContain('**2022-09-21**, Moscow: ');
    expect(en).toContain('| **Total** | **4** | **1** | **+3 (+300%)** |');
    expect(en).toContain('at least 54 facilities \\(arson, highest claim\\)');
    expect(en).toContain('about 50 facilities \\(arson, latest claim\\)');
    expect(en).toContain('<https://t.me/example_channel/101>');
    expect(en).toMatch(/`file:notes-oct\.txt[^`/]*`/);
    expect(en).not.toContain('/home/editor');
    expect(en).toContain('data:image/svg+xml;base64,');
    const ru = renderMarkdown(report, 'ru');
    expect(ru).toContain('## Итоги по типам');
    expect(ru).toContain('### Поджоги (1)');
    expect(ru).toContain('Мордовия');
  });

  it('escapes markup and raw HTML from the data', async () => {
    const hostile = await buildReport(store, { from: '2023-01-01', to: '2023-01-31' });
    const text = renderMarkdown(hostile, 'en');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('](javascript:');
    expect(text).toContain('\\*\\*stars\\*\\*');
    expect(text).not.toContain('<javascript:');
  });
});

describe('renderHtml', () => {
  it('escapes everything and follows only http(s) links', async () => {
    const hostile = await buildReport(store, { from: '2023-01-01', to: '2023-01-31' });
    const html = renderHtml(hostile, 'en');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://example.org/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain("default-src 'none'");
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    for (const href of hrefs) expect(href).toMatch(/^(https?:|#src-)/);
    expect(doc.querySelectorAll('script').length).toBe(0);
  });

  it('is one page with the inline chart, tables and the source list', () => {
    const html = renderHtml(report, 'ru');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('svg').length).toBe(1);
    expect(doc.querySelectorAll('h3').length).toBe(report.sections.length);
    expect(doc.querySelectorAll('ol.sources li').length).toBe(report.sources.length);
    expect(html).not.toMatch(/@font-face|<link|url\(/i);
    expect(renderHtml(report, 'en', { fragment: true })).toMatch(/^<article/);
  });
});

describe('weekly chart', () => {
  it('is well-formed SVG with one bar per week and no external resources', () => {
    const svg = chartFor(report, 'en');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const bars = [...doc.querySelectorAll('rect')].filter((r) => r.getAttribute('fill') === '#b3261e');
    expect(bars.length).toBe(report.weekly.length);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|@import|<script|href=/i);
  });

  it('draws a zero week as an empty bar and escapes its title', () => {
    const svg = weeklyChartSvg([{ week: '2022-01-03', count: 0 }, { week: '2022-01-10', count: 7 }], { title: 'A <b> & "c"', weekWord: 'week' });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('height="0.0"');
  });
});
