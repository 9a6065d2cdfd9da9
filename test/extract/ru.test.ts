/** The Russian pack and lexicon, on sentences written for these tests. */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import type { DateContext } from '../../src/extract/lang/types.js';
import { ru } from '../../src/extract/lang/ru.js';
import { getLexicon } from '../../src/extract/lexicon.js';
import type { EventRecord } from '../../src/extract/record.js';

const lex = getLexicon('ru')!;
const ctx = (published: string): DateContext => ({ published, ref: published, warStart: '2022-02-24' });
const dates = (s: string, published = '2022-10-05') =>
  ru.findDates(s, 0, ctx(published), lex).map((d) => ({ text: s.slice(d.start, d.end), role: d.role, ...d.date }));
const nums = (s: string) => ru.findQuantities(s, 0, lex).map((q) => ({ value: q.value, qualifier: q.qualifier, form: q.form, category: q.category, vague: q.vague }));
const run = (text: string, published = '2022-10-05'): EventRecord[] => extract(text, { published }).records;

describe('Russian dates', () => {
  it('reads days with month names in any case, resolving the year towards the past', () => {
    expect(dates('3 октября в Самаре')).toMatchObject([{ start: '2022-10-03', precision: 'day', role: 'on' }]);
    expect(dates('ещё 28 декабря', '2023-01-10')).toMatchObject([{ start: '2022-12-28' }]);
    expect(dates('к 15 марта 2022 года')).toMatchObject([{ start: '2022-03-15', role: 'by' }]);
    expect(dates('в мае')).toMatchObject([{ start: '2022-05', precision: 'month' }]);
    expect(dates('25 машин')).toEqual([]);
  });
  it('reads nights, ranges and relative days against the publication day', () => {
    expect(dates('в ночь на 2 октября')).toMatchObject([{ start: '2022-10-01', end: '2022-10-02', precision: 'range' }]);
    expect(dates('в ночь с 1 на 2 октября')).toMatchObject([{ start: '2022-10-01', end: '2022-10-02' }]);
    // 2022-10-05 is a Wednesday.
    expect(dates('в ночь на вторник')).toMatchObject([{ start: '2022-10-03', end: '2022-10-04' }]);
    expect(dates('в понедельник')).toMatchObject([{ start: '2022-10-03' }]);
    expect(dates('во вторник')).toMatchObject([{ start: '2022-10-04' }]);
    expect(dates('вчера вечером')).toMatchObject([{ start: '2022-10-04' }]);
    expect(dates('накануне')).toMatchObject([{ start: '2022-10-04' }]);
    expect(dates('сегодня днём')).toMatchObject([{ start: '2022-10-05' }]);
    expect(dates('с 1 по 3 октября')).toMatchObject([{ start: '2022-10-01', end: '2022-10-03' }]);
    expect(dates('за последние три дня')).toMatchObject([{ start: '2022-10-02', end: '2022-10-05' }]);
  });
  it('tells the start of a counted period from the start of a state', () => {
    expect(dates('с начала войны задержаны 300 человек')).toMatchObject([{ role: 'since', start: '2022-02-24' }]);
    expect(dates('всего с 1 марта задержаны 300 человек')).toMatchObject([{ role: 'since', start: '2022-03-01' }]);
    expect(dates('с начала мобилизации сгорели 20 военкоматов')).toMatchObject([{ role: 'since', start: '2022-09-21' }]);
    // «находившиеся с 6 сентября на сборах»: no period is counted, so no date at all.
    expect(dates('бойцы, с 6 сентября находившиеся на сборах, отказались')).toEqual([]);
    // «арестовал до 30 ноября»: the end of custody, not the date of anything.
    expect(dates('суд арестовал его до 30 ноября')).toEqual([]);
    // «заявил сегодня»: the day of the statement, not of what it tells.
    expect(dates('выехали 30 тысяч человек, заявил сегодня министр')).toEqual([]);
  });
});

