/**
 * Reading files and folders: .txt, .md and .html become documents; every problem becomes an
 * InputError naming the file, and the other files still go in.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { decodeBytes } from './decode.js';
import { DEFAULT_MAX_BYTES, inputError, overLimitMessage, type DocumentInput, type ReadItem } from './document.js';
import { htmlToText } from './html.js';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'];

/** Other readers (Telegram exports, feeds) register the extensions they take. */
export type FileReader = (path: string, opts: FileReadOptions) => AsyncIterable<ReadItem>;
const extraReaders = new Map<string, FileReader>();
export function registerReader(ext: string, reader: FileReader): void {
  extraReaders.set(ext, reader);
}

export interface FileReadOptions {
  /** Publication date for documents that do not state one (YYYY-MM-DD or ISO date-time). */
  published?: string | null;
  /** Files larger than this are refused with a message (default 16 MiB). */
  maxBytes?: number;
}

function supported(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return TEXT_EXTENSIONS.includes(ext) || extraReaders.has(ext);
}

/** Expand paths into files (folders recursively, sorted), yielding errors for what cannot be read. */
export async function* expandPaths(paths: string[]): AsyncGenerator<string | ReadItem> {
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      yield inputError(p, describeFsError(err));
      continue;
    }
    if (st.isDirectory()) {
      const files = await listFolder(p);
      if (files.length === 0) yield inputError(p, `no supported files in this folder (looked for ${[...TEXT_EXTENSIONS, ...extraReaders.keys()].join(', ')})`);
      yield* files;
    } else {
      yield p;
    }
  }
}

async function listFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && supported(full)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}

export async function* readPaths(paths: string[], opts: FileReadOptions = {}): AsyncGenerator<ReadItem> {
  for await (const item of expandPaths(paths)) {
    if (typeof item !== 'string') {
      yield item;
      continue;
    }
    const ext = extname(item).toLowerCase();
    const reader = extraReaders.get(ext);
    if (reader) yield* reader(item, opts);
    else yield await readTextFile(item, opts);
  }
}

/** One .txt, .md or .html file. */
export async function readTextFile(path: string, opts: FileReadOptions = {}): Promise<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let buf: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      if (size > maxBytes) {
        return inputError(path, `${overLimitMessage('file', size, maxBytes)}, or split the file`);
      }
      buf = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (err) {
    return inputError(path, describeFsError(err));
  }
  const decoded = decodeBytes(buf);
  if (!decoded.ok) return inputError(path, decoded.message);
  return textToDocument(path, decoded.text, opts, decoded.encoding);
}

export function textToDocument(path: string, raw: string, opts: FileReadOptions, encoding = 'utf-8'): ReadItem {
  const ext = extname(path).toLowerCase();
  let text = raw;
  let title: string | null = null;
  let published: string | null = null;
  let url: string | null = null;
  let source: string | null = null;
  let lang: string | null = null;
  if (ext === '.html' || ext === '.htm') {
    const h = htmlToText(raw);
    text = h.text;
    title = h.title;
    published = h.published;
  } else if (ext === '.md' || ext === '.markdown') {
    const fm = frontMatter(raw);
    if (fm) {
      text = fm.body;
      title = fm.data.title ?? null;
      published = fm.data.published ?? fm.data.date ?? null;
      url = fm.data.url ?? fm.data.source_url ?? null;
      source = fm.data.source ?? null;
      lang = fm.data.lang ?? fm.data.language ?? null;
    }
    title ??= /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? null;
  }
  if (!text.trim()) return inputError(path, ext.startsWith('.htm') ? 'no readable text in this HTML page' : 'empty file (no text)');
  published = opts.published ?? published;
  if (published && Number.isNaN(Date.parse(published))) return inputError(path, `publication date "${published}" is not a date (use YYYY-MM-DD)`);
  const doc: DocumentInput = {
    sourceKind: 'file',
    sourceName: source ?? basename(path),
    sourceRef: resolve(path),
    url,
    title,
    lang: (lang as DocumentInput['lang']) ?? null,
    publishedAt: published,
    text,
    meta: encoding === 'utf-8' ? {} : { encoding },
  };
  return doc;
}

/** YAML-style front matter: `key: value` lines between `---` fences (no nesting; we need a few scalars). */
export function frontMatter(raw: string): { data: Record<string, string>; body: string } | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(raw);
  if (!m) return null;
  const data: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) data[kv[1]!.toLowerCase()] = kv[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return { data, body: raw.slice(m[0].length) };
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot read: ${(err as Error).message}`;
}
