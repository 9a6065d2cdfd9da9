#!/usr/bin/env node
/**
 * Writes a synthetic Telegram Desktop one-channel export (`result.json` format) of N messages,
 * streamed to disk so that the generator itself stays small in memory.
 *
 *   node bench/generate-telegram.mjs [--messages 1000000] [--out .bench/telegram-1m.json] [--seed 1]
 *
 * The posts are assembled from short phrases written for this benchmark (Russian and Ukrainian),
 * in the shapes real exports have: text as an array of strings and entities or as a plain string,
 * service messages, photos with and without captions, edits and forwards.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const total = Number(arg('messages', '1000000'));
const out = arg('out', '.bench/telegram-1m.json');
let seed = Number(arg('seed', '1')) >>> 0 || 1;

/** xorshift32: the same file for the same seed. */
function rnd() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];

// Slots with many fillers and templates with few fixed words in a row: posts share few word
// triples, as real posts do (a channel's posts are alike, but not near-copies of each other).
const RU = {
  head: ['Задержания', 'Поджог', 'Приговор', 'Пикет', 'Листовки', 'Повестки', 'Суд', 'Надпись', 'Обыски', 'Штраф', 'Акция', 'Протест', 'Диверсия', 'Арест'],
  when: ['Вчера', 'Сегодня утром', 'В субботу', 'В ночь на четверг', 'Накануне вечером', '3 марта', '14 октября', 'В понедельник', 'Днём', 'Во вторник', 'Поздно вечером', '12 декабря', 'В пятницу', '28 сентября'],
  where: ['в Твери', 'в Казани', 'в Перми', 'в Екатеринбурге', 'в Новосибирске', 'в Иркутске', 'в Самаре', 'в Омске', 'в Курске', 'в Вологде', 'в Томске', 'в Уфе', 'в Туле', 'в Рязани', 'в Калуге', 'в Чите', 'в Сыктывкаре', 'в Барнауле', 'в Кирове', 'в Пензе', 'в Ижевске', 'в Брянске', 'в Якутске', 'в Мурманске'],
  who: ['полиция', 'сотрудники ОМОН', 'неизвестные', 'местный житель', 'студентка', 'пенсионер', 'активистка', 'двое подростков', 'художник', 'группа женщин', 'мобилизованные', 'учительница', 'священник', 'водитель автобуса'],
  did: ['задержала', 'подожгли', 'развесили', 'вышли с плакатами', 'разбросали', 'написали', 'оштрафовал', 'отказались', 'устроили', 'облили краской', 'сорвали', 'закрасили', 'перекрыли', 'остановили'],
  what: ['дверь военкомата', 'окно администрации', 'плакат «Нет войне»', 'листовки у проходной', 'надпись на гаражах', 'релейный шкаф', 'агитационный баннер', 'стенд с портретами', 'машину депутата', 'вход в отдел полиции', 'трассу у въезда', 'автобус с призывниками', 'мемориальную доску', 'граффити на мосту'],
  detail: ['у торгового центра', 'на центральной площади', 'возле вокзала', 'у здания суда', 'на проспекте Мира', 'у памятника Ленину', 'рядом со школой', 'на улице Гагарина', 'у проходной завода', 'на набережной', 'в сквере', 'у станции метро'],
  tail: ['Об этом сообщили правозащитники.', 'Подробности уточняются.', 'Задержанных отпустили вечером.', 'Суд пройдёт на следующей неделе.', 'Очевидцы прислали нам фотографии.', 'Полиция ищет участников.', 'Возбуждено административное дело.', 'Видео есть у редакции.', 'Адвокат обжалует решение.', 'Имя известно редакции.'],
};
const UK = {
  head: ['Затримання', 'Підпал', 'Вирок', 'Листівки', 'Протест', 'Обшуки'],
  when: ['Учора', 'Сьогодні вранці', 'У неділю', 'Напередодні', 'У середу', 'Вночі'],
  where: ['у Мелітополі', 'у Херсоні', 'в Бердянську', 'у Донецьку', 'в Енергодарі', 'у Скадовську', 'в Новій Каховці', 'у Луганську'],
  who: ['окупанти', 'невідомі', 'місцеві мешканці', 'підпільники', 'студенти', 'волонтерка'],
  did: ['затримали', 'підпалили', 'розклеїли', 'вийшли з прапорами', 'пошкодили', 'намалювали'],
  what: ['двох чоловіків', 'релейну шафу', 'жовті стрічки', 'автомобіль колаборанта', 'напис на паркані', 'листівки на зупинках'],
  detail: ['біля ринку', 'на центральній площі', 'біля вокзалу', 'біля школи', 'на набережній'],
  tail: ['Про це повідомили місцеві мешканці.', 'Деталі з’ясовуються.', 'Фото є в редакції.', 'Слідкуйте за новинами.'],
};

