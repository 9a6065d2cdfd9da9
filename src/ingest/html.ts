/** HTML to the article's main text: Readability over a linkedom DOM, with the page's own metadata. */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlText {
  title: string | null;
  text: string;
  /** Publication date from meta tags (article:published_time, datePublished, date...), ISO. */
  published: string | null;
}

const DATE_META = ['article:published_time', 'og:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'pubdate', 'publish-date', 'sailthru.date'];

export function htmlToText(html: string): HtmlText {
  const { document } = parseHTML(html);
  const meta = (name: string): string | null => {
    for (const el of document.querySelectorAll('meta')) {
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
      if (key === name) return el.getAttribute('content');
    }
    return null;
  };
  let published: string | null = null;
  for (const name of DATE_META) {
    const v = meta(name);
    if (v && !Number.isNaN(Date.parse(v))) { published = v; break; }
  }
  if (!published) {
    const t = document.querySelector('time[datetime]')?.getAttribute('datetime');
    if (t && !Number.isNaN(Date.parse(t))) published = t;
  }
  const title = meta('og:title') ?? (document.querySelector('title')?.textContent?.trim() || null);
  let text = '';
  try {
    const article = new Readability(document as unknown as Document).parse();
    if (article?.content) text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document.body);
  } catch { /* fall back to the whole body */ }
  if (!text.trim()) {
    for (const el of document.querySelectorAll('script, style, noscript, nav, header, footer, aside, form')) el.remove();
    text = blockText(document.body);
  }
  return { title, text, published };
}

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'FIGCAPTION', 'BR', 'HR']);

/** Text with paragraphs as blank-line-separated blocks, so sentences never run across paragraphs. */
function blockText(root: { childNodes: ArrayLike<unknown> } | null): string {
  if (!root) return '';
  const parts: string[] = [];
  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }): void => {
    if (node.nodeType === 3) { parts.push((node.textContent ?? '').replace(/\s+/g, ' ')); return; }
    if (node.nodeType !== 1) return;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(node.nodeName)) return;
    const block = BLOCK.has(node.nodeName);
    if (block) parts.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block) parts.push('\n\n');
  };
  walk(root as Parameters<typeof walk>[0]);
  return parts.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/ {2,}/g, ' ').trim();
}
