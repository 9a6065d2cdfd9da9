import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputError, type DocumentInput, type InputError, type ReadItem } from '../../src/ingest/document.js';
import { isTelegramExport, readTelegramExport, telegramDate, type TelegramReadOptions } from '../../src/ingest/telegram.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'telegram');
const ONE = join(FIXTURES, 'one-channel.json');
const FULL = join(FIXTURES, 'full-export.json');
const DEV_RU = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'dev-ru');
const tmp = mkdtempSync(join(tmpdir(), 'letopis-tg-'));

async function readAll(path: string, opts?: TelegramReadOptions): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readTelegramExport(path, opts)) out.push(item);
  return out;
}
const docsOf = (items: ReadItem[]): DocumentInput[] => items.filter((i): i is DocumentInput => !isInputError(i));
const errorsOf = (items: ReadItem[]): InputError[] => items.filter(isInputError);

describe('readTelegramExport: one channel', () => {
  it('yields posts and captions, skips service messages and media without text', async () => {
    const items = await readAll(ONE, { channelUsername: '@testchan' });
    expect(errorsOf(items)).toEqual([]);
    const docs = docsOf(items);
    expect(docs.map((d) => d.meta?.messageId)).toEqual([2, 3, 5, 6, 8, 9, 10]);
    for (const d of docs) {
      expect(d.sourceKind).toBe('telegram');
      expect(d.sourceName).toBe('Тестовый канал');
    }
  });

  it('joins text arrays of strings and entities, and plain-string text', async () => {
    const docs = docsOf(await readAll(ONE));
    const byId = new Map(docs.map((d) => [d.meta?.messageId, d]));
    expect(byId.get(2)?.text).toBe('Пикет у библиотеки\n\nУтром у районной библиотеки в Твери стоял одиночный пикетчик с чистым листом. #Тверь');
    expect(byId.get(2)?.title).toBe('Пикет у библиотеки');
    expect(byId.get(3)?.text).toBe('Простой пост строкой: в Калуге полиция задержала двух студентов у здания университета.');
    expect(byId.get(3)?.title).toBeNull();
    expect(byId.get(5)?.text).toContain('Подробнее: здесь');
    expect(byId.get(5)?.meta).toMatchObject({ media: 'photo', links: ['https://example.org/kostroma'] });
    expect(byId.get(6)?.meta).toMatchObject({ media: 'document', fileName: 'verdict.pdf' });
    expect(byId.get(10)?.text).toBe('Эмодзи ✊🏽 и суррогатные пары 𝐀 в тексте, кавычки «ёлки» и \\ обратная косая черта, "двойные" кавычки.');
  });

  it('gives t.me links with a username, tg: refs always, and local dates with their offset', async () => {
    const docs = docsOf(await readAll(ONE, { channelUsername: 'https://t.me/testchan' }));
    const first = docs[0]!;
    expect(first.url).toBe('https://t.me/testchan/2');
    expect(first.sourceRef).toBe('tg:1111111111/2');
    expect(first.publishedAt).toBe('2023-01-10T10:00:00+03:00');
    const noName = docsOf(await readAll(ONE));
    expect(noName[0]!.url).toBeNull();
    expect(noName[0]!.sourceRef).toBe('tg:1111111111/2');
  });

  it('records edits and forwards', async () => {
    const docs = docsOf(await readAll(ONE));
    const edited = docs.find((d) => d.meta?.messageId === 8)!;
    expect(edited.editedAt).toBe('2023-01-14T15:20:05+03:00');
    const fwd = docs.find((d) => d.meta?.messageId === 9)!;
    expect(fwd.forwardedFrom).toBe('Інший канал');
    expect(fwd.sourceName).toBe('Тестовый канал');
    expect(docs.find((d) => d.meta?.messageId === 2)!.forwardedFrom).toBeNull();
  });
});

