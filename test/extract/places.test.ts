/** The place finder on sentences written for these tests (never copied from articles or eval documents). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPlaces, listRegions, lookupRegion, lookupSettlement, regionName, type PlaceMention } from '../../src/extract/places.js';
import type { Lang } from '../../src/extract/record.js';

type Want = Partial<PlaceMention> & { text: string };

/** Every wanted mention is found (matched by its text), with the wanted fields. */
function expectPlaces(text: string, lang: Lang, want: Want[]): PlaceMention[] {
  const got = findPlaces(text, lang);
  for (const w of want) {
    const m = got.find((g) => g.text === w.text);
    expect(m, `"${w.text}" in: ${text}\n got: ${JSON.stringify(got.map((g) => g.text))}`).toBeDefined();
    expect(m).toMatchObject(w);
  }
  return got;
}

function texts(text: string, lang: Lang): string[] {
  return findPlaces(text, lang).map((m) => m.text);
}

describe('findPlaces: English', () => {
  it('reads a region possessive before a settlement', () => {
    const got = expectPlaces("Volunteers said a relay cabinet burned near Mordovia's town of Ruzaevka on Monday.", 'en', [
      { text: 'Mordovia', level: 'region', region: 'RU-MO', country: 'RU', role: 'adjectival' },
      { text: 'Ruzaevka', level: 'settlement', settlement: 'Ruzayevka', region: 'RU-MO', role: null },
    ]);
    const ruz = got.find((m) => m.text === 'Ruzaevka')!;
    expect(ruz.lat).toBeCloseTo(54.06, 1);
    expect(ruz.lon).toBeCloseTo(44.95, 1);
  });

  it('tells the city of St Petersburg from the region around it', () => {
    expectPlaces('A pensioner from the Saint Petersburg region was fined; two more were held in St. Petersburg itself.', 'en', [
      { text: 'Saint Petersburg region', level: 'region', region: 'RU-LEN', role: 'origin' },
      { text: 'St. Petersburg', level: 'settlement', region: 'RU-SPE', settlement: 'Saint Petersburg' },
    ]);
    expectPlaces('The Leningrad Oblast court and a Leningrad region village.', 'en', [
      { text: 'Leningrad Oblast', region: 'RU-LEN' },
      { text: 'Leningrad region', region: 'RU-LEN' },
    ]);
  });

  it('finds republics, territories and oblasts under their usual English names', () => {
    expectPlaces('Cases were opened in Khakassia, in the Crimea, in Krasnodar Territory and in the Luhansk region.', 'en', [
      { text: 'Khakassia', level: 'region', region: 'RU-KK' },
      { text: 'Crimea', level: 'region', region: 'UA-43', country: 'UA' },
      { text: 'Krasnodar Territory', level: 'region', region: 'RU-KDA' },
      { text: 'Luhansk region', level: 'region', region: 'UA-09', country: 'UA' },
    ]);
    expectPlaces('Yakutia and Sakha are one republic; Trans-Baikal Territory is Zabaykalsky; Primorsky is in the far east.', 'en', [
      { text: 'Yakutia', region: 'RU-SA' }, { text: 'Sakha', region: 'RU-SA' },
      { text: 'Trans-Baikal Territory', region: 'RU-ZAB' }, { text: 'Zabaykalsky', region: 'RU-ZAB' },
      { text: 'Primorsky', region: 'RU-PRI' },
    ]);
    expectPlaces('Moscow region police and Chernihiv region officials met people from Transcarpathia and Zakarpattia.', 'en', [
      { text: 'Moscow region', region: 'RU-MOS' },
      { text: 'Chernihiv region', region: 'UA-74' },
      { text: 'Transcarpathia', region: 'UA-21', role: 'origin' },
      { text: 'Zakarpattia', region: 'UA-21' },
    ]);
  });

  it('keeps the real region of a place whatever the text claims about it', () => {
    expectPlaces('He wrote that Khakassia in the Caucasus was calm.', 'en', [{ text: 'Khakassia', region: 'RU-KK' }]);
  });

  it('knows the old and Russian-style spellings of Ukrainian cities', () => {
    expectPlaces('Kharkov, Odessa and Nikolaev were shelled; Kharkiv, Odesa and Mykolaiv answered.', 'en', [
      { text: 'Kharkov', settlement: 'Kharkiv', region: 'UA-63' },
      { text: 'Odessa', settlement: 'Odesa', region: 'UA-51' },
      { text: 'Nikolaev', settlement: 'Mykolaiv', region: 'UA-48' },
      { text: 'Kharkiv', region: 'UA-63' },
      { text: 'Mykolaiv', region: 'UA-48' },
    ]);
    expectPlaces('Leaflets appeared in Mogilev-Podolsky, in Mohyliv-Podilskyi, in Koryukovka, Koryukivka and Slavutych.', 'en', [
      { text: 'Mogilev-Podolsky', region: 'UA-05' },
      { text: 'Mohyliv-Podilskyi', region: 'UA-05' },
      { text: 'Koryukovka', region: 'UA-74' },
      { text: 'Koryukivka', region: 'UA-74' },
      { text: 'Slavutych', region: 'UA-32' },
    ]);
  });

  it('knows the towns of 2022 resistance reporting', () => {
    expectPlaces('Fires at enlistment offices in Nizhnevartovsk, Lukhovitsy, Uryupinsk, Ust-Ilimsk, Tolyatti and Togliatti.', 'en', [
      { text: 'Nizhnevartovsk', region: 'RU-KHM' },
      { text: 'Lukhovitsy', region: 'RU-MOS' },
      { text: 'Uryupinsk', region: 'RU-VGG' },
      { text: 'Ust-Ilimsk', region: 'RU-IRK' },
      { text: 'Tolyatti', region: 'RU-SAM' },
      { text: 'Togliatti', region: 'RU-SAM', settlement: 'Tolyatti' },
    ]);
    expectPlaces('Women blocked a road in Endirey and Babayurt; in Khasavyurt and Makhachkala police fired in the air.', 'en', [
      { text: 'Endirey', region: 'RU-DA' }, { text: 'Babayurt', region: 'RU-DA' },
      { text: 'Khasavyurt', region: 'RU-DA' }, { text: 'Makhachkala', region: 'RU-DA' },
    ]);
    expectPlaces('Queues stretched to Upper Lars on the Georgian border.', 'en', [
      { text: 'Upper Lars', level: 'settlement', region: 'RU-SE' },
    ]);
    expectPlaces('Rail lines were damaged near Svetlogorsk, Zhlobin and Osipovichi in Belarus.', 'en', [
      { text: 'Svetlogorsk', region: 'BY-HO', country: 'BY' },
      { text: 'Zhlobin', region: 'BY-HO' },
      { text: 'Osipovichi', region: 'BY-MA' },
      { text: 'Belarus', level: 'country', country: 'BY' },
    ]);
    expectPlaces('Residents of Enerhodar, Nova Kakhovka, Melitopol and Berdiansk protested.', 'en', [
      { text: 'Enerhodar', region: 'UA-23' }, { text: 'Nova Kakhovka', region: 'UA-65' },
      { text: 'Melitopol', region: 'UA-23' }, { text: 'Berdiansk', region: 'UA-23' },
    ]);
  });

  it('turns "the Belgorod and Kursk regions" into two regions', () => {
    expectPlaces('Shelling was reported in the Belgorod and Kursk regions.', 'en', [
      { text: 'Belgorod', level: 'region', region: 'RU-BEL' },
      { text: 'Kursk regions', level: 'region', region: 'RU-KRS' },
    ]);
    expectPlaces('Belgorod itself was quiet.', 'en', [{ text: 'Belgorod', level: 'settlement', region: 'RU-BEL' }]);
  });

  it('reads "-based" as adjectival and "-born" as origin', () => {
    expectPlaces('A Moscow-based lawyer defended a Kazan-born activist.', 'en', [
      { text: 'Moscow', role: 'adjectival' }, { text: 'Kazan', role: 'origin' },
    ]);
  });

  it('marks natives as origins', () => {
    expectPlaces('The suspect, a native of Ryazan, lived in Tver.', 'en', [
      { text: 'Ryazan', role: 'origin' }, { text: 'Tver', role: null },
    ]);
    expectPlaces('Задержан уроженец Рязани, житель Твери.', 'ru', [
      { text: 'Рязани', role: 'origin' }, { text: 'Твери', role: null },
    ]);
  });

  it('marks origins and possessives', () => {
    expectPlaces("A conscript from Chuvashia spoke to Moscow's press.", 'en', [
      { text: 'Chuvashia', role: 'origin', region: 'RU-CU' },
      { text: 'Moscow', role: 'adjectival', region: 'RU-MOW' },
    ]);
  });

  it('reads macro-regions and breakaway territories as their country', () => {
    expectPlaces('Partisans in Donbas and Siberia; refugees in Transnistria and South Ossetia.', 'en', [
      { text: 'Donbas', level: 'country', country: 'UA', region: null },
      { text: 'Siberia', level: 'country', country: 'RU' },
      { text: 'Transnistria', level: 'country', country: 'MD' },
      { text: 'South Ossetia', level: 'country', country: 'GE' },
    ]);
  });

  it('finds countries, and demonyms only as weak hints', () => {
    const got = expectPlaces('Many fled to Georgia, Kazakhstan and Armenia; Russian border guards checked phones.', 'en', [
      { text: 'Georgia', level: 'country', country: 'GE' },
      { text: 'Kazakhstan', level: 'country', country: 'KZ' },
      { text: 'Armenia', level: 'country', country: 'AM' },
      { text: 'Russian', level: 'country', country: 'RU', demonym: true, role: 'adjectival' },
    ]);
    expect(got.find((m) => m.text === 'Georgia')!.demonym).toBeUndefined();
  });
});

