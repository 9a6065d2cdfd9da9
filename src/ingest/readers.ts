/**
 * Registers the source readers (Telegram exports, RSS/Atom feeds) with the file dispatcher, so that
 * `readPaths` sends a .json file to the Telegram reader and .xml/.rss/.atom files to the feed reader.
 * Import it once for its effect, before reading paths.
 */
import { inputError } from './document.js';
import { readFeed } from './feed.js';
import { registerReader, type FileReadOptions } from './files.js';
import { isTelegramExport, readTelegramExport, type TelegramReadOptions } from './telegram.js';

/** What `letopis ingest` may pass beyond the file options. */
export type SourceReadOptions = FileReadOptions & Pick<TelegramReadOptions, 'channelUsername' | 'channelUsernames' | 'chatTypes' | 'onProgress'>;

registerReader('.json', async function* telegram(path, opts) {
  let ok = false;
  try {
    ok = await isTelegramExport(path);
  } catch (err) {
    yield inputError(path, `cannot read the file: ${(err as Error).message}`);
    return;
  }
  if (!ok) {
    yield inputError(path, 'not a Telegram Desktop export (expected result.json with "messages", or a full export with "chats")');
    return;
  }
  const o = opts as SourceReadOptions;
  const tg: TelegramReadOptions = {};
  if (o.channelUsername != null) tg.channelUsername = o.channelUsername;
  if (o.channelUsernames !== undefined) tg.channelUsernames = o.channelUsernames;
  if (o.chatTypes !== undefined) tg.chatTypes = o.chatTypes;
  if (o.onProgress !== undefined) tg.onProgress = o.onProgress;
  if (o.maxBytes !== undefined) tg.maxBytes = o.maxBytes;
  yield* readTelegramExport(path, tg);
});

for (const ext of ['.xml', '.rss', '.atom']) {
  // A feed holds many documents: the one-document size limit (--max-size) does not apply to it.
  registerReader(ext, (path) => readFeed(path));
}
