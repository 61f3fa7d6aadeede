/**
 * permessage-deflate settings (`--ws-deflate`), for clients that offer the extension (browsers
 * and `ws` do). Presence and edits are small JSON-ish messages that repeat from one to the next,
 * so each socket keeps its compression context (the gain comes from earlier messages) and small
 * messages are compressed too; fast compression with a small window and little memory, because
 * every socket has its own context: about 8 KiB of zlib state per socket instead of ~300 KiB.
 */
import type { PerMessageDeflateOptions } from 'ws'

export const DEFLATE: PerMessageDeflateOptions = {
  /** messages under this many bytes go as they are (a 3-byte keep-alive gains nothing) */
  threshold: 32,
  serverMaxWindowBits: 10,
  zlibDeflateOptions: { level: 1, memLevel: 3 },
  /** zlib work in flight per socket; more waits its turn (ws default: 10) */
  concurrencyLimit: 10,
}
