import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/html.js';

const PAGE = `<!doctype html><html><head><title>Rally in Kazan | Example News</title>
<meta property="og:title" content="Rally in Kazan">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2022-09-25T10:00:00+03:00"}</script></head>
<body><nav><a href="/">Home</a> » News</nav>
<article><h1>Rally in Kazan</h1>
<p>On September 24, about forty people gathered in the centre of Kazan against the call-up.</p>
<p>Police detained at least 25 of them, the monitors said.<br>Several were released at night.</p>
<div class="share-buttons">Share on Twitter · Share on Facebook</div>
<p>In Ufa, about two hundred people came out to the square on the same day.</p></article>
<section class="related-posts"><h3>Related articles</h3><ul><li>Arson attack in Tver</li></ul></section>
<div id="comments"><p>Reader: the police were brutal!</p></div>
<footer>© Example News</footer></body></html>`;

describe('htmlToText', () => {
  const r = htmlToText(PAGE);
  it('keeps the article text as paragraphs', () => {
    expect(r.text).toContain('On September 24, about forty people gathered in the centre of Kazan against the call-up.');
    expect(r.text).toContain('In Ufa, about two hundred people');
    expect(r.text).toMatch(/call-up\.\n\nPolice detained/);
  });
  it('drops furniture: navigation, share buttons, related links, comments, footer', () => {
    for (const s of ['Share on Twitter', 'Related articles', 'Reader: the police', '© Example News', 'Home']) expect(r.text).not.toContain(s);
  });
  it('reads title and publication date', () => {
    expect(r.title).toBe('Rally in Kazan');
    expect(r.published).toBe('2022-09-25T10:00:00+03:00');
  });
  it('survives fragments and empty input', () => {
    expect(htmlToText('<p>Short note about a picket.</p>').text).toContain('Short note about a picket.');
    expect(htmlToText('').text).toBe('');
    expect(htmlToText('<meta name="date" content="2023-01-05"><p>x</p>').published).toBe('2023-01-05');
  });
});
