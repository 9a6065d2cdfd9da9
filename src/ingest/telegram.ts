/**
 * Telegram Desktop JSON exports (`result.json`): one chat, or a full account export with
 * `chats.list[]`. Read as a stream, one message at a time, so a multi-gigabyte export keeps memory flat.
 */
import { open, stat } from 'node:fs/promises';
import { DEFAULT_MAX_BYTES, inputError, textOverLimit, type DocumentInput, type ReadItem } from './document.js';
import { JsonScanError, JsonScanner, parseSlice } from './json-stream.js';

export interface TelegramReadOptions {
  /** Public @username of the channel in a one-chat export: gives https://t.me/<username>/<id> links. */
  channelUsername?: string | null;
  /** Usernames per chat in a full export, keyed by chat id or chat name. */
  channelUsernames?: Record<string, string>;
  /**
   * Chat types to read from a full export. Default: channels and groups; personal chats, bots and
   * saved messages are left out (they are private and are not news sources). A one-chat export is
   * always read whatever its type: the user chose that chat.
   */
  chatTypes?: readonly string[];
  /** Called about every 1,000 messages and at the end. */
  onProgress?: (p: TelegramProgress) => void;
  /** A message whose text is larger is refused with a message naming it (default 16 MiB). */
  maxBytes?: number;
}

export interface TelegramProgress {
  bytesRead: number;
  totalBytes: number;
  /** Messages seen, service messages and empty ones included. */
  messages: number;
  /** Documents yielded. */
  documents: number;
}

export const DEFAULT_CHAT_TYPES: readonly string[] = [
  'public_channel', 'private_channel', 'public_supergroup', 'private_supergroup', 'private_group',
];

/** What a chat contributes to each of its messages. */
export interface ChatInfo {
  id: string | null;
  name: string | null;
  type: string | null;
  username: string | null;
}