describe('findPlaces: Russian in any case', () => {
  it('declines settlement names', () => {
    expectPlaces('Поджог произошёл в Рузаевке, а задержанный родом из Усть-Илимска Иркутской области.', 'ru', [
      { text: 'Рузаевке', settlement: 'Ruzayevka', region: 'RU-MO' },
      { text: 'Усть-Илимска', settlement: 'Ust-Ilimsk', region: 'RU-IRK', role: 'origin' },
      { text: 'Иркутской области', level: 'region', region: 'RU-IRK' },
    ]);
    expectPlaces('Акция прошла в Нижнем Новгороде и в Нижегородской области.', 'ru', [
      { text: 'Нижнем Новгороде', settlement: 'Nizhny Novgorod', region: 'RU-NIZ' },
      { text: 'Нижегородской области', level: 'region', region: 'RU-NIZ' },
    ]);
    expectPlaces('Вагоны загорелись в подмосковных Луховицах.', 'ru', [
      { text: 'подмосковных', level: 'region', region: 'RU-MOS', role: 'adjectival' },
      { text: 'Луховицах', settlement: 'Lukhovitsy', region: 'RU-MOS' },
    ]);
    expectPlaces('Пикеты были в Петербурге, Москве, Рязани и Воронеже, а студент приехал из Чувашии.', 'ru', [
      { text: 'Петербурге', region: 'RU-SPE' },
      { text: 'Москве', region: 'RU-MOW', settlement: 'Moscow' },
      { text: 'Рязани', region: 'RU-RYA' },
      { text: 'Воронеже', region: 'RU-VOR' },
      { text: 'Чувашии', level: 'region', region: 'RU-CU', role: 'origin' },
    ]);
  });

  it('reads lower-case city adjectives as adjectival mentions', () => {
    expectPlaces('Харьковские волонтёры и минский суд; московский офис закрыт.', 'ru', [
      { text: 'Харьковские', settlement: 'Kharkiv', role: 'adjectival' },
      { text: 'минский', settlement: 'Minsk', region: 'BY-HM', role: 'adjectival' },
      { text: 'московский', settlement: 'Moscow', role: 'adjectival' },
    ]);
  });

  it('reads abbreviated first words (Н. Новгород)', () => {
    expectPlaces('Пикет в Н. Новгороде и в Великом Новгороде.', 'ru', [
      { text: 'Н. Новгороде', settlement: 'Nizhny Novgorod', region: 'RU-NIZ' },
      { text: 'Великом Новгороде', region: 'RU-NGR' },
    ]);
  });

  it('reads coordinated region adjectives', () => {
    expectPlaces('Повестки раздавали в Самарской и Саратовской областях.', 'ru', [
      { text: 'Самарской', level: 'region', region: 'RU-SAM' },
      { text: 'Саратовской областях', level: 'region', region: 'RU-SAR' },
    ]);
    expectPlaces('Задержания прошли в Краснодарском крае и в Ханты-Мансийском автономном округе.', 'ru', [
      { text: 'Краснодарском крае', region: 'RU-KDA' },
      { text: 'Ханты-Мансийском автономном округе', region: 'RU-KHM' },
    ]);
  });

  it('knows colloquial and irregular region names', () => {
    expectPlaces('Партизаны в Крыму, на Кубани, в Подмосковье и в Якутии.', 'ru', [
      { text: 'Крыму', region: 'UA-43', country: 'UA' },
      { text: 'Кубани', region: 'RU-KDA' },
      { text: 'Подмосковье', region: 'RU-MOS' },
      { text: 'Якутии', region: 'RU-SA' },
    ]);
    expectPlaces('Обстрелы в ДНР и ЛНР, а также в Запорожской и Херсонской областях.', 'ru', [
      { text: 'ДНР', region: 'UA-14' }, { text: 'ЛНР', region: 'UA-09' },
      { text: 'Запорожской', region: 'UA-23' }, { text: 'Херсонской областях', region: 'UA-65' },
    ]);
  });

  it('finds countries in their case forms and lowercase demonyms', () => {
    expectPlaces('Он уехал в Грузию, потом жил в Казахстане, а российские пограничники его не пустили.', 'ru', [
      { text: 'Грузию', level: 'country', country: 'GE' },
      { text: 'Казахстане', level: 'country', country: 'KZ' },
      { text: 'российские', level: 'country', country: 'RU', demonym: true },
    ]);
  });
});

