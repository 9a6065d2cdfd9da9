/**
 * An overview (report.ts) as Markdown or as a safe, self-contained HTML page: every text from the
 * database is escaped, links are followed only when they are http(s), the chart is inline SVG and
 * a Content-Security-Policy forbids scripts and remote resources.
 */
import { readFileSync } from 'node:fs';
import { pkgPath } from '../paths.js';
import { escapeXml, weeklyChartSvg } from './chart.js';
import { countryName, regionName, type NameLang } from './regions.js';
import type { Report, ReportEvent, ReportTally } from './report.js';

export type ReportLang = 'en' | 'ru';
export const REPORT_LANGS: ReportLang[] = ['en', 'ru'];

interface Labels {
  types: Record<string, Record<ReportLang, string>>;
  measures: Record<string, Record<ReportLang, string>>;
  qualifiers: Record<string, Record<ReportLang, string>>;
  words: Record<string, Record<ReportLang, string>>;
}

let labels: Labels | null = null;
function L(): Labels {
  labels ??= JSON.parse(readFileSync(pkgPath('src/report/data/labels.json'), 'utf8')) as Labels;
  return labels;
}
const word = (k: string, lang: ReportLang): string => L().words[k]?.[lang] ?? k;
export const typeLabel = (t: string, lang: ReportLang): string => L().types[t]?.[lang] ?? t;

function fmtNumber(n: number, lang: ReportLang): string {
  return n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
}

function dateText(d: ReportEvent['date']): string {
  if (!d.start) return '—';
  return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
}

function placeText(p: ReportEvent['place'], lang: ReportLang): string {
  const region = p.region ? regionName(p.region, lang as NameLang) : null;
  // Cities that are regions of their own (Moscow, Sevastopol) are named once.
  const parts = [p.settlement, region !== p.settlement ? region : null, !p.region && p.country ? countryName(p.country, lang as NameLang) : null];
  const s = parts.filter(Boolean).join(', ');
  return s || word('place_unknown', lang);
}

function changeText(now: number, before: number, lang: ReportLang): string {
  if (before === 0) return now === 0 ? '0' : word('new', lang);
  const diff = now - before;
  const pct = Math.round((diff / before) * 100);
  return `${diff > 0 ? '+' : ''}${diff} (${pct > 0 ? '+' : ''}${pct}%)`;
}

function tallyText(t: ReportTally, lang: ReportLang): string {
  const q = t.qualifier ? L().qualifiers[t.qualifier]?.[lang] ?? t.qualifier : '';
  const m = t.measure ? L().measures[t.measure]?.[lang] ?? t.measure : '';
  const v = t.value === null ? '?' : fmtNumber(t.value, lang);
  const which = t.seriesClaims > 1 ? `, ${word(t.claim === 'highest' ? 'highest' : t.claim === 'latest' ? 'latest' : 'latest_highest', lang)}` : '';
  return [q, v, m, `(${typeLabel(t.type, lang).toLowerCase()}${which})`].filter(Boolean).join(' ');
}

function flags(e: ReportEvent, lang: ReportLang): string[] {
  const out: string[] = [];
  if (e.certainty === 'claimed' || e.certainty === 'rumoured') out.push(word(e.certainty, lang));
  if (e.disputed) out.push(word('disputed', lang));
  if (e.independent_sources <= 1) out.push(word('unverified', lang));
  if (e.status === 'draft') out.push(word('draft', lang));
  return out;
}

/**
 * One line from its parts as a flat string. (A template literal builds a tree of pieces; a hundred
 * thousand lines of them outlive the young generation and make the garbage collector the main cost.)
 */
const flat = (...parts: string[]): string => parts.join('');

const isWebLink = (s: string): boolean => /^https?:\/\/[^\s]+$/i.test(s);

export function chartFor(report: Report, lang: ReportLang): string {
  return weeklyChartSvg(report.weekly, { title: word('weekly', lang), weekWord: word('week_of', lang) });
}

function heading(report: Report, lang: ReportLang): string {
  return report.title ?? `${word('overview', lang)}: ${report.period.from} – ${report.period.to}`;
}

// --- Markdown ------------------------------------------------------------------------------------

const MD_SPECIAL = /[&<>\\`*_{}[\]()#+!|~\n]/;

/** Text safe in Markdown: no markup, no raw HTML. */
function md(s: string): string {
  if (!MD_SPECIAL.test(s)) return s; // most summaries: nothing to escape
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\s*\n\s*/g, ' ');
}

function mdLink(link: string): string {
  return isWebLink(link) ? `<${link.replace(/[<>\s]/g, encodeURIComponent)}>` : `\`${link.replace(/`/g, "'")}\``;
}