describe('readTelegramExport: full account export', () => {
  it('reads channels from chats.list and left_chats.list, not personal chats', async () => {
    const items = await readAll(FULL, { channelUsernames: { 3333: 'first_res', 'Ушедший канал': 'gone' } });
    expect(errorsOf(items)).toEqual([]);
    const docs = docsOf(items);
    expect(docs.map((d) => d.sourceRef)).toEqual(['tg:3333/10', 'tg:3333/11', 'tg:4444/20', 'tg:5555/30']);
    expect(docs.map((d) => d.url)).toEqual(['https://t.me/first_res/10', 'https://t.me/first_res/11', null, 'https://t.me/gone/30']);
    expect(docs[2]!.sourceName).toBe('Закрытый канал');
    expect(docs[2]!.forwardedFrom).toBe('Первый канал сопротивления');
    expect(docs.some((d) => d.text.includes('Личное'))).toBe(false);
  });

  it('reads personal chats only when asked', async () => {
    const docs = docsOf(await readAll(FULL, { chatTypes: ['personal_chat'] }));
    expect(docs.map((d) => d.sourceRef)).toEqual(['tg:2222/1']);
  });
});

describe('isTelegramExport', () => {
  it('recognises both export shapes and nothing else', async () => {
    expect(await isTelegramExport(ONE)).toBe(true);
    expect(await isTelegramExport(FULL)).toBe(true);
    const other = join(tmp, 'other.json');
    writeFileSync(other, JSON.stringify({ items: [{ id: 1, text: 'x' }] }));
    expect(await isTelegramExport(other)).toBe(false);
    const html = join(tmp, 'page.html');
    writeFileSync(html, '<html><body>{"messages": []}</body></html>');
    expect(await isTelegramExport(html)).toBe(false);
  });
});

const full = readFileSync(ONE);
const allDocs = docsOf(await readAll(ONE));
/** Byte offset just after each yielded message's closing brace in the fixture. */
const ends = allDocs.map((d) => {
  const at = full.indexOf(`"id": ${String(d.meta?.messageId)},`);
  return full.indexOf('\n  }', at) + 4;
});

describe('broken exports', () => {

  it.each([40, 300, 700, 1500, 2222, 3000, 4100, 5000, full.length - 3])('keeps the messages before a cut at byte %i and names the offset', async (cut) => {
    const path = join(tmp, `cut-${cut}.json`);
    writeFileSync(path, full.subarray(0, cut));
    const items = await readAll(path);
    const errs = errorsOf(items);
    expect(errs).toHaveLength(1);
    expect(items.at(-1)).toBe(errs[0]);
    expect(errs[0]!.where).toMatch(/^byte \d+$/);
    expect(Number(errs[0]!.where!.slice(5))).toBeLessThanOrEqual(cut);
    expect(errs[0]!.message).toMatch(/truncated/);
    const docs = docsOf(items);
    const complete = ends.filter((e) => e <= cut).length;
    expect(docs).toEqual(allDocs.slice(0, complete));
  });

  it('reports a malformed message with its byte offset and reads on', async () => {
    const text = full.toString('utf8');
    const at = text.indexOf('"text": "Простой пост');
    const broken = `${text.slice(0, at)}"text"; ${text.slice(at + 7)}`;
    const path = join(tmp, 'broken-message.json');
    writeFileSync(path, broken);
    const items = await readAll(path);
    const errs = errorsOf(items);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/^message 3: malformed JSON/);
    expect(errs[0]!.where).toBe(`byte ${Buffer.byteLength(text.slice(0, at)) + 6}`);
    expect(docsOf(items).map((d) => d.meta?.messageId)).toEqual([2, 5, 6, 8, 9, 10]);
  });

  it('stops at a broken structure with the offset, keeping what came before', async () => {
    const text = full.toString('utf8');
    const at = text.indexOf('"id": 6,');
    const brace = text.lastIndexOf('{', at);
    const broken = `${text.slice(0, brace)}{ "id": 6, "text": [ } ,${text.slice(brace + 1)}`;
    const path = join(tmp, 'broken-structure.json');
    writeFileSync(path, broken);
    const items = await readAll(path);
    const errs = errorsOf(items);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/unbalanced \}/);
    expect(errs[0]!.where).toBe(`byte ${Buffer.byteLength(text.slice(0, brace)) + 21}`);
    expect(docsOf(items).map((d) => d.meta?.messageId)).toEqual([2, 3, 5]);
  });

  it('names a file that is not JSON at all', async () => {
    const path = join(tmp, 'not-json.json');
    writeFileSync(path, 'hello');
    const errs = errorsOf(await readAll(path));
    expect(errs[0]!.where).toBe('byte 0');
  });

  it('reads across chunk boundaries the same way', async () => {
    // A big export made of the fixture's messages repeated: messages straddle the 1 MB chunks.
    const one = JSON.parse(full.toString('utf8')) as { messages: Record<string, unknown>[] };
    const messages: Record<string, unknown>[] = [];
    for (let i = 0; i < 6000; i++) for (const m of one.messages) messages.push({ ...m, id: messages.length + 1 });
    const path = join(tmp, 'big.json');
    writeFileSync(path, JSON.stringify({ ...one, messages }, null, 1));
    let progressCalls = 0;
    const docs = docsOf(await readAll(path, { onProgress: () => progressCalls++ }));
    expect(docs).toHaveLength(6000 * allDocs.length);
    expect(docs.slice(0, allDocs.length).map((d) => d.text)).toEqual(allDocs.map((d) => d.text));
    expect(docs.at(-1)!.text).toBe(allDocs.at(-1)!.text);
    expect(progressCalls).toBeGreaterThan(10);
  });
});

