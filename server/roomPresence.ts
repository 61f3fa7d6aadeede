import type * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { Connection } from './ws/connection'
import { encodeAwareness } from './ws/protocol'

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/** awareness clocks kept for ids without a state before they are forgotten (see pruneMeta) */
const META_SLACK = 256

/**
 * A room's awareness (presence): which connection announced which client ids (removed for
 * everyone when it closes), every change relayed to the room's other connections, and the full
 * state encoded once per change for joiners and query-awareness.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  /** every state, encoded; null once a state changed */
  private snapshot: Uint8Array | null = null
  /** whether the awareness update being applied changed a state (not only clocks) */
  private changed = false

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (frame: Uint8Array, except: Connection | null) => void,
    /** told about changes made here (by a connection, or a closed connection's removal), not remote or timed-out ones */
    private readonly publish?: (awarenessUpdate: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('change', () => void (this.changed = true))
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.onUpdate(changes, origin))
  }

  /** Applies an awareness message's payload from `conn`; false when it is corrupt. */
  apply(update: Uint8Array, conn: Connection): boolean {
    let ok = true
    this.changed = false
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
    } catch {
      ok = false
    }
    this.pruneMeta()
    return ok
  }

  /** Applies an awareness update from another instance; `origin` tells it apart from this instance's connections. */
  applyRemote(update: Uint8Array, origin: object): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin)
    } catch {
      // the instance that published it accepted it; a corrupt one changes nothing here
    }
    this.pruneMeta()
  }

  /** The states the given connections announced, as one awareness update (null when none). */
  ofConnections(conns: Iterable<Connection>): Uint8Array | null {
    const ids: number[] = []
    for (const c of conns) for (const id of c.awarenessIds) if (this.awareness.getStates().has(id)) ids.push(id)
    return ids.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)
  }

  /** Every state as one awareness message (null when there is none). */
  all(): Uint8Array | null {
    if (this.snapshot) return this.snapshot
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length === 0) return null
    return (this.snapshot = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }

  /** Removes the states a closed connection announced, for everyone at once. */
  removeConnection(conn: Connection): void {
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null)
  }

  destroy(): void {
    this.awareness.destroy()
  }

  /**
   * y-protocols remembers a clock for every client id it ever heard of, even one announced only
   * as gone (state null), so made-up ids would grow memory without bound. Clocks of ids without a
   * state are forgotten once they pile up; a stale update for such an id can at worst show a
   * cursor again until its own timeout.
   */
  private pruneMeta(): void {
    const { meta, states } = this.awareness
    if (meta.size <= states.size + META_SLACK) return
    for (const id of [...meta.keys()]) if (!states.has(id)) meta.delete(id)
  }

  private onUpdate({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    this.snapshot = null
    const sender = origin instanceof Connection ? origin : null
    if (sender) {
      for (const id of added) sender.awarenessIds.add(id)
      for (const id of removed) sender.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    // A renewal (same states, newer clocks: a provider sends one every 15 s) goes back to its
    // sender too, as with the reference server: a provider alone in a room then still hears from
    // the server and keeps its connection. Real changes skip the sender (it knows them).
    const renewal = sender !== null && !this.changed
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    this.broadcast(encodeAwareness(update), renewal ? null : sender)
    if (this.publish && (sender || origin === null)) this.publish(update)
  }
}