describe('findPlaces: small Russian towns known only from GeoNames', () => {
  it('finds them in any case after a locative cue', () => {
    expectPlaces('Пожар произошёл в Кимовске Тульской области.', 'ru', [
      { text: 'Кимовске', settlement: 'Kimovsk', region: 'RU-TUL' },
    ]);
    expectPlaces('Жители из Зеленчукской и из Удомли вышли на пикет.', 'ru', [
      { text: 'Зеленчукской', region: 'RU-KC', role: 'origin' },
      { text: 'Удомли', region: 'RU-TVE', role: 'origin' },
    ]);
  });

  it('declines guessed names of several words, after a cue', () => {
    expectPlaces('Пожар в Капустином Яру и в посёлке Верхний Баскунчак.', 'ru', [
      { text: 'Капустином Яру', settlement: 'Kapustin Yar', region: 'RU-AST' },
      { text: 'Верхний Баскунчак', region: 'RU-AST' },
    ]);
    expect(texts('Капустин Яр сегодня спокоен.', 'ru')).toEqual([]);
  });

  it('does the same for Ukrainian and Belarusian villages', () => {
    expectPlaces('Обстріл у Якимівці та в Каланчаку, окупанти вийшли з Білозерки.', 'uk', [
      { text: 'Якимівці', settlement: 'Yakymivka', region: 'UA-23' },
      { text: 'Каланчаку', settlement: 'Kalanchak', region: 'UA-65' },
      { text: 'Білозерки', settlement: 'Bilozerka', region: 'UA-65', role: 'origin' },
    ]);
    expectPlaces('У Молочанську зникло світло.', 'uk', [{ text: 'Молочанську', region: 'UA-23' }]);
    // ... and in Russian, with the regular endings turned back: Якимівка → Якимовка, Сватове → Сватово.
    expectPlaces('Обстрел в Якимовке, в Сватово тихо.', 'ru', [
      { text: 'Якимовке', settlement: 'Yakymivka', region: 'UA-23' },
      { text: 'Сватово', settlement: 'Svatove', region: 'UA-09' },
    ]);
  });

  it('needs the cue, and leaves districts and institutions alone', () => {
    expect(texts('Кимовске повезло.', 'ru')).toEqual([]);
    expect(texts('Суд в Ленинском районе вынес решение.', 'ru')).toEqual([]);
    expect(texts('В Сбербанке, в Кремле и в Роскомнадзоре молчат.', 'ru')).toEqual([]);
  });
});

