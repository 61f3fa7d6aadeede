/**
 * A room's presence fan-out, coalesced per event-loop turn: the awareness changes of a turn (every
 * message read in its poll phase) are collected by client id, and right after it (setImmediate)
 * each changed state is encoded once, the room's frame is built once, and every connection gets
 * one frame — not one frame per change. A client id changed twice in a turn goes out once, with
 * its latest state. A connection is not sent back a change it made itself (it knows it), except a
 * renewal (same state, newer clock), which is echoed to its sender as the reference server does,
 * so a client alone in a room keeps hearing from the server.
 */
import type { Awareness } from 'y-protocols/awareness'
import type { Connection } from './ws/connection'
import { awarenessFrame, encodeEntry } from './ws/awarenessEntries'

/** Sends `frameFor(c)` to each of the room's connections (null: nothing for that one). */
export type Deliver = (frameFor: (conn: Connection) => Uint8Array | null) => void

export class PresenceFanout {
  /** changed client ids → the connection that made a change it need not hear back (null: everyone hears it) */
  private readonly pending = new Map<number, Connection | null>()
  private scheduled: NodeJS.Immediate | null = null

  constructor(
    private readonly awareness: Awareness,
    private readonly deliver: Deliver,
  ) {}

  /** Records changed ids; `skip` is the connection that made a real change to them (it is not sent its own). */
  add(ids: readonly number[], skip: Connection | null): void {
    for (const id of ids) {
      const prev = this.pending.get(id)
      // two connections changed the same id this turn (a takeover): both must hear the result
      this.pending.set(id, skip !== null && prev !== undefined && prev !== null && prev !== skip ? null : skip)
    }
    this.scheduled ??= setImmediate(this.flush)
  }

  /** Sends what is pending now (also run on setImmediate). */
  readonly flush = (): void => {
    if (this.scheduled) clearImmediate(this.scheduled)
    this.scheduled = null
    if (this.pending.size === 0) return
    const { meta, states } = this.awareness
    const all: Uint8Array[] = []
    /** the entries each skipping connection must not get back (by index into `all`) */
    const skipped = new Map<Connection, Set<number>>()
    for (const [id, skip] of this.pending) {
      const clock = meta.get(id)?.clock
      if (clock === undefined) continue // forgotten meanwhile (pruned)
      if (skip) {
        let s = skipped.get(skip)
        if (!s) skipped.set(skip, (s = new Set()))
        s.add(all.length)
      }
      all.push(encodeEntry(id, clock, JSON.stringify(states.get(id) ?? null)))
    }
    this.pending.clear()
    if (all.length === 0) return
    const shared = awarenessFrame(all)
    this.deliver((conn) => {
      const mine = skipped.get(conn)
      if (!mine) return shared
      if (mine.size === all.length) return null
      return awarenessFrame(all.filter((_, i) => !mine.has(i)))
    })
  }

  destroy(): void {
    if (this.scheduled) clearImmediate(this.scheduled)
    this.scheduled = null
    this.pending.clear()
  }
}
