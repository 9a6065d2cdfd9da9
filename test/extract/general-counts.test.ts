/**
 * Classes 2–4 of the held-out failures, on our own sentences: a day's count is an incident and a
 * period's a tally; two counts in one sentence are two records; a list of towns is a wave's scope.
 */
import { describe, expect, it } from 'vitest';
import { one, recs } from './general-helpers.js';

describe('a count for one day is an incident, a count for a period a tally', () => {
  it.each([
    ['en', 'Some 640 people were detained on 13 March.', 640],
    ['ru', '13 марта задержали около 640 человек.', 640],
    ['uk', '13 березня затримали близько 640 людей.', 640],
  ] as const)('%s day count', (lang, text, n) => {
    const r = one(text, lang, 'detention', '2022-03-20');
    expect(r.kind).toBe('incident');
    expect(r.counts.detained).toBe(n);
    expect(r.date.start).toBe('2022-03-13');
  });
  it.each([
    ['en', 'Since 24 February more than 14,000 people have been detained in total.'],
    ['ru', 'Всего с 24 февраля задержали более 14 тысяч человек.'],
    ['uk', 'Загалом з 24 лютого затримали понад 14 тисяч людей.'],
  ] as const)('%s period count', (lang, text) => {
    const r = one(text, lang, 'detention', '2022-03-20');
    expect(r.kind).toBe('tally');
    expect(r.value).toBe(14000);
    expect(r.date.start).toBe('2022-02-24');
  });
});

describe('two figures in one sentence are two records', () => {
  it('en: a day and a period', () => {
    const rs = recs('Police detained more than 1,200 people on 13 March, and by the end of March almost 16,000 had been detained.', 'en', '2022-04-05');
    expect(rs.map((r) => [r.kind, r.counts.detained ?? r.value])).toEqual([['incident', 1200], ['tally', 16000]]);
    expect(rs[0]!.date.start).toBe('2022-03-13');
    expect(rs[1]!.date.end).toBe('2022-03-31');
  });
  it('ru: the second figure without its own verb', () => {
    const rs = recs('13 марта полиция задержала более 1200 человек, а к концу марта — почти 16 тысяч.', 'ru', '2022-04-05');
    expect(rs.map((r) => [r.kind, r.counts.detained ?? r.value])).toEqual([['incident', 1200], ['tally', 16000]]);
    expect(rs[1]!.date.end).toBe('2022-03-31');
  });
  it('ru/uk/en: a count per city', () => {
    const ru = recs('В Казани задержали не менее 40 человек, ещё 25 — в Уфе.', 'ru', '2022-03-20');
    expect(ru.map((r) => [r.place.settlement, r.counts.detained])).toEqual([['Kazan', 40], ['Ufa', 25]]);
    const uk = recs('У Казані затримали щонайменше 40 людей, ще 25 — в Уфі.', 'uk', '2022-03-20');
    expect(uk.map((r) => [r.place.settlement, r.counts.detained])).toEqual([['Kazan', 40], ['Ufa', 25]]);
    const en = recs('At least 40 people were detained in Kazan and 25 in Ufa.', 'en', '2022-03-20');
    expect(en.map((r) => [r.place.settlement, r.counts.detained])).toEqual([['Kazan', 40], ['Ufa', 25]]);
  });
});

describe('a list of towns is the scope of a wave: the country only', () => {
  it.each([
    ['en', 'On 13 March rallies took place from Khabarovsk to Kaliningrad.', 'protest'],
    ['en', 'On 13 March protests took place in Kazan, Ufa and other cities.', 'protest'],
    ['ru', '13 марта акции протеста прошли в Казани, Уфе и других городах.', 'protest'],
    ['uk', '13 березня акції протесту пройшли в Казані, Уфі та інших містах.', 'protest'],
  ] as const)('%s: %s', (lang, text, type) => {
    const r = one(text, lang, type, '2022-03-20');
    expect(r.place.country).toBe('RU');
    expect(r.place.settlement).toBeNull();
  });
  it('does not lend a listed town to the next sentence', () => {
    const rs = recs('13 марта акции протеста прошли в Казани, Уфе и других городах. Полиция задержала более 800 человек.', 'ru', '2022-03-20');
    const d = rs.find((r) => r.type === 'detention')!;
    expect(d.place.settlement).toBeNull();
  });
  it('keeps a single town', () => {
    expect(one('On 13 March a rally took place in Kazan.', 'en', 'protest', '2022-03-20').place.settlement).toBe('Kazan');
  });
});
