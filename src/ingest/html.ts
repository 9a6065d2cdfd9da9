/**
 * HTML to the article's main text: site furniture (comments, share and donate blocks, related links,
 * author boxes) removed first, then Readability over a linkedom DOM, with the page's own metadata.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlText {
  title: string | null;
  text: string;
  /** Publication date from meta tags, JSON-LD or <time> (as the page gives it: ISO date or date-time). */
  published: string | null;
}

const DATE_META = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created',
  'pubdate', 'publish-date', 'publishdate', 'parsely-pub-date', 'sailthru.date', 'article.published', 'datecreated',
];

// Blocks that are never the article. Class/id fragments are matched as whole words of the attribute.
const FURNITURE_TAGS = 'script, style, noscript, template, nav, footer, aside, form, iframe, button, svg, dialog';
const FURNITURE_WORDS = /(?:^|[\s_-])(?:comments?|comment-list|respond|disqus|share|sharing|social|related|recommended|read-?more|more-stories|newsletter|subscribe|subscription|donate|donation|paywall|promo|advert|ads?|banner|sidebar|widget|breadcrumbs?|author-(?:box|bio|info)|about-author|tags|tag-list|cookie|popup|modal|footer|menu)(?:$|[\s_-])/i;

type El = {
  nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown>;
  getAttribute(n: string): string | null; remove(): void;
};

/** The main text of an HTML page (paragraphs as blank-line-separated blocks), its title and date. */
export function htmlToText(html: string): HtmlText {
  // A fragment without <html>/<body> gets them, or linkedom leaves the body empty.
  const page = /<(?:html|body)[\s>]/i.test(html) ? html : `<html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const published = findPublished(document);
  const title = findTitle(document);

  for (const el of document.querySelectorAll(FURNITURE_TAGS)) (el as unknown as El).remove();
  for (const el of [...document.querySelectorAll('[class], [id], [role]')] as unknown as El[]) {
    const role = el.getAttribute('role') ?? '';
    if (/^(?:navigation|banner|complementary|contentinfo|dialog)$/i.test(role)) { el.remove(); continue; }
    const key = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    // Never drop the page's main containers, whatever their class says.
    if (['ARTICLE', 'MAIN', 'BODY', 'HTML'].includes(el.nodeName)) continue;
    if (FURNITURE_WORDS.test(key)) el.remove();
  }

  let text = '';
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document.body);
  } catch { /* fall back to the whole body */ }
  if (text.replace(/\s+/g, '').length < 80) {
    const body = blockText(parseHTML(page).document.body);
    if (body.length > text.length) text = body;
  }
  return { title, text, published };
}

function findPublished(document: Document): string | null {
  const ok = (v: string | null | undefined): v is string => !!v && /\d{4}/.test(v) && !Number.isNaN(Date.parse(v));
  for (const name of DATE_META) {
    for (const el of document.querySelectorAll('meta')) {
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
      const v = el.getAttribute('content');
      if (key === name && ok(v)) return v;
    }
  }
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    const v = jsonLdDate(el.textContent ?? '');
    if (ok(v)) return v;
  }
  for (const el of document.querySelectorAll('[itemprop="datePublished"], time[pubdate], time[datetime]')) {
    const v = el.getAttribute('datetime') ?? el.getAttribute('content');
    if (ok(v)) return v;
  }
  return null;
}

function jsonLdDate(src: string): string | null {
  try {
    const stack: unknown[] = [JSON.parse(src)];
    while (stack.length) {
      const o = stack.pop();
      if (Array.isArray(o)) stack.push(...o);
      else if (o && typeof o === 'object') {
        const rec = o as Record<string, unknown>;
        if (typeof rec.datePublished === 'string') return rec.datePublished;
        stack.push(...Object.values(rec).filter((v) => v && typeof v === 'object'));
      }
    }
  } catch { /* not JSON: ignore */ }
  return null;
}

function findTitle(document: Document): string | null {
  for (const el of document.querySelectorAll('meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').toLowerCase();
    const v = el.getAttribute('content')?.trim();
    if ((key === 'og:title' || key === 'twitter:title') && v) return v;
  }
  const h1 = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  if (h1) return h1;
  return document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || null;
}

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'FIGURE', 'FIGCAPTION', 'HR', 'ADDRESS']);

/** Text with paragraphs as blank-line-separated blocks, so sentences never run across paragraphs. */
function blockText(root: { childNodes: ArrayLike<unknown> } | null): string {
  if (!root) return '';
  const parts: string[] = [];
  const walk = (node: El): void => {
    if (node.nodeType === 3) { parts.push((node.textContent ?? '').replace(/\s+/g, ' ')); return; }
    if (node.nodeType !== 1) return;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(node.nodeName)) return;
    if (node.nodeName === 'BR') { parts.push('\n'); return; }
    const block = BLOCK.has(node.nodeName);
    if (block) parts.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child as El);
    if (block) parts.push('\n\n');
  };
  walk(root as El);
  return parts.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/ {2,}/g, ' ').trim();
}