export interface MarkdownOptions {
  /** Where the chart is: a relative file name to link to; by default the SVG is embedded as a data URI. */
  chartHref?: string;
}

export function renderMarkdown(report: Report, lang: ReportLang = 'en', opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const cites = (ns: number[]): string => ns.map((n) => `[${n}]`).join('');
  out.push(`# ${md(heading(report, lang))}`, '');
  out.push(`${word('period', lang)}: ${report.period.from} – ${report.period.to} (${word('previous', lang)}: ${report.previous.from} – ${report.previous.to}). ` +
    `${word(report.filters.includeDrafts ? 'scope_drafts' : 'scope_published', lang)}${report.filters.names ? '' : ` ${word('names_note', lang)}`}`, '');

  out.push(`## ${word('totals', lang)}`, '');
  if (report.totals.length === 0) out.push(word('none', lang), '');
  else {
    out.push(`| ${word('type', lang)} | ${word('events', lang)} | ${word('previous_col', lang)} | ${word('change', lang)} |`, '|---|---:|---:|---:|');
    for (const t of report.totals) out.push(`| ${md(typeLabel(t.type, lang))} | ${t.count} | ${t.previous} | ${changeText(t.count, t.previous, lang)} |`);
    out.push(`| **${word('total', lang)}** | **${report.total.count}** | **${report.total.previous}** | **${changeText(report.total.count, report.total.previous, lang)}** |`, '');
  }

  const chart = opts.chartHref ?? `data:image/svg+xml;base64,${Buffer.from(chartFor(report, lang)).toString('base64')}`;
  out.push(`![${md(word('weekly', lang))}](${chart})`, '');

  out.push(`## ${word('by_type', lang)}`, '');
  for (const s of report.sections) {
    out.push(`### ${md(typeLabel(s.type, lang))} (${s.events.length})`, '');
    s.events.forEach((e, i) => {
      const f = flags(e, lang);
      out.push(flat(`${i + 1}. **`, dateText(e.date), '**, ', md(placeText(e.place, lang)), ': ', md(e.summary), f.length ? ` _(${f.join(', ')})_` : '', ' ', cites(e.cites)));
    });
    out.push('');
  }

  if (report.tallies.length) {
    out.push(`## ${word('tallies', lang)}`, '');
    out.push(`| ${word('claim', lang)} | ${word('as_of', lang)} | ${word('claimed_by', lang)} | ${word('sources', lang)} |`, '|---|---|---|---|');
    for (const t of report.tallies) {
      const asOf = t.date.end ?? t.date.start ?? '—';
      const by = t.claimedBy.length ? t.claimedBy.join('; ') : word('unattributed', lang);
      out.push(`| ${md(tallyText(t, lang))} | ${asOf} | ${md(by)} | ${cites(t.cites)} |`);
    }
    out.push('');
  }

  if (report.regions.length) {
    out.push(`## ${word('regions', lang)}`, '');
    out.push(`| ${word('region', lang)} | ${word('events', lang)} | ${word('population', lang)} | ${word('per100k', lang)} |`, '|---|---:|---:|---:|');
    for (const r of report.regions) {
      const name = r.code ? `${regionName(r.code, lang as NameLang)} (${r.code})` : word('no_region', lang);
      out.push(`| ${md(name)} | ${r.count} | ${r.population === null ? '—' : fmtNumber(r.population, lang)} | ${r.per100k === null ? '—' : r.per100k.toFixed(2)} |`);
    }
    out.push('');
  }

  if (report.sources.length) {
    out.push(`## ${word('sources', lang)}`, '');
    for (const s of report.sources) out.push(`${s.n}. ${s.name ? `${md(s.name)}, ` : ''}${s.published ? `${s.published}, ` : ''}${mdLink(s.link)}`);
    out.push('');
  }
  return out.join('\n');
}

// --- HTML ----------------------------------------------------------------------------------------

const h = escapeXml;

function htmlLink(link: string): string {
  return isWebLink(link) ? `<a href="${h(link)}" rel="noopener noreferrer nofollow">${h(link)}</a>` : `<code>${h(link)}</code>`;
}

