// Room chat on the room's Y.Doc: `doc.getArray('chat')` of plain objects
// { id, author, color, text, ts }. Entries are validated on read (foreign clients may write
// anything), text is capped, and the array is trimmed so a long-lived room stays small.
// Writes use localOrigin but the UndoManager's scope is items+pages only, so chat is never undone.
import * as Y from 'yjs'
import * as z from 'zod'
import { newId } from './ids'
import { localOrigin } from './origins'
import { fail, ok, type Result } from './schema'

export interface ChatMessage {
  id: string
  author: string
  color: string
  text: string
  /** sender's clock, ms since epoch (display only; order is the array order) */
  ts: number
}

export const CHAT_MAX_TEXT = 1000
export const CHAT_MAX_AUTHOR = 64
/** messages kept in the document; older ones are removed by the sender of a new one */
export const CHAT_MAX_STORED = 500
export const CHAT_SHOWN = 200

const chatSchema = z.object({
  id: z.string().min(1).max(64),
  author: z.string().max(CHAT_MAX_AUTHOR * 4),
  color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/),
  text: z.string().min(1).max(CHAT_MAX_TEXT),
  ts: z.number().finite(),
})

export function chatArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>('chat')
}

/** A valid message, or null (wrong shape, over-long text, not a plain object). */
export function parseChatMessage(raw: unknown): ChatMessage | null {
  const r = chatSchema.safeParse(raw)
  if (!r.success) return null
  return { ...r.data, author: r.data.author.slice(0, CHAT_MAX_AUTHOR) || 'Anonymous' }
}

/** The last `limit` valid messages, oldest first; invalid entries are skipped. */
export function readChat(doc: Y.Doc, limit = CHAT_SHOWN): ChatMessage[] {
  const arr = chatArray(doc).toArray()
  const out: ChatMessage[] = []
  for (let i = arr.length - 1; i >= 0 && out.length < limit; i--) {
    const m = parseChatMessage(arr[i])
    if (m) out.push(m)
  }
  return out.reverse()
}

/** Appends one message in one transaction (localOrigin); blank text is refused, long text is cut. */
export function sendChat(
  doc: Y.Doc,
  msg: { author: string; color: string; text: string },
  now: number = Date.now(),
): Result<ChatMessage> {
  const text = msg.text.trim().slice(0, CHAT_MAX_TEXT)
  if (!text) return fail('empty', 'message is empty')
  const m = parseChatMessage({ id: newId(), author: msg.author.slice(0, CHAT_MAX_AUTHOR), color: msg.color, text, ts: now })
  if (!m) return fail('invalid', 'author or colour is not valid')
  const arr = chatArray(doc)
  doc.transact(() => {
    arr.push([{ ...m }])
    const extra = arr.length - CHAT_MAX_STORED
    if (extra > 0) arr.delete(0, extra)
  }, localOrigin)
  return ok(m)
}

/** Calls `cb` after every change of the chat array; returns unsubscribe. */
export function observeChat(doc: Y.Doc, cb: (e: { local: boolean }) => void): () => void {
  const arr = chatArray(doc)
  const h = (_e: Y.YArrayEvent<unknown>, tr: Y.Transaction) => cb({ local: tr.local })
  arr.observe(h)
  return () => arr.unobserve(h)
}
