/**
 * Precision and recall of the place finder on short reports written for this test in the style of
 * resistance and repression news (English, Russian, Ukrainian, Belarusian). Each expected place is
 * "surface text=code", the code being the region (or the country for country-level mentions).
 */
import { describe, expect, it } from 'vitest';
import { findPlaces } from '../../src/extract/places.js';
import type { Lang } from '../../src/extract/record.js';

const CASES: [Lang, string, string[]][] = [
  ['en', 'Two men threw Molotov cocktails at the military enlistment office in Nizhnevartovsk on Monday night, local media said.', ['Nizhnevartovsk=RU-KHM']],
  ['en', 'A court in Saransk, the capital of Mordovia, jailed a railway worker from Ruzaevka for six years.', ['Saransk=RU-MO', 'Mordovia=RU-MO', 'Ruzaevka=RU-MO']],
  ['en', 'Police detained at least 40 people at an anti-war rally in Yekaterinburg and 12 more in Perm.', ['Yekaterinburg=RU-SVE', 'Perm=RU-PER']],
  ['en', 'The governor of the Belgorod region reported drone strikes on two villages near Shebekino.', ['Belgorod region=RU-BEL', 'Shebekino=RU-BEL']],
  ['en', 'Partisans claimed a blast on a rail line between Melitopol and Tokmak in the occupied Zaporizhzhia region.', ['Melitopol=UA-23', 'Tokmak=UA-23', 'Zaporizhzhia region=UA-23']],
  ['en', 'Women in Dagestan blocked the federal highway near Babayurt; in Makhachkala police dispersed a crowd.', ['Dagestan=RU-DA', 'Babayurt=RU-DA', 'Makhachkala=RU-DA']],
  ['en', 'A student from Kazan was fined for a post about Bucha.', ['Kazan=RU-TA', 'Bucha=UA-32']],
  ['en', 'Belarusian rail saboteurs damaged relay boxes near Osipovichi and Zhlobin, according to the Rail Partisans.', ['Belarusian=BY', 'Osipovichi=BY-MA', 'Zhlobin=BY-HO']],
  ['en', 'Thousands of men crossed into Georgia through Upper Lars and into Kazakhstan from the Orenburg region.', ['Georgia=GE', 'Upper Lars=RU-SE', 'Kazakhstan=KZ', 'Orenburg region=RU-ORE']],
  ['en', 'In Irkutsk Oblast, a man opened fire at the draft office in Ust-Ilimsk.', ['Irkutsk Oblast=RU-IRK', 'Ust-Ilimsk=RU-IRK']],
  ['en', 'Leaflets were found in Kherson, Nova Kakhovka and Enerhodar under occupation.', ['Kherson=UA-65', 'Nova Kakhovka=UA-65', 'Enerhodar=UA-23']],
  ['en', 'Activists painted anti-war slogans in Tomsk, Omsk and Novosibirsk over the weekend.', ['Tomsk=RU-TOM', 'Omsk=RU-OMS', 'Novosibirsk=RU-NVS']],
  ['en', 'The Investigative Committee said the suspect had travelled from Sevastopol to Simferopol.', ['Sevastopol=UA-40', 'Simferopol=UA-43']],
  ['en', 'Mobilised soldiers from Chuvashia recorded a video complaint; their unit was near Svatove.', ['Chuvashia=RU-CU', 'Svatove=UA-09']],
  ['ru', 'В ночь на четверг неизвестные подожгли здание военкомата в Рязани.', ['Рязани=RU-RYA']],
  ['ru', 'Жительницу Нижнего Новгорода оштрафовали за антивоенный плакат.', ['Нижнего Новгорода=RU-NIZ']],
  ['ru', 'Под Воронежем сошли с рельсов восемь вагонов, возбуждено дело о диверсии.', ['Воронежем=RU-VOR']],
  ['ru', 'В Самарской и Ульяновской областях прошли обыски у сторонников Навального.', ['Самарской=RU-SAM', 'Ульяновской областях=RU-ULY']],
  ['ru', 'Студента из Улан-Удэ задержали в Иркутске после пикета.', ['Улан-Удэ=RU-BU', 'Иркутске=RU-IRK']],
  ['ru', 'В Подмосковье и в Петербурге задержаны участники акции «Бессмертный полк».', ['Подмосковье=RU-MOS', 'Петербурге=RU-SPE']],
  ['ru', 'Суд в Краснодаре арестовал жителя Крыма по делу о госизмене.', ['Краснодаре=RU-KDA', 'Крыма=UA-43']],
  ['ru', 'Мобилизованные из Башкирии пожаловались на условия в части под Белгородом.', ['Башкирии=RU-BA', 'Белгородом=RU-BEL']],
  ['ru', 'В Ханты-Мансийском автономном округе уволили учительницу за слова о войне.', ['Ханты-Мансийском автономном округе=RU-KHM']],
  ['ru', 'Из Мариуполя и Бердянска вывезли несколько сотен детей.', ['Мариуполя=UA-14', 'Бердянска=UA-23']],
  ['ru', 'Полиция Якутска задержала шаманку, шедшую в Москву.', ['Якутска=RU-SA', 'Москву=RU-MOW']],
  ['ru', 'Российские военные вошли в Херсон, в Новой Каховке прошёл митинг.', ['Российские=RU', 'Херсон=UA-65', 'Новой Каховке=UA-65']],
  ['ru', 'Кировский районный суд Екатеринбурга вынес приговор.', ['Екатеринбурга=RU-SVE']],
  ['uk', 'У Мелітополі партизани підірвали автомобіль окупантів.', ['Мелітополі=UA-23']],
  ['uk', 'На Херсонщині та в Запорізькій області тривають обстріли.', ['Херсонщині=UA-65', 'Запорізькій області=UA-23']],
  ['uk', 'Вибухи пролунали в Бєлгороді та Курську.', ['Бєлгороді=RU-BEL', 'Курську=RU-KRS']],
  ['uk', 'Мешканці Енергодара вийшли на мітинг проти окупації.', ['Енергодара=UA-23']],
  ['uk', 'У Світлогорському районі затримали трьох залізничників.', ['Світлогорському районі=BY-HO']],
  ['uk', 'Родина переїхала з Харкова до Львова, а потім до Польщі.', ['Харкова=UA-63', 'Львова=UA-46', 'Польщі=PL']],
  ['be', 'У Мінску затрымалі трох удзельнікаў акцыі, у Гомелі — двух.', ['Мінску=BY-HM', 'Гомелі=BY-HO']],
];