export interface HtmlOptions {
  /** Only the report's markup, for a page that has its own head and style. */
  fragment?: boolean;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
td.n{text-align:right}.flags{color:#8a5a00;font-style:italic}.cite{font-size:.85em;vertical-align:super}
ol.sources{font-size:.9em;word-break:break-all}figure{margin:1rem 0}`;

export function renderHtml(report: Report, lang: ReportLang = 'en', opts: HtmlOptions = {}): string {
  const b: string[] = [];
  const cites = (ns: number[]): string => ns.map((n) => `<a class="cite" href="#src-${n}">[${n}]</a>`).join('');
  b.push(`<article class="letopis-report" lang="${lang}">`);
  b.push(`<h1>${h(heading(report, lang))}</h1>`);
  b.push(`<p>${h(word('period', lang))}: ${h(report.period.from)} – ${h(report.period.to)} (${h(word('previous', lang))}: ${h(report.previous.from)} – ${h(report.previous.to)}). ` +
    `${h(word(report.filters.includeDrafts ? 'scope_drafts' : 'scope_published', lang))}${report.filters.names ? '' : ` ${h(word('names_note', lang))}`}</p>`);

  b.push(`<h2>${h(word('totals', lang))}</h2>`);
  if (report.totals.length === 0) b.push(`<p>${h(word('none', lang))}</p>`);
  else {
    b.push(`<table><thead><tr><th>${h(word('type', lang))}</th><th>${h(word('events', lang))}</th><th>${h(word('previous_col', lang))}</th><th>${h(word('change', lang))}</th></tr></thead><tbody>`);
    for (const t of report.totals) {
      b.push(`<tr><td>${h(typeLabel(t.type, lang))}</td><td class="n">${t.count}</td><td class="n">${t.previous}</td><td class="n">${h(changeText(t.count, t.previous, lang))}</td></tr>`);
    }
    b.push(`<tr><th>${h(word('total', lang))}</th><th class="n">${report.total.count}</th><th class="n">${report.total.previous}</th><th class="n">${h(changeText(report.total.count, report.total.previous, lang))}</th></tr></tbody></table>`);
  }
  b.push(`<figure>${chartFor(report, lang)}</figure>`);

  b.push(`<h2>${h(word('by_type', lang))}</h2>`);
  for (const s of report.sections) {
    b.push(`<section><h3>${h(typeLabel(s.type, lang))} (${s.events.length})</h3><ol>`);
    for (const e of s.events) {
      const f = flags(e, lang);
      b.push(flat('<li><strong>', h(dateText(e.date)), '</strong>, ', h(placeText(e.place, lang)), ': ', h(e.summary),
        f.length ? ` <span class="flags">(${h(f.join(', '))})</span>` : '', ' ', cites(e.cites), '</li>'));
    }
    b.push('</ol></section>');
  }

  if (report.tallies.length) {
    b.push(`<h2>${h(word('tallies', lang))}</h2><table><thead><tr><th>${h(word('claim', lang))}</th><th>${h(word('as_of', lang))}</th><th>${h(word('claimed_by', lang))}</th><th>${h(word('sources', lang))}</th></tr></thead><tbody>`);
    for (const t of report.tallies) {
      const by = t.claimedBy.length ? t.claimedBy.join('; ') : word('unattributed', lang);
      b.push(`<tr><td>${h(tallyText(t, lang))}</td><td>${h(t.date.end ?? t.date.start ?? '—')}</td><td>${h(by)}</td><td>${cites(t.cites)}</td></tr>`);
    }
    b.push('</tbody></table>');
  }

  if (report.regions.length) {
    b.push(`<h2>${h(word('regions', lang))}</h2><table><thead><tr><th>${h(word('region', lang))}</th><th>${h(word('events', lang))}</th><th>${h(word('population', lang))}</th><th>${h(word('per100k', lang))}</th></tr></thead><tbody>`);
    for (const r of report.regions) {
      const name = r.code ? `${regionName(r.code, lang as NameLang)} (${r.code})` : word('no_region', lang);
      b.push(`<tr><td>${h(name)}</td><td class="n">${r.count}</td><td class="n">${r.population === null ? '—' : h(fmtNumber(r.population, lang))}</td><td class="n">${r.per100k === null ? '—' : r.per100k.toFixed(2)}</td></tr>`);
    }
    b.push('</tbody></table>');
  }

  if (report.sources.length) {
    b.push(`<h2>${h(word('sources', lang))}</h2><ol class="sources">`);
    for (const s of report.sources) {
      b.push(`<li id="src-${s.n}">${s.name ? `${h(s.name)}, ` : ''}${s.published ? `${h(s.published)}, ` : ''}${htmlLink(s.link)}</li>`);
    }
    b.push('</ol>');
  }
  b.push('</article>');
  const body = b.join('\n');
  if (opts.fragment) return body;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(heading(report, lang))}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
