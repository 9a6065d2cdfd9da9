/** Classes 8 and 10 on our own sentences: who acted is counted as people; mentions that are no events give no record. */
import { describe, expect, it } from 'vitest';
import { one, recs, types } from './general-helpers.js';

describe('people who acted are people, not facilities', () => {
  it.each([
    ['ru', 'Двое молодых людей бросили бутылки с зажигательной смесью в военкомат в Омске 5 марта.', 'arson'],
    ['uk', 'Троє чоловіків пошкодили релейну шафу біля Орші 6 березня.', 'sabotage'],
  ] as const)('%s', (lang, text, type) => {
    const r = one(text, lang, type, '2022-03-10');
    expect(r.counts.facilities).toBeUndefined();
    expect(r.counts.people).toBeGreaterThan(1);
  });
  it('keeps counted buildings as facilities', () => {
    expect(one('В ночь на 6 марта подожгли два военкомата в Омске.', 'ru', 'arson', '2022-03-10').counts.facilities).toBe(2);
  });
});

describe('mentions that are no events', () => {
  it('a sentence under a law is a prosecution, not a new law', () => {
    expect(types('The court handed down the first real prison term under the new law on "fakes" on 9 December.', 'en', '2022-12-10')).toEqual(['incident/prosecution']);
    expect(types('9 декабря суд впервые назначил реальный срок по новому закону о «фейках».', 'ru', '2022-12-10')).toEqual(['incident/prosecution']);
  });
  it('slogans of a rally are no symbolic act of their own', () => {
    expect(types('6 марта в Омске прошла акция с антивоенными лозунгами.', 'ru', '2022-03-10')).toEqual(['incident/protest']);
    expect(types('6 березня в Херсоні пройшла акція з проукраїнськими гаслами.', 'uk', '2022-03-10')).toEqual(['incident/protest']);
  });
  it('a channel announcement is no detention', () => {
    expect(recs('Каждый вечер мы публикуем короткую сводку задержаний за день.', 'ru', '2022-03-10')).toEqual([]);
  });
});
