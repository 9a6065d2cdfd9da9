/** The plain events page served until the web app lands: server-rendered, escaped, no scripts. */
import type { EventView } from '../query/events.js';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function eventsPage(events: EventView[]): string {
  const rows = events.map((e) => `<tr><td>${escapeHtml(e.date.start ?? '')}${e.date.end ? `–${escapeHtml(e.date.end)}` : ''}</td>` +
    `<td>${escapeHtml(e.type)}</td><td>${escapeHtml(e.place.settlement ?? e.place.region ?? e.place.country ?? '')}</td>` +
    `<td>${escapeHtml(e.status)}</td><td>${escapeHtml(e.summary)}</td>` +
    `<td>${e.sources.map((s) => s.url ? `<a href="${escapeHtml(s.url)}" rel="noreferrer noopener">${escapeHtml(s.source_name ?? s.url)}</a>` : escapeHtml(s.source_name ?? s.ref)).join(', ')}</td></tr>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Letopis: events</title></head><body><h1>Letopis</h1><p>${events.length} events</p>
<table><thead><tr><th>Date</th><th>Type</th><th>Place</th><th>Status</th><th>Summary</th><th>Sources</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
