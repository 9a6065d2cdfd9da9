/** File readers: encodings, front matter, HTML, and bad input reported as data naming the file. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, normaliseText } from '../../src/ingest/decode.js';
import { isInputError, type DocumentInput, type ReadItem } from '../../src/ingest/document.js';
import { frontMatter, readPaths, readTextFile } from '../../src/ingest/files.js';

const RU = 'В ночь на понедельник неизвестные подожгли здание военкомата, огонь быстро потушили.';
const dir = mkdtempSync(join(tmpdir(), 'letopis-files-'));
const file = (name: string, data: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const asDoc = (item: ReadItem): DocumentInput => {
  if (isInputError(item)) throw new Error(`unexpected error: ${item.message}`);
  return item;
};

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeBytes(Buffer.from(RU))).toMatchObject({ ok: true, text: RU, encoding: 'utf-8' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RU)]))).toMatchObject({ ok: true, text: RU });
  });
  it('recognises Windows-1251 and KOI8-R Russian text', () => {
    expect(decodeBytes(iconv.encode(RU, 'windows-1251'))).toMatchObject({ ok: true, text: RU, encoding: 'windows-1251' });
    expect(decodeBytes(iconv.encode(RU, 'koi8-r'))).toMatchObject({ ok: true, text: RU, encoding: 'koi8-r' });
  });
  it('reads UTF-16 with a byte-order mark', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(RU, 'utf-16le')]))).toMatchObject({ ok: true, text: RU });
  });
  it('refuses binary junk, empty text and undecodable bytes with a reason', () => {
    const junk = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(decodeBytes(junk)).toMatchObject({ ok: false, message: expect.stringMatching(/binary/) });
    expect(decodeBytes(Buffer.from('  \n\n '))).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    const bad = Buffer.concat([Buffer.from('Latin text then '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]);
    expect(decodeBytes(bad)).toMatchObject({ ok: false, message: expect.stringMatching(/invalid UTF-8 at byte 16/) });
  });
});

describe('normaliseText', () => {
  it('gives the same text for CRLF, trailing spaces and decomposed letters', () => {
    const a = normaliseText('Заголовок  \r\n\r\nЙошкар-Ола\r\n');
    const b = normaliseText('Заголовок\n\nЙ'.normalize('NFD') + 'ошкар-Ола');
    expect(a).toBe(b);
  });
});

describe('readTextFile', () => {
  it('takes title, date, source and language from Markdown front matter', async () => {
    const p = file('post.md', '---\ntitle: "A test post"\npublished: 2022-09-25\nsource: Test channel\nlang: en\nurl: https://example.org/p/1\n---\nBody text here.\n');
    const d = asDoc(await readTextFile(p));
    expect(d).toMatchObject({ title: 'A test post', publishedAt: '2022-09-25', sourceName: 'Test channel', lang: 'en', url: 'https://example.org/p/1', text: 'Body text here.\n' });
    expect(frontMatter('no front matter')).toBeNull();
  });
  it('lets --published win over the file and refuses a date that is not one', async () => {
    const p = file('dated.md', '---\npublished: 2022-01-01\n---\nText.');
    expect(asDoc(await readTextFile(p, { published: '2022-03-03' })).publishedAt).toBe('2022-03-03');
    const q = file('baddate.md', '---\npublished: yesterday-ish\n---\nText.');
    const e = await readTextFile(q);
    expect(isInputError(e) && e.message).toMatch(/not a date/);
  });
  it('keeps the main text of an HTML page and its publication date, without navigation and scripts', async () => {
    const p = file('page.html', `<html><head><title>Headline</title><meta property="article:published_time" content="2022-09-22T08:00:00Z">
      <script>var tracking = 1;</script></head><body><nav>Home | About</nav><article><h1>Headline</h1>
      <p>${'Police detained dozens of people at a rally against mobilisation in the city centre. '.repeat(3)}</p>
      <p>Another paragraph of the report.</p></article><footer>Subscribe</footer></body></html>`);
    const d = asDoc(await readTextFile(p));
    expect(d.publishedAt).toBe('2022-09-22T08:00:00Z');
    expect(d.text).toContain('Police detained dozens');
    expect(d.text).not.toContain('tracking');
    expect(d.text).not.toContain('Home | About');
  });
  it('refuses a file over the size limit, naming the size', async () => {
    const p = file('big.txt', 'x'.repeat(3 * 1024 * 1024));
    const e = await readTextFile(p, { maxBytes: 1024 * 1024 });
    expect(isInputError(e) && e.message).toMatch(/3\.0 MB, over the 1 MB limit/);
  });
  it('decodes a Windows-1251 file and notes its encoding', async () => {
    const p = file('cp1251.txt', iconv.encode(RU, 'windows-1251'));
    const d = asDoc(await readTextFile(p));
    expect(d.text).toBe(RU);
    expect(d.meta).toEqual({ encoding: 'windows-1251' });
  });
});

describe('readPaths', () => {
  it('reads folders recursively, reports missing paths and empty folders, and goes on', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'sub'), { recursive: true });
    mkdirSync(join(dir, 'nothing-here'), { recursive: true });
    writeFileSync(join(root, 'a.txt'), 'First report.');
    writeFileSync(join(root, 'sub', 'b.md'), 'Second report.');
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    writeFileSync(join(root, 'empty.txt'), '');
    const items: ReadItem[] = [];
    for await (const it of readPaths([root, join(dir, 'missing.txt'), join(dir, 'nothing-here')])) items.push(it);
    const docs = items.filter((i): i is DocumentInput => !isInputError(i)).map((d) => d.text);
    const errors = items.filter(isInputError).map((e) => `${e.file.split('/').pop()}: ${e.message}`);
    expect(docs).toEqual(['First report.', 'Second report.']);
    expect(errors).toEqual([
      expect.stringMatching(/^empty\.txt: empty file/),
      expect.stringMatching(/^missing\.txt: no such file/),
      expect.stringMatching(/^nothing-here: no supported files/),
    ]);
  });
});
