/**
 * Counts local changes the server has not been given yet. y-websocket has no acknowledgements;
 * the exact moment our offline edits reach the server is when we answer the server's
 * SyncStep1 (its state vector) with our SyncStep2 on a fresh connection: that reply carries
 * everything the server lacks. So: a local change made while no connection has answered the
 * server is pending; answering the server acknowledges all of them.
 *
 * Plain class (no React, no IndexedDB) so it can be unit-tested; `persist` lets the owner keep
 * the count across reloads (an offline reload must still say how many changes are waiting).
 */
export class PendingChanges {
  private count = 0
  /** records (items, pages…) already counted since the last acknowledgement */
  private readonly touched = new Set<string>()
  private readonly listeners = new Set<() => void>()
  /** set once the stored count of an earlier session has been merged in (or dropped) */
  private restored = false

  constructor(private readonly persist: (n: number) => void = () => {}) {}

  get(): number {
    return this.count
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /**
   * One local update. `delivered`: it went out on a connection that has synced with the server.
   * `records`: what it touched (see touchedRecords); a record counts once until acknowledged,
   * so the count is of changed things, not of internal updates. Without records it counts one.
   */
  noteLocalChange(delivered: boolean, records?: readonly string[]): void {
    if (delivered) return
    if (records === undefined || records.length === 0) return this.set(this.count + 1)
    let added = 0
    for (const r of records) if (!this.touched.has(r)) (this.touched.add(r), added++)
    if (added > 0) this.set(this.count + added)
  }

  /** The server has been sent everything we have (we answered its SyncStep1). */
  acknowledge(): void {
    // a stored count from before the reload is covered by this acknowledgement too
    this.restored = true
    this.touched.clear()
    if (this.count !== 0) this.set(0)
  }

  /** Adds the count kept by an earlier session of this local copy (once, ignored after an acknowledgement). */
  restore(stored: number): void {
    if (this.restored) return
    this.restored = true
    if (Number.isInteger(stored) && stored > 0) this.set(this.count + stored)
  }

  private set(n: number): void {
    this.count = n
    this.persist(n)
    for (const l of [...this.listeners]) l()
  }
}
