import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputError, type DocumentInput, type ReadItem } from '../../src/ingest/document.js';
import { parseUrlList, readUrlList, type UrlReadOptions } from '../../src/ingest/urls.js';

const tmp = mkdtempSync(join(tmpdir(), 'letopis-urls-'));

const ARTICLE = (title: string, body: string, head = ''): string => `<!doctype html><html><head>${head}<title>${title}</title>
<meta property="article:published_time" content="2023-03-02T09:00:00+03:00"></head>
<body><nav>Главная | Новости | Контакты</nav><article><h1>${title}</h1><p>${body}</p>
<p>Второй абзац статьи: свидетели рассказали, что акция длилась около часа, а затем участники разошлись.</p></article>
<footer>Все права защищены</footer></body></html>`;

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE('Акция в Самаре', 'В Самаре у здания администрации прошла акция против мобилизации.'));
    } else if (path === '/cp1251') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
      res.end(iconv.encode(ARTICLE('Пикет в Рязани', 'В Рязани задержали пикетчицу с плакатом «Нет войне».'), 'windows-1251'));
    } else if (path === '/cp1251-meta') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(iconv.encode(ARTICLE('Листовки в Курске', 'В Курске расклеили листовки против войны.', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), 'windows-1251'));
    } else if (path.startsWith('/redirect/')) {
      const n = Number(path.split('/')[2]);
      res.writeHead(302, { location: n > 1 ? `/redirect/${n - 1}` : '/article' });
      res.end();
    } else if (path === '/to-ftp') {
      res.writeHead(301, { location: 'ftp://example.org/file' });
      res.end();
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>Начало страницы');
      // never ends: the client's time limit must stop it
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = `<p>${'Очень длинная страница. '.repeat(200)}</p>`;
      let sent = 0;
      const push = (): void => {
        while (sent < 400) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', push);
            return;
          }
        }
        res.end();
      };
      push();
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.end();
    } else if (path === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    } else if (path === '/plain') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Простой текст: в Вологде прошёл одиночный пикет.');
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<p>нет такой страницы</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function readList(lines: string[], opts: UrlReadOptions = {}): Promise<ReadItem[]> {
  const path = join(tmp, `list-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(path, lines.join('\n'));
  const out: ReadItem[] = [];
  for await (const item of readUrlList(path, opts)) out.push(item);
  return out;
}

describe('readUrlList', () => {
  it('fetches a page and keeps the article text, title and date', async () => {
    const [doc] = await readList([`${base}/article`]) as DocumentInput[];
    expect(doc).toMatchObject({
      sourceKind: 'url', sourceName: '127.0.0.1', sourceRef: `${base}/article`, url: `${base}/article`,
      title: 'Акция в Самаре', publishedAt: '2023-03-02T09:00:00+03:00',
    });
    expect(doc!.text).toContain('В Самаре у здания администрации прошла акция против мобилизации.');
    expect(doc!.text).not.toContain('Все права защищены');
  });

  it('decodes windows-1251 from the header and from a meta tag', async () => {
    const [a, b] = await readList([`${base}/cp1251`, `${base}/cp1251-meta`]) as DocumentInput[];
    expect(a!.text).toContain('В Рязани задержали пикетчицу с плакатом «Нет войне».');
    expect(a!.meta).toMatchObject({ encoding: 'windows-1251' });
    expect(b!.text).toContain('В Курске расклеили листовки против войны.');
  });

  it('follows redirects up to the limit, and names the final URL', async () => {
    const [ok, tooMany, ftp] = await readList([`${base}/redirect/2`, `${base}/redirect/4`, `${base}/to-ftp`], { maxRedirects: 3 });
    expect(ok).toMatchObject({ sourceRef: `${base}/redirect/2`, url: `${base}/article` });
    expect(tooMany).toMatchObject({ error: true, where: 'line 2', message: `${base}/redirect/4: more than 3 redirects` });
    expect(ftp).toMatchObject({ error: true, where: 'line 3' });
    expect((ftp as { message: string }).message).toMatch(/ftp: URL refused/);
  });

  it('gives up on a slow page after the time limit', async () => {
    const started = Date.now();
    const [slow] = await readList([`${base}/slow`], { timeoutMs: 300 });
    expect(slow).toMatchObject({ error: true, where: 'line 1', message: `${base}/slow: no complete answer within 0.3 s` });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses bodies over the size limit, declared or not', async () => {
    const [big, declared] = await readList([`${base}/big`, `${base}/big-declared`], { maxBytes: 100_000 });
    expect((big as { message: string }).message).toMatch(/larger than the 100000-byte limit/);
    expect((declared as { message: string }).message).toMatch(/52428800 bytes, over the 100000-byte limit/);
  });

  it('refuses other content types and HTTP errors, and keeps list order', async () => {
    const items = await readList([
      '# a comment', '', `${base}/pdf`, `${base}/missing`, `${base}/plain   the rest of the line is ignored`, 'not a url', 'file:///etc/passwd',
    ]);
    expect(items.map((i) => (isInputError(i) ? i.where : 'doc'))).toEqual(['line 3', 'line 4', 'doc', 'line 6', 'line 7']);
    expect((items[0] as { message: string }).message).toMatch(/content type application\/pdf is not a web page/);
    expect((items[1] as { message: string }).message).toMatch(/HTTP 404/);
    expect((items[2] as DocumentInput).text).toBe('Простой текст: в Вологде прошёл одиночный пикет.');
  });
});

describe('parseUrlList', () => {
  it('takes the first word of each line and drops fragments', () => {
    expect(parseUrlList('https://a.example/x#top\n  # note\nhttp://b.example/ 2022-01-01\n', 'l.txt')).toEqual([
      { line: 1, url: 'https://a.example/x' },
      { line: 3, url: 'http://b.example/' },
    ]);
  });
});
