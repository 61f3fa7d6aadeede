import type * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { Connection } from './ws/connection'
import { encodeAwareness } from './ws/protocol'
import { guardAwareness, type PresenceVerdict } from './limits/presenceGuard'
import { PresenceFanout, type Deliver } from './presenceFanout'
import { withoutStale } from './presenceStale'

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/** awareness clocks kept for ids without a state before they are forgotten (see pruneMeta) */
const META_SLACK = 256
/** how recent a refused claim on an id must be to take it over when its owner closes */
const CLAIM_MS = 10_000
/** refused claims remembered at most (they are only hints) */
const CLAIMS_KEPT = 1_000

/**
 * A room's awareness (presence): which connection announced which client ids (removed for
 * everyone when it closes), changes relayed to the room once per event-loop turn
 * (server/presenceFanout.ts), stale re-sent states dropped unread (server/presenceStale.ts), and
 * the full state encoded once per change for joiners and query-awareness.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  /** every state, encoded; null once a state changed */
  private snapshot: Uint8Array | null = null
  /** whether the awareness update being applied changed a state (not only clocks) */
  private changed = false
  /** which live connection announced each client id (only it may change or remove that state) */
  private readonly owners = new Map<number, Connection>()
  /** when each connection last sent an awareness update (performance.now()) */
  private readonly lastHeard = new WeakMap<Connection, number>()
  /**
   * The latest refused entry for an id another live connection owns: a reloaded tab reconnects
   * (same id) a moment before the server notices its old socket closed. When the owner closes,
   * a claim made in the last CLAIM_MS is applied, so that tab shows up at once, not 15 s later.
   */
  private readonly claims = new Map<number, { conn: Connection; entry: Uint8Array; at: number }>()
  private readonly fanout: PresenceFanout

  constructor(
    doc: Y.Doc,
    deliver: Deliver,
    /** told about changes made here (by a connection, or a closed connection's removal), not remote or timed-out ones */
    private readonly publish?: (awarenessUpdate: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.fanout = new PresenceFanout(this.awareness, deliver)
    this.awareness.on('change', () => void (this.changed = true))
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.onUpdate(changes, origin))
  }

  /**
   * Applies the part of an awareness message from `conn` that it may apply (its own states, within
   * the size and id limits: server/limits/presenceGuard.ts); a refusal says why the sender must go.
   */
  apply(received: Uint8Array, conn: Connection): PresenceVerdict {
    const now = performance.now()
    // entries whose clock is not newer than the room's (a stock client re-sending what it received)
    const fresh = withoutStale(received, this.awareness)
    if (!fresh.ok) return { ok: false, reason: 'corrupt awareness update' }
    if (fresh.update === null) {
      this.lastHeard.set(conn, now)
      return { ok: true, update: null, dropped: 0, refused: [] }
    }
    const update = fresh.update
    const verdict = guardAwareness(update, conn, {
      ownerOf: (id) => {
        const owner = this.owners.get(id)
        return owner && !owner.closed ? { conn: owner, lastHeard: this.lastHeard.get(owner) ?? 0 } : null
      },
      ownedBy: (c) => c.awarenessIds,
    }, now)
    this.lastHeard.set(conn, now)
    if (verdict.ok) for (const { id, entry } of verdict.refused) this.claims.set(id, { conn, entry, at: now })
    if (!verdict.ok || verdict.update === null) return verdict
    this.changed = false
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, verdict.update, conn)
    } catch {
      return { ok: false, reason: 'corrupt awareness update' }
    }
    this.pruneMeta()
    return verdict
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
    const ids = [...conn.awarenessIds]
    for (const id of ids) if (this.owners.get(id) === conn) this.owners.delete(id)
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    for (const id of ids) {
      const claim = this.claims.get(id)
      this.claims.delete(id)
      if (!claim || claim.conn.closed || performance.now() - claim.at > CLAIM_MS) continue
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, claim.entry, claim.conn)
      } catch {
        // a claim that does not apply is simply forgotten
      }
    }
    if (this.claims.size > CLAIMS_KEPT) this.claims.clear()
  }

  destroy(): void {
    this.fanout.destroy()
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
      for (const id of added) {
        // a takeover (the previous owner went silent or closed): the id moves to its new owner
        const previous = this.owners.get(id)
        if (previous && previous !== sender) previous.awarenessIds.delete(id)
        sender.awarenessIds.add(id)
        this.owners.set(id, sender)
      }
      for (const id of updated) {
        const previous = this.owners.get(id)
        if (previous === sender) continue
        previous?.awarenessIds.delete(id)
        sender.awarenessIds.add(id)
        this.owners.set(id, sender)
      }
      for (const id of removed) {
        sender.awarenessIds.delete(id)
        if (this.owners.get(id) === sender) this.owners.delete(id)
      }
    }
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    // A renewal (same states, newer clocks: a provider sends one every 15 s) goes back to its
    // sender too, as with the reference server: a provider alone in a room then still hears from
    // the server and keeps its connection. Real changes skip the sender (it knows them).
    const renewal = sender !== null && !this.changed
    this.fanout.add(changed, renewal ? null : sender)
    if (this.publish && (sender || origin === null)) this.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }
}
