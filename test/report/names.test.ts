import { describe, expect, it } from 'vitest';
import { anonymise, findPersonNames, initials } from '../../src/report/names.js';

describe('anonymise', () => {
  const cases: [string, string][] = [
    ['Ivan Petrov was detained outside the office.', 'I. P. was detained outside the office.'],
    ['Police held Kirill Smirnov and Anna Volkova at the station.', 'Police held K. S. and A. V. at the station.'],
    ['Вчера Иван Петров вышел с плакатом.', 'Вчера И. П. вышел с плакатом.'],
    ['Суд арестовал Ивана Петрова на два месяца.', 'Суд арестовал И. П. на два месяца.'],
    ['Дело возбуждено против Марии Сергеевны Ивановой.', 'Дело возбуждено против М. С. И.'],
    ['Петров Иван Сергеевич задержан.', 'П. И. С. задержан.'],
    ['Обвиняемый И. С. Петров не признал вину.', 'Обвиняемый И. С. П. не признал вину.'],
    ['Показания дал Петров И. С. в суде.', 'Показания дал П. И. С. в суде.'],
    ['В Москве И. Петров вышел на пикет.', 'В Москве И. П. вышел на пикет.'],
    ['Алексей Сидоренко поджёг дверь.', 'А. С. поджёг дверь.'],
    ['Павла Сидорова оштрафовали.', 'П. С. оштрафовали.'],
  ];
  for (const [input, expected] of cases) {
    it(`hides "${input}"`, () => expect(anonymise(input)).toBe(expected));
  }

  it('keeps officials and public figures in any case form', () => {
    const kept = [
      'Vladimir Putin announced a partial mobilisation.',
      'Указ подписал Владимир Путин.',
      'Письмо направили Владимиру Путину.',
      'Alexander Lukashenko met Sergei Shoigu.',
      'Губернатор Вячеслав Гладков сообщил о пожаре.',
      'Volodymyr Zelensky addressed the Russians.',
      'Обращение Алексея Навального.',
    ];
    for (const s of kept) expect(anonymise(s)).toBe(s);
  });

  it('hides a private person who shares a public figure\'s surname', () => {
    expect(anonymise('Алексей Медведев вышел на пикет.')).toBe('А. М. вышел на пикет.');
    expect(anonymise('Olga Lavrova and Ivan Lavrov were fined.')).toBe('O. L. and I. L. were fined.');
    expect(anonymise('Дмитрий Медведев пригрозил.')).toBe('Дмитрий Медведев пригрозил.');
    expect(anonymise('Заявление сделал В. Путин.')).toBe('Заявление сделал В. Путин.');
    expect(anonymise('Заявление сделал А. Путин.')).toBe('Заявление сделал А. П.');
  });

  it('mixes public and private names in one sentence', () => {
    expect(anonymise('Ivan Petrov wrote to Vladimir Putin.')).toBe('I. P. wrote to Vladimir Putin.');
  });

  it('leaves organisations, places and ordinary capitalised words alone', () => {
    const kept = [
      'Feminist Anti-War Resistance distributed leaflets in Saint Petersburg.',
      'Боевая организация анархо-коммунистов взяла ответственность.',
      'In Nizhny Novgorod the Investigative Committee opened a case.',
      'На Красной площади задержали пятерых.',
      'Protesters gathered on Pushkin Square in Moscow.',
      'ОВД-Инфо сообщает о 40 задержанных.',
    ];
    for (const s of kept) expect(anonymise(s)).toBe(s);
  });

  it('finds spans with their positions', () => {
    const text = 'Witness: Olga Ivanova, 34.';
    const [span] = findPersonNames(text);
    expect(span).toMatchObject({ text: 'Olga Ivanova', isPublic: false });
    expect(text.slice(span!.start, span!.end)).toBe('Olga Ivanova');
  });

  it('makes initials of hyphenated and dotted names', () => {
    expect(initials('И. С. Петров')).toBe('И. С. П.');
    expect(initials('Анна Кара-Мурза')).toBe('А. К.');
  });
});
