import type * as Y from 'yjs'
import type { NewVersion, Storage } from './storage/Storage'
import type { Metrics } from './metrics'
import type { Logger } from './log'
import type { Connection } from './ws/connection'
import type { Room } from './room'
import type { RoomHost } from './roomHost'

export interface RoomOptions {
  storage: Storage
  metrics: Metrics
  log: Logger
  /** compact the log into one snapshot after this many appended updates… */
  compactAfterUpdates: number
  /** …or this many appended bytes */
  compactAfterBytes: number
  /** the stored state, applied lazily: the first joiner is answered straight from these bytes */
  stored: Uint8Array | null
  storedRows: number
  storedBytes: number
  /** most updates waiting in the room's inbox (received, not yet durable); past it the biggest sender is closed with 4529 */
  maxQueuedUpdates?: number
  /** most bytes waiting in the room's inbox */
  maxQueuedBytes?: number
  /** largest stored size of the room (its log: snapshot and updates since); an update past it closes its sender with 4413 */
  maxRoomBytes?: number
  /** a live document with no document update for this long goes dormant: its state held as bytes (0: never; default 30 s) */
  idleDocMs?: number
  /**
   * Called once when an update failed to apply after it was stored: the document may hold part of
   * it, so the registry must drop this room at once (its next user loads it again from storage).
   */
  onPoisoned?: (room: Room) => void
  /**
   * Called once when the stored state turned out to be unreadable (for stores without checksums,
   * which catch this at load): the registry quarantines the room; nothing of it is written again.
   */
  onDamaged?: (room: Room, detail: string) => void
  /** Told about the updates this room stored and applied (a cluster publishes them to the other instances). */
  onStored?: (room: Room, updates: Uint8Array[]) => void
  /** Told about awareness changes made by this instance's connections (a cluster publishes them). */
  onPresence?: (room: Room, awarenessUpdate: Uint8Array) => void
  /** Told when the room's document went dormant (its memory can be collected). */
  onDormant?: (room: Room) => void
  /** the room host a busy room's document may go to (roomAway.ts; SQLite only, never with a change hook or a cluster) */
  roomHost?: RoomHost | null
  /** main-thread apply CPU (ms per second, beyond a second's worth) past which the document goes to `roomHost` (0: never) */
  awayApplyMs?: number
}

/** default of RoomOptions.idleDocMs (`--idle-doc-seconds`) */
export const DEFAULT_IDLE_DOC_MS = 30_000

/** What the history service (server/history) hears from a room. */
export interface RoomHistoryHooks {
  /** an update from this connection was applied */
  edited(conn: Connection): void
  /** the version to record instead of a plain compaction when the room unloads, or null */
  unloadVersion(doc: Y.Doc): NewVersion | null
}