describe('Russian numbers', () => {
  it('reads digits with space-grouped thousands, decimals with multipliers and qualifiers', () => {
    expect(nums('задержаны 12 345 человек')[0]).toMatchObject({ value: 12345, category: 'people' });
    expect(nums('свыше 1300 задержанных')[0]).toMatchObject({ value: 1300, qualifier: 'more_than', category: 'people' });
    expect(nums('около 6,4 тыс. человек')[0]).toMatchObject({ value: 6400, qualifier: 'about' });
    expect(nums('не менее 40 бойцов')[0]).toMatchObject({ value: 40, qualifier: 'at_least', category: 'soldiers' });
  });
  it('reads numbers in words and cases', () => {
    expect(nums('двое активистов')[0]).toMatchObject({ value: 2, category: 'people' });
    expect(nums('трём студентам')[0]).toMatchObject({ value: 3, category: 'people' });
    expect(nums('двенадцати военнослужащих')[0]).toMatchObject({ value: 12, category: 'soldiers' });
    expect(nums('более ста задержанных')[0]).toMatchObject({ value: 100, qualifier: 'more_than' });
    expect(nums('больше сотни мобилизованных')[0]).toMatchObject({ value: 100, qualifier: 'more_than', vague: false });
    expect(nums('более тысячи человек')[0]).toMatchObject({ value: 1000, vague: false });
    expect(nums('двадцать пять человек')[0]).toMatchObject({ value: 25 });
  });
  it('keeps vague numbers apart and skips what is not a count', () => {
    expect(nums('сотни людей')[0]).toMatchObject({ vague: true });
    expect(nums('в десятках городов')[0]).toMatchObject({ vague: true });
    expect(nums('до 10 лет лишения свободы')).toEqual([]);
    expect(nums('штраф 50 тысяч рублей')).toEqual([]);
    expect(nums('по статье 207.3 УК')).toEqual([]);
    expect(nums('30-летний житель')).toEqual([]);
    expect(nums('в 2022 году')).toEqual([]);
    expect(nums('около 11:30')).toEqual([]);
  });
  it('knows partitives and companions', () => {
    expect(nums('9 из них — в Москве')[0]).toMatchObject({ value: 9, form: 'partitive' });
    expect(nums('из них не менее 70 — в Москве')[0]).toMatchObject({ value: 70, form: 'partitive', qualifier: 'at_least' });
    // The commander and his 5 men are six.
    expect(nums('командир роты и 5 его подчинённых')[0]).toMatchObject({ value: 6, category: 'soldiers' });
  });
});

describe('Russian extraction', () => {
  it('finds an arson with its place and night', () => {
    const [r, ...rest] = run('В ночь на 2 октября неизвестные бросили бутылку с зажигательной смесью в окно военкомата в Ижевске.');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ kind: 'incident', type: 'arson', target: 'enlistment_office', date: { start: '2022-10-01', end: '2022-10-02' } });
    expect(r!.place.region).toBe('RU-UD');
  });
  it('finds detentions with their count and the source', () => {
    const recs = run('Вчера в Казани полиция задержала трёх человек с плакатами. Об этом сообщает «ОВД-Инфо».');
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ type: 'detention', counts: { detained: 3 }, date: { start: '2022-10-04' } });
    expect(recs[0]!.place.settlement).toBe('Kazan');
  });
  it('splits a total and its share in one city', () => {
    const recs = run('В воскресенье полиция задержала 800 человек в 30 городах, из них не менее 350 — в Москве.');
    expect(recs.map((r) => r.counts.detained).sort()).toEqual([350, 800]);
    expect(recs.find((r) => r.counts.detained === 350)!.place.region).toBe('RU-MOW');
  });
  it('makes a tally of a count since the start of the war, and of its sub-period', () => {
    const recs = run('По подсчётам журналистов, с начала войны в России подожгли 40 военкоматов, 9 из них — за последнюю неделю.');
    expect(recs.map((r) => [r.kind, r.type, r.value])).toEqual([['tally', 'arson', 40], ['tally', 'arson', 9]]);
    expect(recs[0]!.date).toMatchObject({ start: '2022-02-24', end: '2022-10-05' });
  });
  it('reads sentences, fines and charges', () => {
    const [r] = run('Ленинский районный суд Самары приговорил активиста к шести годам колонии за посты о войне.');
    expect(r).toMatchObject({ type: 'prosecution', place: { region: 'RU-SAM' } });
    const [f] = run('Суд в Перми оштрафовал пенсионерку на 30 тысяч рублей за антивоенную листовку.');
    expect(f).toMatchObject({ type: 'prosecution', counts: {} });
  });
  it('marks hedged reports', () => {
    const [r] = run('По неподтверждённым данным, в Брянске сгорело здание военкомата.');
    expect(r).toMatchObject({ type: 'arson', certainty: 'rumoured' });
  });
  it('reads refusals and self-immolation', () => {
    expect(run('В Курске мобилизованные отказались ехать на фронт без снаряжения.')[0]).toMatchObject({ type: 'refusal' });
    const recs = run('В Чите мужчина облил себя бензином и поджёг у здания военкомата.');
    expect(recs.map((r) => r.type)).toEqual(['self_harm']);
  });
  it('gives no record for appeals, fundraising and opinion', () => {
    expect(run('Поддержите нас: мы собираем деньги на адвокатов для задержанных на акциях. Реквизиты в закреплённом посте.')).toEqual([]);
    expect(run('Призываем всех выйти на пикеты в субботу. Не молчите!')).toEqual([]);
    expect(run('Почему протесты не стали массовыми? Мы думаем, что страх сильнее гнева, а каждый приговор только добавляет страха.')).toEqual([]);
  });
  it('drops the channel footer and hashtags', () => {
    const text = 'Поджог в Твери\n\nВчера в Твери подожгли дверь военкомата.\n\n#поджоги\n\nНаш канал | Подписаться';
    const recs = run(text);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.evidence.text).toBe('Вчера в Твери подожгли дверь военкомата.');
  });
});
