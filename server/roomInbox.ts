import type { Connection } from './ws/connection'
import type { UpdateSummary } from './limits/updateSummary'

/** an update received from a connection, waiting to be appended, applied and relayed */
export interface Inbound {
  conn: Connection
  update: Uint8Array
  /** what the room relays once the update is durable and applied: the client's own frame when it is an update message */
  relay: Uint8Array
  /** what the update brings (client ranges, outside references), checked against the room's cost budget */
  summary?: UpdateSummary
}

/** default bound of a room's inbox (updates received, not yet durable) */
export const DEFAULT_MAX_QUEUED_UPDATES = 10_000
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024

/**
 * A room's updates received this event-loop turn (or while storage work was queued), in arrival
 * order, bounded by count and bytes. When a new update does not fit, the connection holding the
 * most queued bytes loses its queued updates (and the room closes it), round after round, until
 * the update fits or its own sender is the one dropped.
 */
export class RoomInbox {
  private items: Inbound[] = []
  private bytes = 0

  constructor(
    private readonly maxUpdates = DEFAULT_MAX_QUEUED_UPDATES,
    private readonly maxBytes = DEFAULT_MAX_QUEUED_BYTES,
  ) {}

  /**
   * Queues `entry` after making room for it; calls `onDrop` for each connection whose queued
   * updates were dropped (with how many), at most `maxRounds` times. False when the entry's own
   * sender was dropped, so the entry was not queued.
   */
  add(entry: Inbound, maxRounds: number, onDrop: (conn: Connection, dropped: number) => void): boolean {
    for (let i = 0; i < maxRounds; i++) {
      if (this.items.length < this.maxUpdates && this.bytes + entry.update.length <= this.maxBytes) break
      const culprit = this.biggestSender(entry.conn, entry.update.length)
      onDrop(culprit, this.drop(culprit))
      if (culprit === entry.conn) return false
    }
    this.items.push(entry)
    this.bytes += entry.update.length
    return true
  }

  /** bytes of the updates queued */
  get queuedBytes(): number {
    return this.bytes
  }

  /** Everything queued, in arrival order; the inbox is empty afterwards. */
  take(): Inbound[] {
    const batch = this.items
    this.items = []
    this.bytes = 0
    return batch
  }

  /** The connection with the most queued bytes (counting `pending` more for `sender`). */
  private biggestSender(sender: Connection, pending: number): Connection {
    const bytes = new Map<Connection, number>([[sender, pending]])
    for (const { conn, update } of this.items) bytes.set(conn, (bytes.get(conn) ?? 0) + update.length)
    let worst = sender
    for (const [c, n] of bytes) if (n > bytes.get(worst)!) worst = c
    return worst
  }

  /** Forgets the connection's queued (not yet durable) updates; returns how many. */
  private drop(conn: Connection): number {
    const before = this.items.length
    this.items = this.items.filter((e) => e.conn !== conn)
    this.bytes = this.items.reduce((n, e) => n + e.update.length, 0)
    return before - this.items.length
  }
}
