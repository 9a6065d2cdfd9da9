/** Class 11: one party's version ("according to investigators", «по версии следствия») is a claim. Our own sentences. */
import { describe, expect, it } from 'vitest';
import { one } from './general-helpers.js';

describe('hedged reports are claimed', () => {
  it.each([
    ['en', 'According to investigators, the student set fire to a police car in Omsk on 5 March.', 'arson'],
    ['en', 'Police claim the two men damaged a railway signal box near Orsha on 6 March.', 'sabotage'],
    ['ru', 'По данным следствия, студент поджёг полицейскую машину в Омске 5 марта.', 'arson'],
    ['ru', 'Силовики утверждают, что двое мужчин повредили релейный шкаф под Оршей 6 марта.', 'sabotage'],
    ['uk', 'За версією міліції, двоє чоловіків пошкодили релейну шафу біля Орші 6 березня.', 'sabotage'],
    ['uk', 'Слідчі стверджують, що студент підпалив поліцейську машину в Омську 5 березня.', 'arson'],
  ] as const)('%s: %s', (lang, text, type) => {
    expect(one(text, lang, type, '2022-03-10').certainty).toBe('claimed');
  });
  it('keeps the prosecution record after the hedge', () => {
    const r = one('По версии следствия, мужчина бросил бутылку с зажигательной смесью в военкомат в Омске 5 марта. Против него возбудили уголовное дело.', 'ru', 'prosecution', '2022-03-10');
    expect(r.place.settlement).toBe('Omsk');
  });
  it('leaves a plain report reported', () => {
    expect(one('A student set fire to a police car in Omsk on 5 March.', 'en', 'arson', '2022-03-10').certainty).toBe('reported');
  });
});
