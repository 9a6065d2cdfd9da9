/** "The same day/night" is the day of the act told just before, not the day a statement was made (our own sentences). */
import { describe, expect, it } from 'vitest';
import { one } from './general-helpers.js';

describe('the same day/night follows the act, not the statement', () => {
  it.each([
    ['en', 'On 6 May a recruitment office in Omsk was set on fire, police said on 9 May. The same night two teenagers were detained in Omsk.'],
    ['en', 'On 6 May a recruitment office in Omsk was set on fire, police said on 9 May. That weekend two teenagers were detained in Omsk.'],
    ['ru', '6 мая в Омске подожгли военкомат, сообщили в полиции 9 мая. Той же ночью в Омске задержали двух подростков.'],
    ['ru', '6 мая в Омске подожгли военкомат, сообщили в полиции 9 мая. В тот же день в Омске задержали двух подростков.'],
    ['uk', '6 травня в Мелітополі підпалили авто окупантів, повідомили 9 травня. Тієї ж ночі в Мелітополі затримали двох підлітків.'],
    ['uk', '6 травня в Мелітополі підпалили авто окупантів, повідомили 9 травня. Того ж дня в Мелітополі затримали двох підлітків.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(one(text, lang, 'arson', '2023-05-20').date).toEqual({ start: '2023-05-06', precision: 'day' });
    expect(one(text, lang, 'detention', '2023-05-20').date).toEqual({ start: '2023-05-06', precision: 'day' });
  });
  it('"said on Tuesday that …" dates the telling; the act keeps its own day', () => {
    const r = one('Police said on Tuesday that unknown people set fire to a recruitment office in Omsk on 6 May.', 'en', 'arson', '2023-05-20');
    expect(r.date).toEqual({ start: '2023-05-06', precision: 'day' });
  });
});
