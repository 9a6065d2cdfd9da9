import { describe, expect, it } from 'vitest';
import { addDays, addMonths, bounds, inferYear, inferYearOfMonth, normalisePublished } from '../../src/extract/dates.js';
import { en } from '../../src/extract/lang/en.js';
import { getLexicon } from '../../src/extract/lexicon.js';
import type { DateContext } from '../../src/extract/lang/types.js';

const lex = getLexicon('en')!;
const ctx = (published: string, ref = published): DateContext => ({ published, ref, warStart: '2022-02-24' });
const dates = (s: string, c = ctx('2022-10-20')) => en.findDates(s, 0, c, lex).map((d) => ({ text: s.slice(d.start, d.end), role: d.role, ...d.date }));

describe('calendar helpers', () => {
  it('infers the latest past year for a day without one', () => {
    expect(inferYear(3, 13, '2022-09-28')).toBe(2022);
    expect(inferYear(12, 30, '2023-01-05')).toBe(2022);
    expect(inferYear(10, 21, '2022-10-20')).toBe(2022); // two days of grace for announcements
    expect(inferYear(11, 1, '2022-10-20')).toBe(2021);
    expect(inferYearOfMonth(11, '2022-10-20')).toBe(2021);
    expect(inferYearOfMonth(10, '2022-10-20')).toBe(2022);
  });
  it('adds days and months, gives bounds', () => {
    expect(addDays('2022-02-24', 21)).toBe('2022-03-17');
    expect(addMonths('2022-01-31', 1)).toBe('2022-02-28');
    expect(bounds('2022-02')).toEqual(['2022-02-01', '2022-02-28']);
    expect(bounds('2021')).toEqual(['2021-01-01', '2021-12-31']);
    expect(normalisePublished('2022-09-25T10:00:00+03:00')).toBe('2022-09-25');
    expect(normalisePublished('nonsense')).toBeNull();
  });
});

describe('English dates', () => {
  it('reads day and month in both orders, resolving the year to the past', () => {
    expect(dates('On 5 November police came.')[0]).toMatchObject({ start: '2021-11-05', precision: 'day', role: 'on' });
    expect(dates('It happened on October 3rd.')[0]).toMatchObject({ start: '2022-10-03', precision: 'day' });
    expect(dates('Since 2 March 2021 the case...')[0]).toMatchObject({ start: '2021-03-02', role: 'since' });
  });
  it('reads ranges and nights', () => {
    expect(dates('between 24th and 28th of February the police')[0]).toMatchObject({ start: '2022-02-24', end: '2022-02-28', precision: 'range' });
    expect(dates('on the night of 5 to 6 October two men')[0]).toMatchObject({ start: '2022-10-05', end: '2022-10-06' });
    expect(dates('on the night of Sept. 22 a fire')[0]).toMatchObject({ start: '2022-09-22', end: '2022-09-23' });
    expect(dates('from March 5 to March 7')[0]).toMatchObject({ start: '2022-03-05', end: '2022-03-07' });
  });
  it('reads parts of months and by/as-of roles', () => {
    expect(dates('As of mid-March, the count')[0]).toMatchObject({ start: '2022-03-11', end: '2022-03-20', role: 'by' });
    expect(dates('by March 13 alone')[0]).toMatchObject({ start: '2022-03-13', role: 'by' });
    expect(dates('At the end of March the governor')[0]).toMatchObject({ start: '2022-03-21', end: '2022-03-31' });
    expect(dates('in early April several')[0]).toMatchObject({ start: '2022-04-01', end: '2022-04-10' });
  });
  it('does not read month names inside other words or as verbs', () => {
    expect(dates('students in Novosibirsk may march')).toEqual([]);
    expect(dates('In Mayskoye the rally')).toEqual([]);
  });
  it('knows the war as a reference point', () => {
    expect(dates('since the start of the war, 54 offices')[0]).toMatchObject({ start: '2022-02-24', role: 'since' });
    expect(dates('in the month since the outbreak of hostilities, 12')[0]).toMatchObject({ start: '2022-02-24', end: '2022-03-24' });
    expect(dates('during 10 days of the conflict')[0]).toMatchObject({ start: '2022-02-24', end: '2022-03-06' });
    expect(dates('on the very first day the rallies')[0]).toMatchObject({ start: '2022-02-24', precision: 'day' });
  });
  it('resolves relative expressions against the paragraph reference day', () => {
    expect(dates('In the last 48 hours, three', ctx('2022-10-20', '2022-03-28'))[0]).toMatchObject({ start: '2022-03-26', end: '2022-03-28' });
    expect(dates('Yesterday a man')[0]).toMatchObject({ start: '2022-10-19' });
    expect(dates('On Sunday, police')[0]).toMatchObject({ start: '2022-10-16' });
    expect(dates('Earlier in the year, dozens')[0]).toMatchObject({ start: '2022-01-01', end: '2022-10-20' });
    expect(dates('two weeks ago a court')[0]).toMatchObject({ precision: 'range' });
  });
  it('reads years and year ranges', () => {
    expect(dates('in 2014–2015, when raids')[0]).toMatchObject({ start: '2014', end: '2015' });
    expect(dates('In 2021 the law')[0]).toMatchObject({ start: '2021', precision: 'year' });
  });
});