// Sentences with no place at all, full of capitalised words that look like names.
const EMPTY: [Lang, string][] = [
  ['en', 'Vladimir Putin signed the decree on Tuesday; Alexander Pushkin would not have approved.'],
  ['en', 'Memorial, Meduza and Mediazona reported that the Court of Appeal upheld the sentence.'],
  ['en', 'Mir cards stopped working abroad, Anna and Olga told Echo of Moscow.'],
  ['ru', 'Мирный протест закончился без задержаний, сообщила «Медуза».'],
  ['ru', 'Памятник Пушкину облили краской, а Анна Иванова дала показания.'],
  ['ru', 'В Новый год в Центральном районе было спокойно.'],
  ['uk', 'Суд оштрафував чоловіка за допис, адвокат оскаржить рішення.'],
];

describe('place finder precision on written reports', () => {
  it('finds the places and little else', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const errors: string[] = [];
    for (const [lang, text, want] of CASES) {
      const got = findPlaces(text, lang).map((m) => `${m.text}=${m.region ?? m.country}`);
      for (const g of got) if (want.includes(g)) tp++; else { fp++; errors.push(`extra ${g} in: ${text}`); }
      for (const w of want) if (!got.includes(w)) { fn++; errors.push(`missed ${w} in: ${text}`); }
    }
    for (const [lang, text] of EMPTY) {
      for (const m of findPlaces(text, lang)) { fp++; errors.push(`extra ${m.text} in: ${text}`); }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`place finder: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} right, ${fp} extra, ${fn} missed)`);
    expect(errors).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
