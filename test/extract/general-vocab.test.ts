/**
 * Class 1 of the held-out failures: event wording unlike the dev set. Every sentence here is our own;
 * each asserts the type, the kind and the slots that a broader trigger vocabulary must give.
 */
import { describe, expect, it } from 'vitest';
import { one, recs, types } from './general-helpers.js';

describe('draft evasion told as a crossing, an asylum request or an entry count', () => {
  it('reads a sea crossing and an asylum request as draft evasion (en, ru, uk)', () => {
    const en = one('Three fishermen from Magadan crossed the Sea of Okhotsk in a motor boat and asked for asylum in Japan on 3 October.', 'en', 'draft_evasion', '2022-10-10');
    expect(en.kind).toBe('incident');
    expect(en.date.start).toBe('2022-10-03');
    expect(en.counts.people).toBe(3);
    const ru = one('Двое жителей Анадыря на моторной лодке пересекли пролив и попросили политического убежища 6 октября.', 'ru', 'draft_evasion', '2022-10-10');
    expect(ru.date.start).toBe('2022-10-06');
    const uk = one('Четверо росіян попросили притулку в Норвегії 2 жовтня.', 'uk', 'draft_evasion', '2022-10-10');
    expect(uk.date.start).toBe('2022-10-02');
  });
  it('makes a count of citizens who entered another country since a day a tally', () => {
    const en = one('Since 22 September some 41,000 Russian citizens have entered Mongolia, border guards said.', 'en', 'draft_evasion', '2022-10-10');
    expect(en.kind).toBe('tally');
    expect(en.value).toBe(41000);
    expect(en.date.start).toBe('2022-09-22');
    const ru = one('С 22 сентября в страну въехали почти 41 тысяча граждан России.', 'ru', 'draft_evasion', '2022-10-10');
    expect(ru.kind).toBe('tally');
    expect(ru.value).toBe(41000);
    const uk = one('Від 22 вересня до країни в\'їхали понад 41 тисячу громадян Росії.', 'uk', 'draft_evasion', '2022-10-10');
    expect(uk.kind).toBe('tally');
    expect(uk.value).toBe(41000);
  });
});

describe('desertion told as leaving the unit', () => {
  it('gives one desertion, not a second draft-evasion record, when the deserter also leaves the country', () => {
    expect(types('Рядовой покинул расположение части под Белгородом и уехал из России 4 октября.', 'ru', '2022-10-10')).toEqual(['incident/desertion']);
    expect(types('Контрактник залишив частину під Курськом і виїхав з Росії 4 жовтня.', 'uk', '2022-10-10')).toEqual(['incident/desertion']);
  });
});

describe('abductions and police-station wording are detentions', () => {
  it('reads seized/abducted/схватили/схопили/похитили', () => {
    expect(one('Soldiers seized the head of the village council in Nova Kakhovka on 14 March.', 'en', 'detention', '2022-03-20').date.start).toBe('2022-03-14');
    expect(one('Masked men abducted a local journalist in Berdiansk on 15 March.', 'en', 'detention', '2022-03-20').place.settlement).toBe('Berdiansk');
    expect(one('Военные схватили директора школы в Мелитополе 16 марта.', 'ru', 'detention', '2022-03-20').date.start).toBe('2022-03-16');
    expect(one('Росгвардейцы похитили активиста в Херсоне 17 марта.', 'ru', 'detention', '2022-03-20').place.settlement).toBe('Kherson');
    expect(one('Окупанти схопили директорку школи в Бердянську 16 березня.', 'uk', 'detention', '2022-03-20').date.start).toBe('2022-03-16');
  });
  it('reads being driven to a police station as a detention', () => {
    const r = one('В субботу в Твери пенсионерку увезли в ОВД прямо с остановки.', 'ru', 'detention', '2022-03-14');
    expect(r.date.start).toBe('2022-03-12');
    expect(r.place.settlement).toBe('Tver');
    expect(one('Студента отвезли в отделение полиции в Самаре 10 марта.', 'ru', 'detention', '2022-03-14').date.start).toBe('2022-03-10');
    expect(one('Активістку відвезли до райвідділу поліції у Мелітополі 10 березня.', 'uk', 'detention', '2022-03-14').date.start).toBe('2022-03-10');
    expect(one('Two students were taken to a police station in Perm on 10 March.', 'en', 'detention', '2022-03-14').counts.detained).toBe(2);
  });
});

describe('summonses delivered, posters on air, laws that make an act punishable', () => {
  it('reads summonses being carried round as mobilisation', () => {
    expect(one('Повестки начали разносить по общежитиям в Улан-Удэ 23 сентября.', 'ru', 'mobilisation', '2022-09-30').date.start).toBe('2022-09-23');
    expect(one('Повістки почали розносити по гуртожитках в Улан-Уде 23 вересня.', 'uk', 'mobilisation', '2022-09-30').date.start).toBe('2022-09-23');
    expect(one('Call-up papers were handed out at a metro station in Moscow on 24 September.', 'en', 'mobilisation', '2022-09-30').place.settlement).toBe('Moscow');
  });
  it('reads a poster held up on live television as a protest', () => {
    expect(one('Ведущая вышла в прямой эфир с антивоенным плакатом 2 апреля.', 'ru', 'protest', '2022-04-05').date.start).toBe('2022-04-02');
    expect(one('Редакторка вийшла в прямий ефір з плакатом проти війни 2 квітня.', 'uk', 'protest', '2022-04-05').date.start).toBe('2022-04-02');
  });
  it('reads a law that made an act punishable as legislation', () => {
    expect(one('The Duma passed amendments that made looting punishable by fifteen years in prison on 20 September.', 'en', 'legislation', '2022-09-30').date.start).toBe('2022-09-20');
    expect(one('20 сентября депутаты приняли поправки, которые сделали самовольное оставление части уголовно наказуемым.', 'ru', 'legislation', '2022-09-30').date.start).toBe('2022-09-20');
    expect(one('20 вересня депутати ввели кримінальну відповідальність за добровільну здачу в полон.', 'uk', 'legislation', '2022-09-30').date.start).toBe('2022-09-20');
  });
  it('keeps non-events out: a hope to seek asylum, a talk about summonses in general', () => {
    expect(recs('He hopes one day to ask for asylum somewhere quiet.', 'en')).toEqual([]);
  });
});
