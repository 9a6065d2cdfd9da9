/** Overviews and exports: what the CLI and the web app's report page call. */
export { buildReport, previousPeriod, weeksOf } from './report.js';
export type { Report, ReportEvent, ReportOptions, ReportSource, ReportTally, RegionRow, TypeTotal } from './report.js';
export { renderHtml, renderMarkdown, chartFor, REPORT_LANGS } from './render.js';
export type { ReportLang, HtmlOptions, MarkdownOptions } from './render.js';
export { exportEvents, EXPORT_COLUMNS, EXPORT_FORMATS } from './export.js';
export type { ExportFormat, ExportOptions, ExportResult } from './export.js';
export { backupToFile, restoreFromFile } from './backup.js';
export { anonymise, findPersonNames } from './names.js';
