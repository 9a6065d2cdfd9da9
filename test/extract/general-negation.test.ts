/** Negated, generic and appeal sentences give no record (our own sentences). */
import { describe, expect, it } from 'vitest';
import { recs, types } from './general-helpers.js';

describe('nobody was detained: no detention', () => {
  it.each([
    ['en', 'A recruitment office in Tver was set on fire on 3 May. No one has been detained over the fire.'],
    ['en', 'A recruitment office in Tver was set on fire on 3 May. Nobody has been arrested yet.'],
    ['ru', '3 мая в Твери подожгли военкомат. Никто не был задержан.'],
    ['uk', '3 травня в Твері підпалили військкомат. Нікого не затримали.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(types(text, lang, '2023-05-20')).toEqual(['incident/arson']);
  });
});

describe('a group named by what happened to it is no new event', () => {
  it('"most of those detained" tells no detention', () => {
    expect(types('Most of those detained have been charged with vandalism.', 'en', '2023-05-20')).toEqual([]);
    expect(types('Most of those detained in Perm on 4 May have been fined.', 'en', '2023-05-20')).not.toContain('incident/detention');
  });
});

describe('fundraising appeals are no reports', () => {
  it.each([
    ['en', 'Please donate to support the families of protesters detained in Perm on 4 May.'],
    ['en', 'You can help the students arrested in Omsk on 2 May: bank details are below.'],
    ['ru', 'Просим помочь семьям задержанных 4 мая в Перми, реквизиты ниже.'],
    ['uk', 'Просимо підтримати родини затриманих 4 травня в Мелітополі, реквізити нижче.'],
    ['en', 'We are raising money for lawyers for the students detained at the rally in Perm on 4 May.'],
    ['ru', 'Собираем деньги на адвокатов для студентов, задержанных на акции в Перми 4 мая.'],
    ['uk', 'Збираємо кошти на адвокатів для студентів, затриманих на акції в Пермі 4 травня.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(recs(text, lang, '2023-05-20')).toEqual([]);
  });
});

describe('habits and statements about a whole group are no events', () => {
  it.each([
    ['en', 'Protesters detained in Russia are usually fined under Article 20.3.3.'],
    ['en', 'Most of the detained were fined or charged.'],
    ['ru', 'Задержанных на акциях, как правило, штрафуют по статье о дискредитации армии.'],
    ['ru', 'Большинству задержанных предъявлены обвинения по статье о дискредитации армии.'],
    ['uk', 'Більшості затриманих висунули обвинувачення.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(recs(text, lang, '2023-05-20')).toEqual([]);
  });
  it('no detainees after an arson: the arson only', () => {
    expect(types('A recruitment office in Tver was set on fire on 3 May. None of the suspects has been detained.', 'en', '2023-05-20')).toEqual(['incident/arson']);
    expect(types('3 мая в Твери подожгли военкомат. Задержанных нет.', 'ru', '2023-05-20')).toEqual(['incident/arson']);
  });
});
