/** What every reader (files, Telegram, feeds, URLs, CSV) yields: one document, or one error naming the place. */
import type { Lang } from '../extract/record.js';

export type SourceKind = 'file' | 'telegram' | 'feed' | 'url' | 'csv' | 'api' | 'sample';

export interface DocumentInput {
  sourceKind: SourceKind;
  /** Channel, site or file name, as a reader would cite it ("Сводка несогласия", "meduza.io", "report.txt"). */
  sourceName: string | null;
  /** Stable identity of the document at its source: file path, `tg:<channel id>/<message id>`, URL. */
  sourceRef: string;
  /** Public link: the article URL, or https://t.me/<channel>/<id> for public channels. */
  url: string | null;
  title: string | null;
  /** Known language; detected when absent. */
  lang?: Lang | null;
  /** ISO 8601 date or date-time of publication; null when unknown. */
  publishedAt: string | null;
  text: string;
  /** The original channel or publisher when this is a forward or repost (never independent corroboration). */
  forwardedFrom?: string | null;
  /** ISO date-time of the latest edit, when the source says it was edited. */
  editedAt?: string | null;
  meta?: Record<string, unknown>;
}

/** A bad input is data, not an exception: it names the file and the place in words a user understands. */
export interface InputError {
  error: true;
  file: string;
  /** "line 12", "byte 48213", "message 57"... */
  where?: string;
  message: string;
}

export type ReadItem = DocumentInput | InputError;

export function isInputError(item: ReadItem): item is InputError {
  return (item as InputError).error === true;
}

export function inputError(file: string, message: string, where?: string): InputError {
  return where === undefined ? { error: true, file, message } : { error: true, file, where, message };
}

/** Documents larger than this are refused (`--max-size`, default 16 MiB): extraction is for articles and posts. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export function overLimitMessage(what: string, bytes: number, maxBytes: number): string {
  return `${what} is ${(bytes / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit for one document (raise it with --max-size MB)`;
}

/** The limit for a document read out of a larger file (a message, a feed item); null when within it. */
export function textOverLimit(text: string, maxBytes: number): string | null {
  // A UTF-16 unit is at most 3 bytes of UTF-8: most texts need no counting.
  if (text.length * 3 <= maxBytes) return null;
  const bytes = Buffer.byteLength(text);
  return bytes > maxBytes ? overLimitMessage('text', bytes, maxBytes) : null;
}
