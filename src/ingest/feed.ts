/** RSS 2.0 and Atom feed files: one document per item or entry. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { DOMParser } from 'linkedom';
import { decodeBytes } from './decode.js';
import { DEFAULT_MAX_BYTES, inputError, textOverLimit, type DocumentInput, type ReadItem } from './document.js';
import { htmlToText } from './html.js';

export interface FeedReadOptions {
  /** Feeds larger than this are refused (default 64 MiB; feeds are read whole). */
  maxBytes?: number;
}

const FEED_MAX_BYTES = 64 * 1024 * 1024;

/** The minimal element surface we read (linkedom's XML elements). */
interface El {
  localName: string;
  tagName: string;
  textContent: string | null;
  children: ArrayLike<El>;
  getAttribute(name: string): string | null;
}

/** Bytes to text, honouring the XML declaration's encoding (Russian feeds still use windows-1251). */
export function decodeXml(buf: Buffer): { ok: true; text: string } | { ok: false; message: string } {
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /^\uFEFF?\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.replace(/^\xEF\xBB\xBF/, ''))?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { ok: true, text: iconv.decode(buf, declared) };
  }
  const d = decodeBytes(buf);
  return d.ok ? { ok: true, text: d.text } : d;
}

/** Does this text look like a feed? Looks at the root element only. */
export function isFeedText(xml: string): boolean {
  return /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[^]*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b/.test(xml.slice(0, 4096));
}

/**
 * Read an RSS 2.0 or Atom file: one document per item with text, its link, date and feed title.
 * @example for await (const item of readFeed('news.xml')) ...
 */
export async function* readFeed(path: string, opts: FeedReadOptions = {}): AsyncGenerator<ReadItem> {
  const file = path;
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    yield inputError(file, `cannot read the file: ${(err as Error).message}`);
    return;
  }
  const max = opts.maxBytes ?? FEED_MAX_BYTES;
  if (buf.length > max) {
    yield inputError(file, `the feed is ${(buf.length / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit`);
    return;
  }
  const decoded = decodeXml(buf);
  if (!decoded.ok) {
    yield inputError(file, decoded.message);
    return;
  }
  yield* parseFeed(decoded.text, file, resolve(path));
}

/** Parse feed XML text; `ref` names the feed in sourceRefs of items that have neither guid nor link. */
export function* parseFeed(xml: string, file: string, ref: string): Generator<ReadItem> {
  if (!isFeedText(xml)) {
    const root = /<([A-Za-z][\w:.-]*)/.exec(xml.replace(/<\?[^>]*>|<!--[^]*?-->|<!DOCTYPE[^>]*>/g, ''))?.[1];
    yield inputError(file, root === undefined ? 'not XML: expected an RSS or Atom feed' : `not an RSS or Atom feed (the root element is <${root}>)`);
    return;
  }
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { documentElement: El | null };
  const root = doc.documentElement;
  if (root === null) {
    yield inputError(file, 'the feed has no root element');
    return;
  }
  const atom = root.localName === 'feed';
  const channel = atom ? root : child(root, 'channel') ?? root;
  const feedTitle = clean(child(channel, 'title')?.textContent);
  const feedLink = atom ? atomLink(channel) : clean(child(channel, 'link')?.textContent);
  const items = descendants(root, atom ? 'entry' : 'item');
  if (items.length === 0) {
    yield inputError(file, 'the feed has no items');
    return;
  }
  let n = 0;
  for (const item of items) {
    n++;
    const title = clean(child(item, 'title')?.textContent);
    const link = atom ? atomLink(item) : clean(child(item, 'link')?.textContent);
    const guid = clean(child(item, atom ? 'id' : 'guid')?.textContent);
    const html = atom
      ? child(item, 'content')?.textContent ?? child(item, 'summary')?.textContent
      : child(item, 'content:encoded')?.textContent ?? child(item, 'description')?.textContent;
    const text = bodyText(html ?? '');
    const date = clean((atom ? child(item, 'published') ?? child(item, 'updated') : child(item, 'pubDate') ?? child(item, 'dc:date'))?.textContent);
    if (text === '' && title === null) {
      yield inputError(file, 'an item with neither text nor title', `item ${n}`);
      continue;
    }
    const updated = atom ? clean(child(item, 'updated')?.textContent) : null;
    const author = clean((child(item, 'dc:creator') ?? child(item, 'author'))?.textContent);
    const d: DocumentInput = {
      sourceKind: 'feed',
      sourceName: feedTitle ?? hostOf(feedLink) ?? file,
      sourceRef: guid ?? link ?? `${ref}#item-${n}`,
      url: link !== null && /^https?:\/\//i.test(link) ? link : null,
      title,
      publishedAt: date === null ? null : feedDate(date),
      // A title-only item (a headline feed) still reports something: its title is the text.
      text: text === '' ? title ?? '' : text,
      editedAt: updated !== null && date !== null && updated !== date ? feedDate(updated) : null,
      meta: author === null ? { feed: file } : { feed: file, author },
    };
    const tooBig = textOverLimit(d.text, DEFAULT_MAX_BYTES);
    if (tooBig !== null) yield inputError(file, tooBig, `item ${n}`);
    else yield d;
  }
}

function child(el: El, name: string): El | null {
  for (const c of Array.from(el.children)) if (c.tagName === name || c.localName === name) return c;
  return null;
}

function descendants(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El): void => {
    for (const c of Array.from(e.children)) {
      if (c.localName === name || c.tagName === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

function atomLink(el: El): string | null {
  let fallback: string | null = null;
  for (const c of Array.from(el.children)) {
    if (c.localName !== 'link') continue;
    const rel = c.getAttribute('rel');
    const href = c.getAttribute('href');
    if (href === null) continue;
    if (rel === null || rel === 'alternate') return href;
    fallback ??= href;
  }
  return fallback;
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t === undefined || t === '' ? null : t;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Item bodies are HTML (escaped or in CDATA) or plain text. */
function bodyText(s: string): string {
  if (!/<[a-z][^>]*>/i.test(s)) return s.replace(/\r\n?/g, '\n').trim();
  return htmlToText(`<html><body><article>${s}</article></body></html>`).text.trim();
}

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/**
 * RFC 822 dates ("Mon, 26 Sep 2022 14:30:00 +0300") to ISO, keeping the feed's own offset so the
 * local day stays the day the item was published; Atom's ISO dates pass through.
 */
export function feedDate(s: string): string | null {
  const m = /^(?:\w{3},\s*)?(\d{1,2})\s+(\w{3})\w*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|GMT|UTC?|Z)?/i.exec(s.trim());
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month !== undefined) {
      const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
      const zone = m[7] === undefined || /^(GMT|UTC?|Z)$/i.test(m[7]) ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(3)}`;
      return `${year}-${month}-${m[1]!.padStart(2, '0')}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${zone}`;
    }
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.trim();
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
