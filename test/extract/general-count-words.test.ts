/** Counts of people told in words: "the pair", "a dozen", «пару» (our own sentences). */
import { describe, expect, it } from 'vitest';
import { one } from './general-helpers.js';

describe('number words that count people', () => {
  it.each([
    ['en', 'On 11 May two students painted anti-war graffiti in Samara. Police detained the pair the next day.', 2],
    ['en', 'On 11 May the pair were detained in Samara.', 2],
    ['en', 'On 11 May police detained a dozen protesters in Samara.', 12],
    ['ru', '11 мая в Самаре задержали пару активистов.', 2],
    ['uk', '11 травня в Мелітополі затримали пару підлітків.', 2],
  ] as const)('%s: %s', (lang, text, n) => {
    expect(one(text, lang, 'detention', '2023-05-20').counts.detained).toBe(n);
  });
  it('"the pair" detained the next day keeps the day after the act', () => {
    expect(one('On 11 May two students painted anti-war graffiti in Samara. Police detained the pair the next day.', 'en', 'detention', '2023-05-20').date.start).toBe('2023-05-12');
  });
});