describe('findPlaces: Ukrainian and Belarusian', () => {
  it('declines Ukrainian names', () => {
    expectPlaces('Затримання у Мордовії та Рязані, підпали в Світлогорському районі, протест в Херсоні.', 'uk', [
      { text: 'Мордовії', level: 'region', region: 'RU-MO' },
      { text: 'Рязані', settlement: 'Ryazan', region: 'RU-RYA' },
      // A district named after a town is an area of its region, not the town.
      { text: 'Світлогорському районі', level: 'region', settlement: null, region: 'BY-HO' },
      { text: 'Херсоні', settlement: 'Kherson', region: 'UA-65' },
    ]);
    expectPlaces('Чернігівщина і Київщина звільнені; родина виїхала з Криму до Польщі.', 'uk', [
      { text: 'Чернігівщина', region: 'UA-74' },
      { text: 'Київщина', region: 'UA-32' },
      { text: 'Криму', region: 'UA-43', role: 'origin' },
      { text: 'Польщі', level: 'country', country: 'PL' },
    ]);
    expectPlaces('Вибухи у Харкові, в Одесі, у Львові, в Новій Каховці, у Мелітополі та в Енергодарі.', 'uk', [
      { text: 'Харкові', region: 'UA-63' }, { text: 'Одесі', region: 'UA-51' },
      { text: 'Львові', region: 'UA-46' }, { text: 'Новій Каховці', region: 'UA-65' },
      { text: 'Мелітополі', region: 'UA-23' }, { text: 'Енергодарі', region: 'UA-23' },
    ]);
  });

  it('keeps a district of a city that is its own region inside the city', () => {
    expectPlaces('A Kyiv district court heard the case; in the Omsk and Tomsk districts nothing happened.', 'en', [
      { text: 'Kyiv', level: 'settlement', settlement: 'Kyiv', region: 'UA-30' },
      { text: 'Omsk', level: 'region', settlement: null, region: 'RU-OMS' },
      { text: 'Tomsk', level: 'region', settlement: null, region: 'RU-TOM' },
    ]);
  });

  it('reads Belarusian forms', () => {
    expectPlaces('Затрымалі ў Мінску, у Гомелі і ў Брэсце.', 'be', [
      { text: 'Мінску', region: 'BY-HM' }, { text: 'Гомелі', region: 'BY-HO' }, { text: 'Брэсце', region: 'BY-BR' },
    ]);
    expectPlaces('Затрыманні ў Гродзенскай вобласці і на Гомельшчыне, суд у Магілёве.', 'be', [
      { text: 'Гродзенскай вобласці', level: 'region', region: 'BY-HR' },
      { text: 'Гомельшчыне', level: 'region', region: 'BY-HO' },
      { text: 'Магілёве', settlement: 'Mogilev', region: 'BY-MA' },
    ]);
  });
});

