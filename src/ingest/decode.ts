/**
 * Bytes to text. UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; anything that is
 * not valid UTF-8 is tried as the legacy Cyrillic encodings (Windows-1251, KOI8-R) and kept when it
 * reads like Russian or Ukrainian; binary junk is refused.
 */
import iconv from 'iconv-lite';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(buf: Buffer): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return check(buf.subarray(3).toString('utf8'), 'utf-8');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return check(iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return check(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be');
  if (looksBinary(buf)) return { ok: false, message: 'binary data, not text (NUL or control bytes); expected a text, Markdown or HTML file' };
  try {
    return check(utf8.decode(buf), 'utf-8');
  } catch {
    // Not UTF-8: pick the single-byte Cyrillic encoding whose reading looks most like real text.
    let best: { text: string; encoding: string; score: number } | null = null;
    for (const encoding of ['windows-1251', 'koi8-r', 'koi8-u']) {
      const text = iconv.decode(buf, encoding);
      const score = cyrillicScore(text);
      if (!best || score > best.score) best = { text, encoding, score };
    }
    if (best && best.score > 0.5) return check(best.text, best.encoding);
    const at = firstInvalidUtf8(buf);
    return { ok: false, message: `invalid UTF-8 at byte ${at}, and not recognisable as Windows-1251 or KOI8-R text` };
  }
}

function check(text: string, encoding: string): Decoded {
  if (text.trim() === '') return { ok: false, message: 'empty file (no text)' };
  return { ok: true, text, encoding };
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  return n > 0 && control / n > 0.02;
}

/**
 * Share of Cyrillic letters that are lowercase and among the common ones: real Russian text is mostly
 * lowercase with frequent о, е, а, и, н, т; a wrong code page gives capitals and rare letters.
 */
function cyrillicScore(text: string): number {
  let cyr = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      if ('оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъёіїєґ'.includes(ch)) good++;
    }
  }
  return cyr < 3 ? 0 : good / cyr;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

/** The form we hash and store: Unicode NFC, LF line ends, no trailing spaces, no outer blank lines. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\s+$/g, '');
}
