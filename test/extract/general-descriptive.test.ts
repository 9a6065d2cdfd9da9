/** Acts told by what was found or what happened to a thing, not by who did it (our own sentences). */
import { describe, expect, it } from 'vitest';
import { one, recs } from './general-helpers.js';

const P = '2023-05-20';

describe('descriptive and passive phrasings of acts', () => {
  it.each([
    ['en', 'Residents of Belgorod woke up to find yellow ribbons tied to lamp posts on 7 May.', 'symbolic', 'Belgorod'],
    ['en', 'On 7 May people in Kursk found anti-war leaflets in their mailboxes.', 'symbolic', 'Kursk'],
    ['uk', '7 травня в Мелітополі на паркані з\'явився напис «Тут Україна».', 'symbolic', 'Melitopol'],
    ['ru', '7 мая в Курске на остановках появились жёлто-синие ленточки.', 'symbolic', 'Kursk'],
    ['en', 'On 8 May residents of Moscow laid flowers at the monument to Lesya Ukrainka.', 'protest', 'Moscow'],
    ['ru', '8 мая жители Москвы несли цветы к памятнику Лесе Украинке.', 'protest', 'Moscow'],
    ['en', 'On 10 May soldiers in Belgorod said they would not go back to fight.', 'refusal', 'Belgorod'],
    ['ru', '10 мая в Белгороде мобилизованные заявили, что не будут воевать.', 'refusal', 'Belgorod'],
    ['uk', '10 травня в Бєлгороді військові заявили, що не будуть воювати.', 'refusal', 'Belgorod'],
    ['ru', '10 мая в Курске солдат не вернулся из отпуска.', 'desertion', 'Kursk'],
    ['uk', '10 травня в Харкові військовий не повернувся з відпустки.', 'desertion', 'Kharkiv'],
    ['ru', '10 мая в Омске сотрудники развозили повестки по квартирам.', 'mobilisation', 'Omsk'],
  ] as const)('%s: %s', (lang, text, type, town) => {
    const r = one(text, lang, type, P);
    expect(r.kind).toBe('incident');
    expect(r.place.settlement).toBe(town);
  });
  it('a car of an official that exploded is an attack on an official', () => {
    expect(one('On 9 May a car carrying a local official exploded in Melitopol.', 'en', 'armed_attack', P).target).toBe('official');
  });
  it('railway gear put out of action is sabotage of the railway', () => {
    expect(one('On 9 May saboteurs put out of action a signalling box near Bryansk.', 'en', 'sabotage', P).target).toBe('railway');
    expect(one('On 9 May partisans put a relay cabinet out of action near Bryansk.', 'en', 'sabotage', P).target).toBe('railway');
  });
  it('"out of action" without railway or telecom gear is no sabotage', () => {
    expect(recs('On 9 May the injury put him out of action in Bryansk.', 'en', P)).toEqual([]);
  });
  it('flowers at a war memorial on Victory Day are no protest', () => {
    expect(recs('On 9 May veterans laid flowers at the Eternal Flame in Kursk.', 'en', P)).toEqual([]);
    expect(recs('9 мая ветераны возложили цветы к Вечному огню в Курске.', 'ru', P)).toEqual([]);
  });
});