describe('findPlaces: homonyms and false positives', () => {
  it('ignores common words and surnames that GeoNames lists as villages', () => {
    expect(texts('Payments by Mir cards stopped. A poem by Pushkin was read aloud.', 'en')).toEqual([]);
    expect(texts('Памятник Пушкину облили краской, на улице Мира висел плакат.', 'ru')).toEqual([]);
    expect(texts('Мирный протест закончился без задержаний.', 'ru')).toEqual([]);
  });

  it('takes a village known only from GeoNames only after a cue or with its region nearby', () => {
    expect(texts('Krasnolesny residents signed a letter.', 'en')).toEqual([]);
    expectPlaces('Residents of Krasnolesny signed a letter.', 'en', [{ text: 'Krasnolesny', region: 'RU-VOR' }]);
    expectPlaces('Krasnolesny residents, Voronezh region, signed a letter.', 'en', [{ text: 'Krasnolesny', region: 'RU-VOR' }]);
  });

  it('accepts a weak name after a locative cue', () => {
    expectPlaces('The fire was in Bor, a town on the Volga.', 'en', [{ text: 'Bor', region: 'RU-NIZ' }]);
    expectPlaces('Пожар случился в городе Пушкин под Петербургом.', 'ru', [{ text: 'Пушкин', region: 'RU-SPE' }]);
    expectPlaces('Протест прошёл в Иванове.', 'ru', [{ text: 'Иванове', region: 'RU-IVA' }]);
    expect(texts('Жительницу звали Анна Иванова.', 'ru')).toEqual([]);
  });

  it('prefers the larger homonym unless a region nearby says otherwise', () => {
    expectPlaces('Leaflets were found in Kirov.', 'en', [{ text: 'Kirov', region: 'RU-KIR' }]);
    expectPlaces('Leaflets were found in Kirov, a small town in the Kaluga region.', 'en', [
      { text: 'Kirov', region: 'RU-KLU' }, { text: 'Kaluga region', region: 'RU-KLU' },
    ]);
    expectPlaces('A picket in Pervomaysk, Nizhny Novgorod Oblast.', 'en', [{ text: 'Pervomaysk', region: 'RU-NIZ' }]);
    expectPlaces('A picket in Pervomaisk.', 'en', [{ text: 'Pervomaisk', region: 'UA-48' }]);
  });

  it('tells people from towns named after them', () => {
    expect(texts('Vladimir Putin signed it; Alexander Pushkin wrote it; Sergei Kirov was shot; A. Pushkin again.', 'en')).toEqual([]);
    expect(texts('Владимир Путин подписал указ, а памятник Александру Пушкину облили краской.', 'ru')).toEqual([]);
    expectPlaces('Two were held in Vladimir and one in Kirov.', 'en', [
      { text: 'Vladimir', region: 'RU-VLA' }, { text: 'Kirov', region: 'RU-KIR' },
    ]);
    expectPlaces('Во Владимире задержали двоих.', 'ru', [{ text: 'Владимире', region: 'RU-VLA' }]);
  });

  it('does not let a coincidental region name pull a big city to a village of the same name', () => {
    expectPlaces('Volunteers from Vinnytsia and Chernivtsi drove to Lviv.', 'en', [
      { text: 'Chernivtsi', region: 'UA-77' },
    ]);
    expectPlaces('Smuggling routes were found in the Vinnitsa, Chernivtsi, Odessa and Lviv regions.', 'en', [
      { text: 'Vinnitsa', level: 'region', region: 'UA-05' },
      { text: 'Chernivtsi', level: 'region', region: 'UA-77' },
      { text: 'Odessa', level: 'region', region: 'UA-51' },
      { text: 'Lviv regions', level: 'region', region: 'UA-46' },
    ]);
    expect(texts('Sverdlovsk region. Is this the end? It is.', 'en')).toEqual(['Sverdlovsk region']);
  });

  it('drops media and units named after places', () => {
    expect(texts('Echo of Moscow and Krym.Realii quoted the Azov Regiment.', 'en')).toEqual([]);
    expectPlaces('Журналист «Эха Москвы» уехал из Москвы.', 'ru', [{ text: 'Москвы', region: 'RU-MOW', role: 'origin' }]);
    expect(findPlaces('Журналист «Эха Москвы» уехал из Москвы.', 'ru')).toHaveLength(1);
  });

  it('does not take first names for villages', () => {
    expect(texts('Stepan and Bohdan met Anna and Olga.', 'en')).toEqual([]);
  });

  it('does not fold English words onto romanised names', () => {
    expect(texts('Pioneer, Belly, Buddy, Luck, Elects, Celina, Lana and Shack are not towns.', 'en')).toEqual([]);
    expect(texts('В Новый год и в Центральном районе всё спокойно.', 'ru')).toEqual([]);
  });

  it('does not read lower-case words as places', () => {
    expect(texts('the region was calm and the territory quiet; crimea in lower case is not a name', 'en')).toEqual([]);
  });
});

