/** The Ukrainian pack and lexicon, on sentences written for these tests. */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import type { DateContext } from '../../src/extract/lang/types.js';
import { uk } from '../../src/extract/lang/uk.js';
import { getLexicon } from '../../src/extract/lexicon.js';
import type { EventRecord } from '../../src/extract/record.js';

const lex = getLexicon('uk')!;
const ctx = (published: string): DateContext => ({ published, ref: published, warStart: '2022-02-24' });
const dates = (s: string, published = '2022-10-05') => uk.findDates(s, 0, ctx(published), lex).map((d) => ({ role: d.role, ...d.date }));
const nums = (s: string) => uk.findQuantities(s, 0, lex).map((q) => ({ value: q.value, qualifier: q.qualifier, form: q.form, category: q.category, vague: q.vague }));
const run = (text: string, published = '2022-10-05'): EventRecord[] => extract(text, { published }).records;

describe('Ukrainian dates', () => {
  it('reads month names, weekdays and relative days', () => {
    expect(dates('24 лютого', '2022-10-05')).toMatchObject([{ start: '2022-02-24', precision: 'day' }]);
    expect(dates('3 жовтня 2022 року')).toMatchObject([{ start: '2022-10-03' }]);
    // 2022-10-05 is a Wednesday.
    expect(dates('у неділю')).toMatchObject([{ start: '2022-10-02' }]);
    expect(dates("у п'ятницю")).toMatchObject([{ start: '2022-09-30' }]);
    expect(dates('в ніч на 4 жовтня')).toMatchObject([{ start: '2022-10-03', end: '2022-10-04' }]);
    expect(dates('учора')).toMatchObject([{ start: '2022-10-04' }]);
    expect(dates('напередодні')).toMatchObject([{ start: '2022-10-04' }]);
    expect(dates('вночі невідомі')).toMatchObject([{ start: '2022-10-04', end: '2022-10-05' }]);
    expect(dates('з початку повномасштабного вторгнення затримали 40 людей')).toMatchObject([{ role: 'since', start: '2022-02-24' }]);
  });
});

describe('Ukrainian numbers', () => {
  it('reads words, cases, multipliers and qualifiers', () => {
    expect(nums('трьом мешканцям')[0]).toMatchObject({ value: 3, category: 'people' });
    expect(nums('понад 200 тисяч громадян')[0]).toMatchObject({ value: 200000, qualifier: 'more_than', category: 'people' });
    expect(nums('щонайменше п’ятьох активістів')[0]).toMatchObject({ value: 5, qualifier: 'at_least' });
    expect(nums('близько 90% тіла')).toEqual([]);
    expect(nums('до 30 днів')).toEqual([]);
    expect(nums('засудили до 21–23 років')).toEqual([]);
  });
});

describe('Ukrainian extraction', () => {
  it('reads a dispersed rally in an occupied city', () => {
    const [r, ...rest] = run('Сьогодні в Енергодарі окупанти кидали гранати, щоб розігнати проукраїнський мітинг.');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ type: 'protest', date: { start: '2022-10-05' }, place: { region: 'UA-23' } });
  });
  it('reads detentions, sentences and sabotage', () => {
    expect(run('Учора в Мелітополі окупанти затримали двох чоловіків за проукраїнські дописи.')[0])
      .toMatchObject({ type: 'detention', counts: { detained: 2 }, date: { start: '2022-10-04' } });
    expect(run('Мінський міський суд сьогодні виніс вирок двом залізничникам.')[0])
      .toMatchObject({ type: 'prosecution', counts: { sentenced: 2 } });
    expect(run('У ніч на 2 жовтня під Гомелем невідомі підпалили релейну шафу на залізниці.')[0])
      .toMatchObject({ type: 'sabotage', target: 'railway', place: { region: 'BY-HO' } });
  });
  it('reads self-immolation as one record', () => {
    const recs = run('У Вологді чоловік облив себе бензином і підпалив біля військкомату.');
    expect(recs.map((r) => r.type)).toEqual(['self_harm']);
  });
  it('reads civilians turning back a column', () => {
    expect(run('Учора жителі села вийшли назустріч колоні техніки і змусили її повернути назад.')[0]).toMatchObject({ type: 'civil_resistance' });
  });
  it('gives no record for appeals', () => {
    expect(run('Закликаємо всіх вийти на акцію в неділю. Підтримайте наш збір на адвокатів затриманих.')).toEqual([]);
  });
});
