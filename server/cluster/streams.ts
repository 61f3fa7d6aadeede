/**
 * The cluster's messages on Redis Streams (CONTRACT §8): one stream per room carrying the
 * updates each instance stored and its connections' awareness changes, and one control stream
 * for room-level events (access or title changed, room deleted). Every message names the
 * instance that wrote it and carries that instance's sequence number for the stream, so a reader
 * sees a gap (trimmed stream, Redis restarted, a publish dropped) and catches up from storage.
 */

/** What a room stream message carries. */
export type RoomMessageKind =
  /** a Yjs update the sender stored in PostgreSQL and applied */
  | 'update'
  /** an awareness update made by the sender's connections */
  | 'awareness'
  /** "send me your connections' awareness states": a room was loaded on the sender */
  | 'query'

/** What a control stream message carries (`data` is the room name). */
export type ControlKind = 'room-changed' | 'room-deleted'

export interface StreamMessage<K extends string> {
  /** the stream entry id (e.g. 1733150000000-0) */
  id: string
  instance: string
  kind: K
  seq: number
  data: Buffer
}

const ROOM_KINDS: readonly string[] = ['update', 'awareness', 'query']
const CONTROL_KINDS: readonly string[] = ['room-changed', 'room-deleted']

export function isRoomKind(k: string): k is RoomMessageKind {
  return ROOM_KINDS.includes(k)
}

export function isControlKind(k: string): k is ControlKind {
  return CONTROL_KINDS.includes(k)
}

/** Redis key names under one prefix (several clusters, or test files, may share a Redis). */
export class ClusterKeys {
  constructor(readonly prefix: string) {}
  room(name: string): string {
    return `${this.prefix}room:${name}`
  }
  roomName(key: string): string | null {
    const head = `${this.prefix}room:`
    return key.startsWith(head) ? key.slice(head.length) : null
  }
  get control(): string {
    return `${this.prefix}control`
  }
  instance(id: string): string {
    return `${this.prefix}instance:${id}`
  }
}

/** The XADD field list of a message (after the stream key and id arguments). */
export function messageFields(instance: string, kind: string, seq: number, data: Uint8Array | string): Array<string | Buffer> {
  const payload = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return ['i', instance, 't', kind, 's', String(seq), 'd', payload]
}

/** One stream entry's message, or null when it is not one of ours (another writer, bad fields). */
export function parseEntry(id: string, fields: Buffer[]): StreamMessage<string> | null {
  const get = (name: string): Buffer | undefined => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i]!.toString() === name) return fields[i + 1]
    return undefined
  }
  const instance = get('i')?.toString()
  const kind = get('t')?.toString()
  const seq = Number(get('s')?.toString())
  const data = get('d')
  if (!instance || !kind || !Number.isSafeInteger(seq) || !data) return null
  return { id, instance, kind, seq, data }
}

/** The entries of an XREAD reply (RESP2 shape: [[key, [[id, fields], …]], …]), per stream key. */
export function parseXread(reply: unknown): Array<{ key: string; entries: Array<{ id: string; fields: Buffer[] }> }> {
  if (!Array.isArray(reply)) return []
  const out: Array<{ key: string; entries: Array<{ id: string; fields: Buffer[] }> }> = []
  for (const stream of reply) {
    if (!Array.isArray(stream) || stream.length !== 2 || !Array.isArray(stream[1])) continue
    const entries: Array<{ id: string; fields: Buffer[] }> = []
    for (const e of stream[1] as unknown[]) {
      if (!Array.isArray(e) || e.length !== 2 || !Array.isArray(e[1])) continue
      entries.push({ id: String(e[0]), fields: (e[1] as unknown[]).filter((f): f is Buffer => Buffer.isBuffer(f)) })
    }
    out.push({ key: String(stream[0]), entries })
  }
  return out
}