describe('findPlaces: offsets', () => {
  const names = ['Москве', 'Ruzaevka', 'Херсоні', "Mordovia's", 'the Luhansk region', 'Усть-Илимска', 'St. Petersburg', 'Kyiv'];
  it('keeps every mention inside the text, whatever surrounds the names', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...names), fc.constantFrom(' ', '-', "'", '\n', '. ')), { maxLength: 20 }),
      fc.constantFrom<Lang>('en', 'ru', 'uk', 'be'),
      (parts, lang) => {
        const text = parts.join('');
        let last = -1;
        for (const m of findPlaces(text, lang)) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.start).toBeLessThan(m.end);
          expect(text.slice(m.start, m.end)).toBe(m.text);
          expect(m.start).toBeGreaterThan(last); // in order, never overlapping
          last = m.end - 1;
        }
      },
    ), { numRuns: 300 });
  });

  it('reads decomposed letters and Latin lookalikes inside Cyrillic words', () => {
    const decomposed = 'в Усть-Илимске и в Ноябрьске'.normalize('NFD');
    expect(findPlaces(decomposed, 'ru').map((m) => m.region)).toEqual(['RU-IRK', 'RU-YAN']);
    expect(findPlaces('в Мoскве', 'ru')[0]).toMatchObject({ region: 'RU-MOW', text: 'Мoскве' }); // Latin "o"
    expect(findPlaces('в Моск\u00adве', 'ru')[0]).toMatchObject({ region: 'RU-MOW', text: 'Моск\u00adве' }); // soft hyphen
  });

  it('handles surrogate pairs and empty text', () => {
    expect(findPlaces('', 'en')).toEqual([]);
    const text = '🔥🔥 в Москве 🔥';
    const [m] = findPlaces(text, 'ru');
    expect(text.slice(m!.start, m!.end)).toBe('Москве');
  });
});