describe('oversized messages', () => {
  it('refuses a message over the one-document limit, naming it and its place, and reads the others', async () => {
    const one = JSON.parse(readFileSync(ONE, 'utf8')) as { messages: Record<string, unknown>[] };
    const huge = 'Листовки раскладывали по почтовым ящикам. '.repeat(60_000); // ~4.6 MB of UTF-8
    const messages = [...one.messages.slice(0, 2), { id: 9001, type: 'message', date: '2022-10-02T10:00:00', text: huge }, ...one.messages.slice(2)];
    const path = join(tmp, 'huge-post.json');
    writeFileSync(path, JSON.stringify({ ...one, messages }, null, 1));
    const items = await readAll(path, { maxBytes: 1024 * 1024 });
    const [err, ...more] = errorsOf(items);
    expect(more).toEqual([]);
    expect(err!.file).toBe(path);
    expect(err!.message).toMatch(/^message 9001: text is 4\.\d MB, over the 1 MB limit/);
    expect(err!.where).toMatch(/^byte \d+$/);
    expect(docsOf(items).map((d) => d.text)).toEqual(docsOf(await readAll(ONE)).map((d) => d.text));
    // Under the default limit (16 MB) the same post goes in.
    expect(docsOf(await readAll(path)).some((d) => d.text.length > 2_000_000)).toBe(true);
  });
});

const devExport = join(DEV_RU, 'telegram-export', 'result.json');
if (!existsSync(devExport)) console.log(`skipping the dev-ru export test: ${devExport} is absent`);

describe.skipIf(!existsSync(devExport))('the dev-ru sample export', () => {
  it('gives the 20 posts, with texts equal to the .txt files', async () => {
    const items = await readAll(devExport, { channelUsername: 'svodka' });
    expect(errorsOf(items)).toEqual([]);
    const docs = docsOf(items);
    expect(docs).toHaveLength(20);
    const txt = readdirSync(DEV_RU).filter((f) => f.endsWith('.txt')).sort();
    const texts = txt.map((f) => readFileSync(join(DEV_RU, f), 'utf8'));
    expect(docs.map((d) => d.text).sort()).toEqual([...texts].sort());
    for (const f of txt) {
      const gold = JSON.parse(readFileSync(join(DEV_RU, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as { published: string };
      const doc = docs.find((d) => d.text === readFileSync(join(DEV_RU, f), 'utf8'))!;
      expect(doc.publishedAt!.slice(0, 10)).toBe(gold.published);
    }
    expect(docs.filter((d) => d.editedAt).map((d) => d.sourceRef)).toEqual(['tg:1698420317/66']);
    expect(docs.filter((d) => d.forwardedFrom).map((d) => d.url)).toEqual(['https://t.me/svodka/64', 'https://t.me/svodka/78']);
  });
});

describe('telegramDate', () => {
  it('keeps the local time and adds the offset the unixtime implies', () => {
    expect(telegramDate('2022-09-25T21:40:00', '1664131200')).toBe('2022-09-25T21:40:00+03:00');
    expect(telegramDate('2022-09-25T18:40:00', '1664131200')).toBe('2022-09-25T18:40:00Z');
    expect(telegramDate('2022-09-25T13:10:00', '1664131200')).toBe('2022-09-25T13:10:00-05:30');
    expect(telegramDate(undefined, '1664131200')).toBe('2022-09-25T18:40:00Z');
    expect(telegramDate('2022-09-25T21:40:00', undefined)).toBe('2022-09-25T21:40:00');
  });
});
