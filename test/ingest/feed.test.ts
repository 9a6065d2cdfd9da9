import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputError, type DocumentInput, type ReadItem } from '../../src/ingest/document.js';
import { feedDate, readFeed } from '../../src/ingest/feed.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'feed');
const tmp = mkdtempSync(join(tmpdir(), 'letopis-feed-'));

async function readAll(path: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readFeed(path)) out.push(item);
  return out;
}
const docs = (items: ReadItem[]): DocumentInput[] => items.filter((i): i is DocumentInput => !isInputError(i));

describe('readFeed', () => {
  it('reads RSS 2.0 items: HTML bodies to text, content:encoded first, guid as identity', async () => {
    const items = await readAll(join(FIXTURES, 'rss-utf8.xml'));
    expect(items.filter(isInputError)).toEqual([]);
    const [a, b, c] = docs(items);
    expect(a).toMatchObject({
      sourceKind: 'feed', sourceName: 'Хроника протеста', sourceRef: 'chronicle-1001',
      url: 'https://chronicle.example.org/2023/01/tver', title: 'Пикет в Твери',
      publishedAt: '2023-01-10T23:40:00+03:00', meta: { author: 'Редакция' },
    });
    expect(a!.text).toBe('У библиотеки в Твери стоял одиночный пикетчик.\n\nПолиция не вмешалась.');
    expect(b!.text).toBe('Суд в Ярославле оштрафовал жительницу города за плакат на балконе.');
    expect(b!.sourceRef).toBe('https://chronicle.example.org/2023/01/yaroslavl');
    expect(b!.publishedAt).toBe('2023-01-11T09:05:00Z');
    // A headline-only item keeps its title as the text, and has no date.
    expect(c).toMatchObject({ text: 'Только заголовок: в Омске задержали студента', publishedAt: null });
  });

  it('reads Atom entries: alternate link, published date, updates as edits', async () => {
    const [a, b] = docs(await readAll(join(FIXTURES, 'atom.xml')));
    expect(a).toMatchObject({
      sourceName: 'Новини спротиву (тест)', sourceRef: 'urn:test:post:1', url: 'https://resist.example.net/posts/1',
      publishedAt: '2023-02-04T21:15:00+02:00', editedAt: '2023-02-05T08:00:00+02:00',
      text: "У Мелітополі з'явилися листівки проти окупації.",
    });
    expect(b).toMatchObject({ url: 'https://resist.example.net/posts/2', publishedAt: '2023-02-05T10:00:00+02:00', editedAt: null });
    expect(b!.text).toBe('Окупанти затримали двох чоловіків біля ринку.');
  });

  it('decodes a windows-1251 feed by its XML declaration', async () => {
    const [a] = docs(await readAll(join(FIXTURES, 'rss-cp1251.xml')));
    expect(a!.sourceName).toBe('Старая лента');
    expect(a!.text).toBe('На мосту через Волгу ночью появилась надпись «Нет войне». Её закрасили к утру.');
  });

  it('refuses what is not a feed, naming the root element', async () => {
    const path = join(tmp, 'page.xml');
    writeFileSync(path, '<?xml version="1.0"?><html><body>x</body></html>');
    const items = await readAll(path);
    expect(items).toEqual([{ error: true, file: path, message: 'not an RSS or Atom feed (the root element is <html>)' }]);
    const empty = join(tmp, 'empty.rss');
    writeFileSync(empty, '<rss version="2.0"><channel><title>x</title></channel></rss>');
    expect((await readAll(empty))[0]).toMatchObject({ error: true, message: 'the feed has no items' });
  });
});

describe('feedDate', () => {
  it('keeps the offset of RFC 822 dates', () => {
    expect(feedDate('Mon, 26 Sep 2022 01:30:00 +0300')).toBe('2022-09-26T01:30:00+03:00');
    expect(feedDate('5 Oct 2022 10:00 GMT')).toBe('2022-10-05T10:00:00Z');
    expect(feedDate('2022-10-05T10:00:00+02:00')).toBe('2022-10-05T10:00:00+02:00');
    expect(feedDate('not a date')).toBeNull();
  });
});