/** The parts of an exported message Letopis reads. */
interface RawMessage {
  id?: unknown;
  type?: unknown;
  date?: unknown;
  date_unixtime?: unknown;
  edited?: unknown;
  edited_unixtime?: unknown;
  from?: unknown;
  forwarded_from?: unknown;
  saved_from?: unknown;
  text?: unknown;
  text_entities?: unknown;
  photo?: unknown;
  file?: unknown;
  media_type?: unknown;
  mime_type?: unknown;
  file_name?: unknown;
  reply_to_message_id?: unknown;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Does this file look like a Telegram Desktop JSON export? Reads only the first 64 KB.
 * @example await isTelegramExport('result.json') // true
 */
export async function isTelegramExport(path: string): Promise<boolean> {
  let head: string;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    head = buf.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
  if (!head.trimStart().startsWith('{')) return false;
  // One chat: "name", "type" and "id" come before "messages". A full export: "chats": {"list": [...]}.
  const oneChat = /"type"\s*:\s*"(?:public_channel|private_channel|public_supergroup|private_supergroup|private_group|personal_chat|bot_chat|saved_messages)"/.test(head)
    && /"messages"\s*:\s*\[/.test(head);
  const full = /"chats"\s*:\s*\{\s*"about"\s*:/.test(head) || /"chats"\s*:\s*\{[^]*?"list"\s*:\s*\[/.test(head);
  const fullAbout = /"about"\s*:\s*"[^"]*Telegram/.test(head) || /"personal_information"\s*:/.test(head);
  return oneChat || full || (fullAbout && /"chats"\s*:/.test(head));
}

/**
 * Read a Telegram export, yielding one document per message with text (captions included) and an
 * InputError for each bad message, or a final one when the file is truncated or malformed: every
 * message before the break has been yielded by then.
 * @example for await (const item of readTelegramExport('result.json', { channelUsername: 'svodka' })) ...
 */
export async function* readTelegramExport(path: string, opts: TelegramReadOptions = {}): AsyncGenerator<ReadItem> {
  const file = path;
  let totalBytes = 0;
  try {
    totalBytes = (await stat(path)).size;
  } catch (err) {
    yield inputError(file, `cannot read the file: ${(err as Error).message}`);
    return;
  }
  const scanner = new JsonScanner(path);
  const progress: TelegramProgress = { bytesRead: 0, totalBytes, messages: 0, documents: 0 };
  const report = (): void => {
    progress.bytesRead = scanner.offset;
    opts.onProgress?.(progress);
  };
  const allowed = new Set(opts.chatTypes ?? DEFAULT_CHAT_TYPES);
  let lastRead: string | null = null;

  /** Walk the messages array of one chat. */
  async function* messages(chat: ChatInfo): AsyncGenerator<ReadItem> {
    for await (const index of scanner.elements('the messages list')) {
      const context = `entry ${index + 1} of the messages of ${chat.name === null ? 'the chat' : `«${chat.name}»`}`;
      const slice = await scanner.capture(context);
      progress.messages++;
      if (progress.messages % 1000 === 0) report();
      let raw: unknown;
      try {
        raw = parseSlice(slice, context);
      } catch (err) {
        // The slice's brackets matched, so the structure around it is intact: report and go on.
        if (!(err instanceof JsonScanError)) throw err;
        const id = /"id"\s*:\s*(\d+)/.exec(slice.text)?.[1];
        yield inputError(file, `${id === undefined ? context : `message ${id}`}: ${err.message}`, `byte ${err.offset}`);
        continue;
      }
      const doc = toDocument(raw, chat, file);
      if (doc === null) continue;
      if ('error' in doc) {
        yield inputError(file, doc.error, `byte ${slice.offset}`);
        continue;
      }
      const tooBig = textOverLimit(doc.text, opts.maxBytes ?? DEFAULT_MAX_BYTES);
      if (tooBig !== null) {
        yield inputError(file, `message ${String(doc.meta?.messageId)}: ${tooBig}`, `byte ${slice.offset}`);
        continue;
      }
      progress.documents++;
      lastRead = doc.sourceRef;
      yield doc;
    }
  }

  /** Walk one chat object: its name, type and id come before its messages in Telegram's exports. */
  async function* chat(context: string, oneChat: boolean, info: ChatInfo): AsyncGenerator<ReadItem> {
    for await (const key of scanner.keys(context)) {
      if (key === 'name' || key === 'type' || key === 'id') {
        const v = await scanner.value(`the chat ${key}`);
        const s = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
        if (key === 'name') info.name = s;
        else if (key === 'type') info.type = s;
        else info.id = s;
      } else if (key === 'messages') {
        if (!oneChat && info.type !== null && !allowed.has(info.type)) {
          await scanner.skip(`the messages of ${info.name ?? 'a chat'}`);
          continue;
        }
        info.username = usernameFor(info, opts);
        yield* messages(info);
      } else {
        await scanner.skip(`the field "${key}"`);
      }
    }
  }

  try {
    const root: ChatInfo = { id: null, name: null, type: null, username: null };
    for await (const key of scanner.keys('the export')) {
      if (key === 'chats' || key === 'left_chats') {
        for await (const k of scanner.keys(`"${key}"`)) {
          if (k !== 'list') {
            await scanner.skip(`"${key}.${k}"`);
            continue;
          }
          for await (const i of scanner.elements(`"${key}.list"`)) {
            yield* chat(`chat ${i + 1} of "${key}.list"`, false, { id: null, name: null, type: null, username: null });
          }
        }
      } else if (key === 'name' || key === 'type' || key === 'id') {
        const v = await scanner.value(`the chat ${key}`);
        const s = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
        if (key === 'name') root.name = s;
        else if (key === 'type') root.type = s;
        else root.id = s;
      } else if (key === 'messages') {
        root.username = usernameFor(root, opts);
        yield* messages(root);
      } else {
        await scanner.skip(`the field "${key}"`);
      }
    }
    await scanner.end();
  } catch (err) {
    if (!(err instanceof JsonScanError)) throw err;
    const n = progress.documents;
    const kept = `${n === 1 ? '1 post' : `${n} posts`} before it ${n === 1 ? 'was' : 'were'} read${lastRead === null ? '' : ` (the last: ${lastRead})`}`;
    yield inputError(file, `${err.message}; ${kept}`, `byte ${err.offset}`);
  } finally {
    report();
    await scanner.close();
  }
}

function usernameFor(chat: ChatInfo, opts: TelegramReadOptions): string | null {
  const map = opts.channelUsernames;
  const fromMap = map && ((chat.id !== null ? map[chat.id] : undefined) ?? (chat.name !== null ? map[chat.name] : undefined));
  const u = fromMap ?? opts.channelUsername ?? null;
  return u === null ? null : u.replace(/^@/, '').replace(/^https?:\/\/t\.me\//, '').replace(/\/+$/, '') || null;
}

/** Telegram gives text as a string, or as an array of strings and entity objects `{ type, text }`. */
export function messageText(text: unknown, entities?: unknown): string {
  if (typeof text === 'string') return text;
  const parts = Array.isArray(text) ? text : Array.isArray(entities) ? entities : [];
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (p !== null && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') out += (p as { text: string }).text;
  }
  return out;
}

/** Links in the text: `text_link` entities carry `href`, `link` entities are the URL itself. */
function messageLinks(text: unknown): string[] {
  if (!Array.isArray(text)) return [];
  const links: string[] = [];
  for (const p of text) {
    if (p === null || typeof p !== 'object') continue;
    const e = p as { type?: unknown; text?: unknown; href?: unknown };
    if (e.type === 'text_link' && typeof e.href === 'string') links.push(e.href);
    else if (e.type === 'link' && typeof e.text === 'string') links.push(e.text);
  }
  return links;
}

/** The post's headline: a bold run at the start (after emoji), as channels write them. */
function messageTitle(text: unknown): string | null {
  if (!Array.isArray(text)) return null;
  for (const p of text) {
    if (typeof p === 'string') {
      if (/[\p{L}\p{N}]/u.test(p)) return null;
      continue;
    }
    const e = p as { type?: unknown; text?: unknown };
    if (e !== null && typeof e === 'object' && e.type === 'bold' && typeof e.text === 'string') {
      const t = e.text.trim();
      return t === '' ? null : t;
    }
    return null;
  }
  return null;
}

/**
 * A local date-time with its UTC offset: the export writes `date` in the exporting machine's local
 * time and `date_unixtime` in UTC; keeping the local day matters, as relative dates in the text
 * ("вчера") count from it.
 */
export function telegramDate(local: unknown, unixtime: unknown): string | null {
  if (typeof local !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(local)) {
    const n = Number(unixtime);
    return typeof unixtime === 'string' && Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString().replace('.000Z', 'Z') : null;
  }
  const n = Number(unixtime);
  if (unixtime === undefined || !Number.isFinite(n)) return local;
  const minutes = Math.round((Date.parse(`${local}Z`) - n * 1000) / 60000);
  if (Math.abs(minutes) > 14 * 60) return local;
  if (minutes === 0) return `${local}Z`;
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function mediaKind(m: RawMessage): string | null {
  if (m.photo !== undefined) return 'photo';
  if (typeof m.media_type === 'string') return m.media_type;
  if (m.file !== undefined) return 'document';
  return null;
}

/**
 * One exported message as a document; null for what is not a post (service messages, media
 * without a caption); `{ error }` for a message Letopis cannot identify.
 */
export function toDocument(raw: unknown, chat: ChatInfo, file = 'result.json'): DocumentInput | { error: string } | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'a message that is not a JSON object' };
  const m = raw as RawMessage;
  if (m.type !== undefined && m.type !== 'message') return null;
  if (typeof m.id !== 'number' && typeof m.id !== 'string') return { error: 'a message without an id' };
  const id = String(m.id);
  const text = messageText(m.text, m.text_entities);
  if (text.trim() === '') return null;
  const chatId = chat.id ?? file;
  const forwardedFrom = typeof m.forwarded_from === 'string' && m.forwarded_from !== '' ? m.forwarded_from
    : typeof m.saved_from === 'string' && m.saved_from !== '' ? m.saved_from : null;
  const meta: Record<string, unknown> = { chatId: chat.id, messageId: m.id };
  if (chat.type !== null) meta.chatType = chat.type;
  const media = mediaKind(m);
  if (media !== null) meta.media = media;
  if (typeof m.file_name === 'string') meta.fileName = m.file_name;
  if (typeof m.reply_to_message_id === 'number') meta.replyTo = m.reply_to_message_id;
  const links = messageLinks(m.text);
  if (links.length > 0) meta.links = links;
  const doc: DocumentInput = {
    sourceKind: 'telegram',
    sourceName: chat.name ?? (typeof m.from === 'string' ? m.from : null),
    sourceRef: `tg:${chatId}/${id}`,
    url: chat.username !== null ? `https://t.me/${chat.username}/${id}` : null,
    title: messageTitle(m.text),
    publishedAt: telegramDate(m.date, m.date_unixtime),
    text,
    forwardedFrom,
    editedAt: m.edited !== undefined || m.edited_unixtime !== undefined ? telegramDate(m.edited, m.edited_unixtime) : null,
    meta,
  };
  return doc;
}
