/**
 * A bar chart of weekly counts as a self-contained SVG: no scripts, no external fonts or images,
 * every text escaped, so it can be inlined into an HTML page or saved as a file.
 */

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(s: string): string {
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!) : s;
}

/** A round step for the y axis giving at most about five ticks. */
function niceStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

export interface ChartOptions {
  title: string;
  /** Label of a bar for its tooltip, e.g. "week of". */
  weekWord: string;
  width?: number;
  height?: number;
}

export function weeklyChartSvg(weeks: { week: string; count: number }[], opts: ChartOptions): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 240;
  const m = { top: 28, right: 12, bottom: 36, left: 44 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const max = Math.max(1, ...weeks.map((x) => x.count));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number): number => m.top + h - (v / top) * h;
  const slot = weeks.length ? w / weeks.length : w;
  const bar = Math.max(1, slot * 0.8);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(opts.title)}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="16" font-size="13" font-weight="bold" fill="#222222">${escapeXml(opts.title)}</text>`,
  );
  for (let v = 0; v <= top; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${yy}" y2="${yy}" stroke="#dddddd"/>`);
    parts.push(`<text x="${m.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#555555">${v}</text>`);
  }
  // Label at most about twelve weeks along the axis, so labels never overlap.
  const every = Math.max(1, Math.ceil(weeks.length / 12));
  weeks.forEach((wk, i) => {
    const x = m.left + i * slot + (slot - bar) / 2;
    const yy = y(wk.count);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${yy.toFixed(1)}" width="${bar.toFixed(1)}" height="${(m.top + h - yy).toFixed(1)}" fill="#b3261e"><title>${escapeXml(`${opts.weekWord} ${wk.week}: ${wk.count}`)}</title></rect>`,
    );
    if (i % every === 0) {
      parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${m.top + h + 14}" text-anchor="middle" fill="#555555">${escapeXml(wk.week.slice(5))}</text>`);
    }
  });
  parts.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#888888"/>`);
  if (weeks.length) {
    const span = `${weeks[0]!.week.slice(0, 4)}${weeks[weeks.length - 1]!.week.slice(0, 4) !== weeks[0]!.week.slice(0, 4) ? `–${weeks[weeks.length - 1]!.week.slice(0, 4)}` : ''}`;
    parts.push(`<text x="${m.left + w}" y="${height - 6}" text-anchor="end" fill="#555555">${escapeXml(span)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
