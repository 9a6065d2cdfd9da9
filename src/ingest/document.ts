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
