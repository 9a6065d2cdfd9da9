/** Running totals and specific people: our own sentences. A count over a period is a tally; the named few of a told event are that event. */
import { describe, expect, it } from 'vitest';
import { one } from './general-helpers.js';

describe('running totals of cases are tallies', () => {
  it.each([
    ['en', 'Investigators have opened more than 7,300 cases of spreading "fakes" since the start of the invasion.', 7300],
    ['en', 'Judges received more than 5,000 cases of discrediting the army in 2022.', 5000],
    ['ru', 'С начала вторжения возбуждено не менее 140 дел о госизмене.', 140],
    ['ru', 'Всего за год суды получили 6,4 тыс. дел о дискредитации армии.', 6400],
  ] as const)('%s: %s', (lang, text, value) => {
    const r = one(text, lang, 'prosecution', '2023-05-20');
    expect(r.kind).toBe('tally');
    expect(r.measure).toBe('cases');
    expect(r.value).toBe(value);
  });
  it('a count over a calendar year is a period, not a day', () => {
    const r = one('Judges received more than 5,000 cases of discrediting the army in 2022.', 'en', 'prosecution', '2023-05-20');
    expect(r.date).toMatchObject({ start: '2022-01-01', end: '2022-12-31' });
  });
  it('Ukrainian: over 200 arsons since the war began', () => {
    expect(one('Від початку війни в Росії сталося понад 200 підпалів військкоматів.', 'uk', 'arson', '2023-05-20').kind).toBe('tally');
  });
});

describe('a date "4 May" is no modal "may"', () => {
  it('a sentence opening with a day in May keeps its act', () => {
    const r = one('On 4 May police detained three students in Perm.', 'en', 'detention', '2023-05-20');
    expect(r.date.start).toBe('2023-05-04');
    expect(r.counts.detained).toBe(3);
  });
});

describe('the people of the event just told are that event, not a tally', () => {
  it.each([
    ['en', 'On 4 May police detained three students in Perm. All three have been charged under Article 207.3.'],
    ['ru', '4 мая в Перми задержали трёх студентов. Всем троим предъявлены обвинения.'],
    ['uk', '4 травня в Пермі затримали трьох студентів. Усім трьом висунули обвинувачення.'],
  ] as const)('%s', (lang, text) => {
    const r = one(text, lang, 'prosecution', '2023-05-20');
    expect(r.kind).toBe('incident');
    expect(r.date.start).toBe('2023-05-04');
    expect(r.counts.charged).toBe(3);
  });
  it('a count with no group told before stays a running total', () => {
    expect(one('More than 300 people have been charged since the start of the war.', 'en', 'prosecution', '2023-05-20').kind).toBe('tally');
  });
});

describe('citizens crossing a border to leave are draft evasion', () => {
  it.each([
    ['ru', 'С 21 сентября границу с Казахстаном пересекли более 200 тысяч россиян.', 'tally'],
    ['uk', 'З 21 вересня кордон з Казахстаном перетнули понад 200 тисяч росіян.', 'tally'],
    ['en', 'Since September more than 200,000 Russians have crossed the border into Kazakhstan.', 'tally'],
    ['ru', '25 сентября границу с Грузией пересекли около 3 тысяч россиян.', 'incident'],
  ] as const)('%s: %s', (lang, text, kind) => {
    const r = one(text, lang, 'draft_evasion', '2023-05-20');
    expect(r.kind).toBe(kind);
    expect(r.place.country).toBe('RU');
  });
});

describe('counted arson attempts are a tally of cases', () => {
  it('"N arson attempts since …"', () => {
    const r = one('Police have recorded 60 arson attempts on enlistment offices since February.', 'en', 'arson', '2023-05-20');
    expect(r.kind).toBe('tally');
    expect(r.measure).toBe('cases');
    expect(r.value).toBe(60);
  });
});
