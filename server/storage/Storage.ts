/**
 * Durable storage of room documents as an append-only log of Yjs updates per room, compacted
 * from time to time into one snapshot update. Every method may be asynchronous so that network
 * databases fit behind the same interface; callers serialise calls per room.
 */
export interface Storage {
  /** The room's whole state as one Yjs update, or null when nothing is stored. */
  load(room: string): Promise<Uint8Array | null>
  /** Appends one (already validated) update; resolves once it is durable. */
  append(room: string, update: Uint8Array): Promise<void>
  /**
   * Optional synchronous append of several updates in order, in one transaction, for stores that
   * are synchronous anyway (SQLite through better-sqlite3): all durable when it returns, none on
   * failure (throws). Lets a room append, apply and relay one event-loop turn's updates in one tick.
   */
  appendSync?(room: string, updates: readonly Uint8Array[]): void
  /**
   * Removes the log entries holding exactly these bytes: an update that was stored (updates are
   * durable before they are applied) and then turned out not to apply. Nothing else is touched.
   */
  discard(room: string, update: Uint8Array): Promise<void>
  /** Atomically replaces the room's log by one snapshot update (which must contain every appended update). */
  compact(room: string, snapshot: Uint8Array): Promise<void>
  /** Removes everything stored for the room. */
  delete(room: string): Promise<void>
  /** Number of log entries and bytes stored for the room (drives compaction). */
  stats(room: string): Promise<{ updates: number; bytes: number }>
  /** Flushes and releases resources; no call may follow. */
  close(): Promise<void>
}
