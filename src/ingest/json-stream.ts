/**
 * A pull scanner over a JSON file read in chunks: walks the outer structure key by key and hands
 * back selected values (one Telegram message at a time) without holding the whole file in memory.
 *
 * It works on bytes, not characters: in UTF-8 every byte of a multi-byte character is >= 0x80, so
 * the structural characters `{}[]",:\` can be found by byte, and offsets are byte offsets a user
 * can look up with `head -c`. A captured value is sliced out and given to the native JSON.parse,
 * which is far faster than parsing it here byte by byte.
 */
import { createReadStream } from 'node:fs';

/** A malformed or truncated file: `offset` is the byte where the problem is. */
export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** True when the file ends before the structure does (a cut-off download or copy). */
    readonly truncated = false,
  ) {
    super(message);
    this.name = 'JsonScanError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A value's bytes, still in the scanner's buffer: parse it before the next read. */
export interface Slice {
  /** File offset of the first byte. */
  offset: number;
  text: string;
}

export class JsonScanner {
  private readonly chunks: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** File offset of buf[0]. */
  private base = 0;
  /** Index in buf from which bytes must survive a refill (the start of a value being captured). */
  private keep = -1;
  private eof = false;

  constructor(path: string, chunkSize = 1 << 20) {
    const stream = createReadStream(path, { highWaterMark: chunkSize });
    this.chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Read one more chunk; false at end of file. Drops the bytes nobody needs any more. */
  private async more(): Promise<boolean> {
    if (this.eof) return false;
    const r = await this.chunks.next();
    if (r.done === true) {
      this.eof = true;
      return false;
    }
    const chunk = r.value;
    const from = this.keep >= 0 ? Math.min(this.keep, this.pos) : this.pos;
    const rest = this.buf.subarray(from);
    this.buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    this.base += from;
    this.pos -= from;
    if (this.keep >= 0) this.keep -= from;
    return true;
  }

  /** Close the file early (the consumer stopped reading). */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  private truncated(what: string, started?: number): JsonScanError {
    const where = started === undefined ? '' : ` (it started at byte ${started})`;
    return new JsonScanError(`the file ends at byte ${this.offset} in the middle of ${what}${where}: the export looks truncated`, started ?? this.offset, true);
  }

  private unexpected(expected: string): JsonScanError {
    const c = this.buf[this.pos];
    const got = c === undefined ? 'end of file' : JSON.stringify(String.fromCharCode(c));
    return new JsonScanError(`expected ${expected} at byte ${this.offset}, found ${got}`, this.offset);
  }

  /** Skip whitespace (and a UTF-8 byte order mark at the very start); the next byte, or -1 at end of file. */
  async peek(): Promise<number> {
    for (;;) {
      const b = this.buf;
      while (this.pos < b.length && isWs(b[this.pos]!)) this.pos++;
      if (this.pos < b.length) {
        if (this.base === 0 && this.pos === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
          this.pos = 3;
          continue;
        }
        return b[this.pos]!;
      }
      if (!(await this.more())) return -1;
    }
  }

  private async expect(c: number, what: string, context: string): Promise<void> {
    const got = await this.peek();
    if (got === -1) throw this.truncated(context);
    if (got !== c) throw this.unexpected(what);
    this.pos++;
  }

  /**
   * Find the end of the value that starts at `this.pos` (after peek) and leave pos after it.
   * Returns the index in buf of its first byte; buf keeps it until `keep` is reset.
   */
  private async scanValue(context: string): Promise<number> {
    const first = await this.peek();
    if (first === -1) throw this.truncated(context);
    const start = this.pos;
    this.keep = start;
    const startOffset = this.offset;
    if (first !== LBRACE && first !== LBRACKET && first !== QUOTE) {
      // A number, true, false or null: runs to the next delimiter.
      for (;;) {
        const b = this.buf;
        let i = this.pos;
        while (i < b.length) {
          const c = b[i]!;
          if (c === COMMA || c === RBRACE || c === RBRACKET || isWs(c)) break;
          i++;
        }
        this.pos = i;
        if (i < b.length) break;
        if (!(await this.more())) throw this.truncated(context, startOffset);
      }
      return this.keep;
    }
    // Brackets seen and not yet closed, so that `{"a": [}` is caught where it breaks.
    const stack: number[] = [];
    let inString = false;
    for (;;) {
      const b = this.buf;
      let i = this.pos;
      while (i < b.length) {
        if (inString) {
          const q = b.indexOf(QUOTE, i);
          if (q < 0) {
            i = b.length;
            break;
          }
          let slashes = 0;
          for (let k = q - 1; k >= this.keep && b[k] === BACKSLASH; k--) slashes++;
          i = q + 1;
          if (slashes % 2 === 0) {
            inString = false;
            if (stack.length === 0) {
              this.pos = i;
              return this.keep;
            }
          }
          continue;
        }
        const c = b[i]!;
        if (c === QUOTE) inString = true;
        else if (c === LBRACE || c === LBRACKET) stack.push(c);
        else if (c === RBRACE || c === RBRACKET) {
          const open = stack.pop();
          if (open !== (c === RBRACE ? LBRACE : LBRACKET)) {
            this.pos = i;
            throw new JsonScanError(`unbalanced ${String.fromCharCode(c)} at byte ${this.base + i} in ${context} that starts at byte ${startOffset}`, this.base + i);
          }
          if (stack.length === 0) {
            this.pos = i + 1;
            return this.keep;
          }
        }
        i++;
      }
      this.pos = i;
      if (!(await this.more())) throw this.truncated(context, startOffset);
    }
  }

  /** The next value's bytes as text (to JSON.parse): a whole message, a name. */
  async capture(context: string): Promise<Slice> {
    const start = await this.scanValue(context);
    const slice = { offset: this.base + start, text: this.buf.toString('utf8', start, this.pos) };
    this.keep = -1;
    return slice;
  }

  /** Step over the next value without decoding it. */
  async skip(context: string): Promise<void> {
    await this.scanValue(context);
    this.keep = -1;
  }

  /** The next value parsed; for small values (names, ids). */
  async value(context: string): Promise<unknown> {
    const slice = await this.capture(context);
    return parseSlice(slice, context);
  }

  /**
   * The keys of the object that starts here, one at a time. The caller must consume each key's
   * value (`skip`, `capture`, `value`, or a nested walk) before asking for the next key.
   */
  async *keys(context: string): AsyncGenerator<string> {
    await this.expect(LBRACE, '"{"', context);
    if ((await this.peek()) === RBRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      const c = await this.peek();
      if (c === -1) throw this.truncated(context);
      if (c !== QUOTE) throw this.unexpected('a key in double quotes');
      const key = await this.value(context);
      if (typeof key !== 'string') throw this.unexpected('a key');
      await this.expect(COLON, '":"', context);
      yield key;
      const next = await this.peek();
      if (next === -1) throw this.truncated(context);
      this.pos++;
      if (next === RBRACE) return;
      if (next !== COMMA) {
        this.pos--;
        throw this.unexpected('"," or "}"');
      }
    }
  }

  /** The elements of the array that starts here; as with keys(), consume each before the next. */
  async *elements(context: string): AsyncGenerator<number> {
    await this.expect(LBRACKET, '"["', context);
    if ((await this.peek()) === RBRACKET) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      yield index;
      const next = await this.peek();
      if (next === -1) throw this.truncated(context);
      this.pos++;
      if (next === RBRACKET) return;
      if (next !== COMMA) {
        this.pos--;
        throw this.unexpected('"," or "]"');
      }
    }
  }

  /** After the root value: only whitespace may follow. */
  async end(): Promise<void> {
    const c = await this.peek();
    if (c !== -1) throw this.unexpected('the end of the file');
  }
}

/** JSON.parse a captured slice; on failure, a JsonScanError at the byte where the slice breaks. */
export function parseSlice(slice: Slice, context: string): unknown {
  try {
    return JSON.parse(slice.text);
  } catch (err) {
    const at = findJsonError(slice.text);
    const offset = slice.offset + Buffer.byteLength(slice.text.slice(0, at));
    const detail = err instanceof Error ? err.message.replace(/, ".*" is not valid JSON$/s, '') : String(err);
    throw new JsonScanError(`malformed JSON in ${context} at byte ${offset}: ${detail}`, offset);
  }
}

/**
 * Where a JSON text stops being valid (a string index). Only runs after JSON.parse has failed:
 * Node 20's messages do not always carry a position.
 */
export function findJsonError(s: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = (): void => {
    if (s[i] !== '"') fail();
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i++;
            fail();
          }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          i++;
          fail();
        }
        i += 2;
        continue;
      }
      i++;
    }
    fail();
  };
  const val = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        val();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        val();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 64));
    if (m === null) fail();
    i += m![0].length;
  };
  try {
    val();
    ws();
    return i < s.length ? i : s.length;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, s.length) : 0;
  }
}
