/**
 * `onRoomChange` for embedders (webhooks, search indexing): a room's document changes are
 * gathered and reported once the room has been quiet for `debounceMs` (and at least every
 * `maxWaitMs` while edits keep coming), as one merged Yjs update plus who made them. Only rooms
 * whose hook is set pay for it: the listener on the document makes Yjs encode each update.
 */
import * as Y from 'yjs'
import type { Role } from './auth/roles'
import { isHostGrant } from './auth/hookAuthorizer'
import type { Logger } from './log'
import { HydrateOrigin, type Room } from './room'
import { Connection } from './ws/connection'

/** Who made a change: a connected client (with the host's user name when `authenticate` gave one), or the server itself. */
export type ChangeAuthor = { kind: 'user'; connection: number; role: Role; user: string | null } | { kind: 'server' }

export interface RoomChange {
  /** every change since the previous call, merged into one Yjs update (apply it with Y.applyUpdate) */
  update: Uint8Array
  /** the authors of these changes, each once, in the order of their first change */
  by: ChangeAuthor[]
}

export type RoomChangeHook = (room: string, change: RoomChange) => void | Promise<void>

export interface RoomChangesOptions {
  /** report once the room has had no change for this long (default 1000 ms) */
  debounceMs?: number
  /** …but at least this often while changes keep coming (default 10 000 ms) */
  maxWaitMs?: number
  log: Logger
}

interface Pending {
  updates: Uint8Array[]
  by: Map<string, ChangeAuthor>
  firstAt: number
  timer: NodeJS.Timeout
}

export interface RoomChanges {
  /** starts reporting a freshly loaded room's changes */
  watch(room: Room): void
  /** reports every pending change now and waits for the hook calls to finish */
  flush(): Promise<void>
}

function authorOf(origin: unknown): ChangeAuthor {
  if (origin instanceof Connection) {
    return { kind: 'user', connection: origin.id, role: origin.role, user: isHostGrant(origin.auth) ? origin.auth.user : null }
  }
  return { kind: 'server' }
}

export function createRoomChanges(hook: RoomChangeHook, opts: RoomChangesOptions): RoomChanges {
  const debounceMs = opts.debounceMs ?? 1_000
  const maxWaitMs = Math.max(debounceMs, opts.maxWaitMs ?? 10_000)
  const pending = new Map<string, Pending>()
  const running = new Set<Promise<void>>()

  function report(room: string): void {
    const p = pending.get(room)
    if (!p) return
    pending.delete(room)
    clearTimeout(p.timer)
    const change: RoomChange = { update: p.updates.length === 1 ? p.updates[0]! : Y.mergeUpdates(p.updates), by: [...p.by.values()] }
    const call = Promise.resolve()
      .then(() => hook(room, change))
      .catch((err: unknown) => opts.log.error({ room, err }, 'the onRoomChange hook failed'))
      .finally(() => running.delete(call))
    running.add(call)
  }

  function note(room: string, update: Uint8Array, origin: unknown): void {
    const now = Date.now()
    let p = pending.get(room)
    if (p) clearTimeout(p.timer)
    else pending.set(room, (p = { updates: [], by: new Map(), firstAt: now, timer: undefined as unknown as NodeJS.Timeout }))
    p.updates.push(update)
    const author = authorOf(origin)
    const key = author.kind === 'user' ? `c${author.connection}` : 'server'
    if (!p.by.has(key)) p.by.set(key, author)
    const wait = Math.max(0, Math.min(debounceMs, p.firstAt + maxWaitMs - now))
    p.timer = setTimeout(() => report(room), wait).unref()
  }

  return {
    watch(room) {
      // on every document the room builds: a dormant room has none, and wakes with a new one
      room.eachDoc((doc) =>
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== HydrateOrigin) note(room.name, update, origin)
        }),
      )
    },
    async flush() {
      for (const room of [...pending.keys()]) report(room)
      await Promise.all([...running])
    },
  }
}
