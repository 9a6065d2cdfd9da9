/**
 * URL lists (`letopis ingest --urls FILE`): one URL a line, each fetched with a time limit, a
 * redirect limit and a size limit, decoded by its charset, and reduced to the article's main text.
 */
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { decodeBytes } from './decode.js';
import { inputError, type DocumentInput, type ReadItem } from './document.js';
import { htmlToText } from './html.js';

export interface UrlReadOptions {
  /** Time limit per URL, redirects and body included (default 20 s). */
  timeoutMs?: number;
  /** Redirects followed per URL (default 5). */
  maxRedirects?: number;
  /** Largest body accepted (default 5 MiB). */
  maxBytes?: number;
  /** URLs fetched at once (default 4); documents still come out in list order. */
  concurrency?: number;
  userAgent?: string;
  /** Publication date for pages that do not state one. */
  published?: string | null;
}

export const URL_DEFAULTS = {
  timeoutMs: 20_000,
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
  concurrency: 4,
  userAgent: 'Letopis/0.1 (+https://github.com/letopis; chronicle of anti-war resistance)',
} as const;

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** One line of the list: a URL, or an error naming the line. */
export interface UrlLine {
  line: number;
  url: string;
}

/**
 * The URLs in a list file: the first word of each line; blank lines and `#` comments are skipped.
 * Lines that are not http(s) URLs come back as errors.
 */
export function parseUrlList(text: string, file: string): (UrlLine | ReturnType<typeof inputError>)[] {
  const out: (UrlLine | ReturnType<typeof inputError>)[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const word = raw.trim().split(/\s+/)[0] ?? '';
    if (word === '' || word.startsWith('#')) return;
    let u: URL;
    try {
      u = new URL(word);
    } catch {
      out.push(inputError(file, `"${word.slice(0, 80)}" is not a URL`, `line ${i + 1}`));
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      out.push(inputError(file, `${u.protocol} URLs are not fetched, only http and https`, `line ${i + 1}`));
      return;
    }
    u.hash = '';
    out.push({ line: i + 1, url: u.href });
  });
  return out;
}

/**
 * Fetch every URL of a list file, yielding a document per page (in list order) and an error per
 * URL that could not be fetched or read.
 * @example for await (const item of readUrlList('urls.txt', { timeoutMs: 10_000 })) ...
 */
export async function* readUrlList(path: string, opts: UrlReadOptions = {}): AsyncGenerator<ReadItem> {
  const file = path;
  let text: string;
  try {
    text = (await readFile(path, 'utf8'));
  } catch (err) {
    yield inputError(file, `cannot read the URL list: ${(err as Error).message}`);
    return;
  }
  const entries = parseUrlList(text, file);
  const concurrency = Math.max(1, opts.concurrency ?? URL_DEFAULTS.concurrency);
  // A sliding window: up to `concurrency` fetches run while results are yielded in order.
  const pending: Promise<ReadItem>[] = [];
  let next = 0;
  const start = (): void => {
    const e = entries[next++]!;
    pending.push('url' in e ? fetchDocument(e.url, opts).then((r) => ('error' in r ? inputError(file, r.error, `line ${e.line}`) : r)) : Promise.resolve(e));
  };
  while (next < entries.length && pending.length < concurrency) start();
  while (pending.length > 0) {
    const item = await pending.shift()!;
    if (next < entries.length) start();
    yield item;
  }
}

/** Fetch one page and make it a document; `{ error }` says why not, in words a user understands. */
export async function fetchDocument(url: string, opts: UrlReadOptions = {}): Promise<DocumentInput | { error: string }> {
  const timeoutMs = opts.timeoutMs ?? URL_DEFAULTS.timeoutMs;
  const maxRedirects = opts.maxRedirects ?? URL_DEFAULTS.maxRedirects;
  const maxBytes = opts.maxBytes ?? URL_DEFAULTS.maxBytes;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  let res: Response;
  try {
    for (let redirects = 0; ; redirects++) {
      res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': opts.userAgent ?? URL_DEFAULTS.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5' },
      });
      if (res.status < 300 || res.status >= 400 || res.status === 304) break;
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (location === null) return { error: `${url}: HTTP ${res.status} redirect without a Location header` };
      if (redirects >= maxRedirects) return { error: `${url}: more than ${maxRedirects} redirects` };
      const target = new URL(location, current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return { error: `${url}: redirect to a ${target.protocol} URL refused` };
      current = target.href;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { error: `${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
    }
    const type = res.headers.get('content-type') ?? '';
    const mime = type.split(';')[0]!.trim().toLowerCase();
    const html = HTML_TYPES.includes(mime);
    if (!html && mime !== 'text/plain' && mime !== '') {
      await res.body?.cancel();
      return { error: `${url}: content type ${mime} is not a web page (expected text/html)` };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      return { error: `${url}: the page is ${declared} bytes, over the ${maxBytes}-byte limit` };
    }
    const body = await readLimited(res, maxBytes);
    if (body === null) return { error: `${url}: the page is larger than the ${maxBytes}-byte limit` };
    const decoded = decodeBody(body, type, html || mime === '');
    if ('error' in decoded) return { error: `${url}: ${decoded.error}` };
    const looksHtml = html || (mime === '' && /<html|<body|<p[\s>]/i.test(decoded.text.slice(0, 2048)));
    const page = looksHtml ? htmlToText(decoded.text) : { title: null, text: decoded.text, published: null };
    if (page.text.trim() === '') return { error: `${url}: no readable text on the page` };
    const host = new URL(current).hostname.replace(/^www\./, '');
    return {
      sourceKind: 'url',
      sourceName: host,
      sourceRef: url,
      url: current,
      title: page.title,
      publishedAt: page.published ?? opts.published ?? null,
      text: page.text,
      meta: { finalUrl: current, status: res.status, contentType: type, encoding: decoded.encoding },
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || signal.aborted) return { error: `${url}: no complete answer within ${timeoutMs / 1000} s` };
    const cause = e.cause?.code ?? e.cause?.message ?? e.message;
    return { error: `${url}: could not fetch (${cause})` };
  }
}

/** The body, or null once it passes maxBytes (the rest is not downloaded). */
async function readLimited(res: Response, maxBytes: number): Promise<Buffer | null> {
  if (res.body === null) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** The charset from the header, else from a <meta> tag in the first bytes, else detected. */
export function decodeBody(body: Buffer, contentType: string, html: boolean): { text: string; encoding: string } | { error: string } {
  let charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset === undefined && html) {
    const head = body.subarray(0, 4096).toString('latin1');
    charset = (/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1])?.toLowerCase();
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return { text: iconv.decode(body, charset), encoding: charset };
  }
  const d = decodeBytes(body);
  if (!d.ok) return { error: d.message };
  return { text: d.text, encoding: d.encoding };
}