describe('region and settlement lookups', () => {
  it('lists and names regions', () => {
    const all = listRegions();
    expect(all.length).toBeGreaterThanOrEqual(117);
    expect(lookupRegion('RU-MO')?.name.en).toBe('Mordovia');
    expect(lookupRegion('ru-mow')?.capital).toBe('Moscow');
    expect(regionName('UA-43', 'uk')).toBe('Крим');
    expect(regionName('RU-SPE', 'ru')).toBe('Санкт-Петербург');
    expect(regionName('XX-YY', 'en')).toBe('XX-YY');
    expect(lookupRegion('XX-YY')).toBeUndefined();
  });

  it('looks up settlements by any name, alias or case form', () => {
    expect(lookupSettlement('Kharkov')).toMatchObject({ settlement: 'Kharkiv', region: 'UA-63', level: 'settlement' });
    expect(lookupSettlement('Рузаевке')).toMatchObject({ settlement: 'Ruzayevka', region: 'RU-MO' });
    expect(lookupSettlement('мелітополь')).toMatchObject({ settlement: 'Melitopol', region: 'UA-23' });
    expect(lookupSettlement('Upper Lars')).toMatchObject({ region: 'RU-SE' });
    expect(lookupSettlement('Якимівка')).toMatchObject({ settlement: 'Yakymivka', region: 'UA-23' });
    expect(lookupSettlement('Кимовске')).toMatchObject({ settlement: 'Kimovsk', region: 'RU-TUL' });
    expect(lookupSettlement('Nowhere-on-Sea')).toBeUndefined();
    expect(lookupSettlement('Mordovia')).toBeUndefined();
  });
});