function sentence(L) {
  const hh = String(Math.floor(rnd() * 24)).padStart(2, '0');
  const mm = String(Math.floor(rnd() * 60)).padStart(2, '0');
  const n = 2 + Math.floor(rnd() * 300);
  const parts = [pick(L.when), rnd() < 0.5 ? `${L === RU ? 'около' : 'близько'} ${hh}:${mm}` : '', pick(L.where), pick(L.detail), pick(L.who), pick(L.did), pick(L.what)];
  if (rnd() < 0.5) parts.push(L === RU ? `— всего ${n} человек` : `— загалом ${n} осіб`);
  return `${parts.filter(Boolean).join(' ')}.`;
}

function post() {
  const L = rnd() < 0.85 ? RU : UK;
  const k = 1 + Math.floor(rnd() * 3);
  const body = [...Array.from({ length: k }, () => sentence(L)), pick(L.tail)].join(' ');
  return { head: pick(L.head), body, tag: rnd() < 0.5 ? '#новости' : '#сводка' };
}

const CHANNEL = 'Сводка для замеров';
const CHANNEL_ID = 1234567890;
let unix = 1645660800; // 2022-02-24 00:00 UTC
const MSK = 3 * 3600;
const local = (t) => new Date((t + MSK) * 1000).toISOString().slice(0, 19);

function message(id) {
  unix += 20 + Math.floor(rnd() * 90);
  const base = { id, type: 'message', date: local(unix), date_unixtime: String(unix) };
  const r = rnd();
  if (r < 0.01) {
    return { id, type: 'service', date: base.date, date_unixtime: base.date_unixtime, actor: CHANNEL, actor_id: `channel${CHANNEL_ID}`, action: 'pin_message', message_id: id - 1, text: '', text_entities: [] };
  }
  const m = { ...base };
  if (r > 0.99) {
    m.edited = local(unix + 600);
    m.edited_unixtime = String(unix + 600);
  }
  m.from = CHANNEL;
  m.from_id = `channel${CHANNEL_ID}`;
  if (r > 0.96 && r <= 0.99) m.forwarded_from = 'Другой канал';
  if (r > 0.01 && r < 0.02) {
    Object.assign(m, { photo: '(File not included. Change data exporting settings to download.)', width: 1280, height: 960, text: '', text_entities: [] });
    return m;
  }
  if (r >= 0.02 && r < 0.06) m.photo = '(File not included. Change data exporting settings to download.)';
  const p = post();
  if (rnd() < 0.3) {
    const text = `${p.head}. ${p.body}`;
    m.text = text;
    m.text_entities = [{ type: 'plain', text }];
  } else {
    m.text = [{ type: 'bold', text: p.head }, `\n\n${p.body}\n\n`, { type: 'hashtag', text: p.tag }];
    m.text_entities = [{ type: 'bold', text: p.head }, { type: 'plain', text: `\n\n${p.body}\n\n` }, { type: 'hashtag', text: p.tag }];
  }
  return m;
}

/** Telegram Desktop writes one-space indentation; keep it, as real files are that size. */
function indent(json, pad) {
  return json.replace(/\n/g, `\n${pad}`);
}

mkdirSync(dirname(out), { recursive: true });
const ws = createWriteStream(out, { highWaterMark: 1 << 20 });
const write = async (s) => {
  if (!ws.write(s)) await once(ws, 'drain');
};
const started = Date.now();
await write(`{\n "name": ${JSON.stringify(CHANNEL)},\n "type": "public_channel",\n "id": ${CHANNEL_ID},\n "messages": [\n`);
let batch = '';
for (let id = 1; id <= total; id++) {
  batch += `  ${indent(JSON.stringify(message(id), null, 1), '  ')}${id < total ? ',' : ''}\n`;
  if (batch.length > 1 << 20) {
    await write(batch);
    batch = '';
  }
}
await write(`${batch} ]\n}\n`);
ws.end();
await once(ws, 'finish');
process.stderr.write(`wrote ${total} messages to ${out} (${(ws.bytesWritten / 1e6).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
