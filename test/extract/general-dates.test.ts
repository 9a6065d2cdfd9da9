/** Class 7: relative dates resolve instead of falling back to "start of the war → publication". Our own sentences. */
import { describe, expect, it } from 'vitest';
import { one } from './general-helpers.js';

describe('last week is the calendar week before the publication week', () => {
  // published Thursday 2022-03-10: the week before runs Monday 28 February to Sunday 6 March
  it.each([
    ['en', 'Last week police detained three students in Kazan.'],
    ['ru', 'На прошлой неделе в Казани задержали трёх студентов.'],
    ['uk', 'Минулого тижня у Херсоні окупанти затримали трьох активістів.'],
  ] as const)('%s', (lang, text) => {
    const r = one(text, lang, 'detention', '2022-03-10');
    expect(r.date).toMatchObject({ start: '2022-02-28', end: '2022-03-06' });
    expect(r.counts.detained).toBe(3);
  });
});

describe('the next day counts from the day just told', () => {
  it.each([
    ['en', 'Police detained a teacher in Omsk on 5 March. The next day a court fined her.'],
    ['ru', '5 марта в Омске задержали учительницу. На следующий день суд оштрафовал её.'],
    ['uk', '5 березня в Бердянську затримали вчительку. Наступного дня суд оштрафував її.'],
  ] as const)('%s', (lang, text) => {
    const r = one(text, lang, 'prosecution', '2022-03-10');
    expect(r.date.start).toBe('2022-03-06');
  });
  it('is no date at all when no day was told before', () => {
    const r = one('На следующий день суд в Омске оштрафовал учительницу.', 'ru', 'prosecution', '2022-03-10');
    expect(r.date.start).not.toBe('2022-03-11');
  });
});

describe('explicit days, weekdays, the day before yesterday', () => {
  it('an explicit day wins', () => {
    expect(one('On 28 October a man threw a petrol bomb at the enlistment office in Ufa.', 'en', 'arson', '2022-11-10').date.start).toBe('2022-10-28');
  });
  it.each([
    ['en', 'The day before yesterday an activist was detained in Tomsk.', '2022-03-08'],
    ['ru', 'Позавчера в Томске задержали активиста.', '2022-03-08'],
    ['uk', 'Позавчора у Мелітополі затримали журналіста.', '2022-03-08'],
    ['ru', 'В понедельник в Томске задержали активиста.', '2022-03-07'],
  ] as const)('%s: %s', (lang, text, day) => {
    expect(one(text, lang, 'detention', '2022-03-10').date.start).toBe(day);
  });
});
