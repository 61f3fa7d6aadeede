import * as Y from 'yjs'
import type { Metrics } from './metrics'
import type { Logger } from './log'
import type { Connection } from './ws/connection'
import { sendBatch } from './ws/sendBatch'
import { BadMessage, RoomReloaded, withReason } from './ws/closeCodes'
import { encodeUpdate } from './ws/protocol'
import { rememberUnapplicable } from './limits/trialApply'
import type { RoomStore } from './roomStore'
import type { RoomState } from './roomState'
import type { RoomOutput } from './roomOutput'
import { hasPending } from './docPending'

/** Transaction origin of updates another instance of the cluster stored (server/cluster): applied and relayed here, never stored again. */
export const RemoteOrigin = Symbol('tessera.remote')

export interface RoomApplyParts {
  name: string
  /** the live document (null while dormant or after damage) */
  doc(): Y.Doc | null
  state: RoomState
  store: RoomStore
  out: RoomOutput
  metrics: Metrics
  log: Logger
  /** builds the document from the stored state when the room is still cold */
  hydrate(): void
  /** the registry must drop this room at once (called once) */
  onPoisoned(): void
}

/**
 * Applying updates to a room's document, and what happens when Yjs throws half-way through one
 * ("poison"): the update is taken out of the log again, every connection is closed with 1012 and
 * the registry reloads the room from storage without it.
 */
export class RoomApply {
  constructor(private readonly r: RoomApplyParts) {}

  /** Applies an update that is already durable (false if Yjs refused it); the log is compacted later, off this path. */
  applyAccepted(conn: Connection, update: Uint8Array): boolean {
    const { r } = this
    if (!r.state.live) return false
    r.hydrate()
    const doc = r.doc()
    if (!doc) return false
    const endApply = r.metrics.updateApplySeconds.startTimer()
    // Structs or deletions Yjs holds back (waiting for something missing) are integrated when a
    // later update supplies it, inside that update's apply: if it throws then, the fault may be
    // theirs, not this sender's (a pending struct can be crafted to break someone else's edit).
    const hadPending = hasPending(doc)
    try {
      Y.applyUpdate(doc, update, conn)
    } catch {
      this.threw(conn, update, hadPending)
      return false
    } finally {
      endApply()
    }
    return true
  }

  /**
   * Yjs threw while applying a durable update (here, or on the room host: roomAway.ts): its sender
   * is refused unless structs were pending before it, and the room is poisoned (see poison).
   */
  threw(conn: Connection, update: Uint8Array, hadPending: boolean): void {
    const { r } = this
    if (hadPending) r.metrics.rejected.inc({ reason: 'update could not be applied' })
    else {
      rememberUnapplicable(update, conn.address) // refused at the door if it comes again (server/limits/trialApply.ts)
      r.out.reject(conn, withReason(BadMessage, 'update could not be applied'), 'update could not be applied')
    }
    this.poison(update, hadPending)
  }

  /**
   * The document is lost (the room host failed with it): every connection is closed with 1012 and
   * the registry reloads the room from storage, which holds every update (durable before applied).
   */
  lost(detail: string): void {
    const { r } = this
    if (r.state.poisoned || r.state.destroyed) return
    r.state.poisoned = true
    r.log.error({ room: r.name, detail }, 'the room host lost the document; reloading the room from storage')
    r.out.closeAll(RoomReloaded)
    r.onPoisoned()
  }

  /**
   * An update another instance stored (or the stored state, on a catch-up): applied and relayed
   * to every connection here, never stored again. `relay: 'delta'` relays only what was new to
   * this document (a catch-up holds mostly known content). A failure to apply reloads the room.
   * False when nothing was applied.
   */
  applyRemote(update: Uint8Array, relay: 'as-is' | 'delta'): boolean {
    const { r } = this
    if (!r.state.live) return false
    r.hydrate()
    const doc = r.doc()
    if (!doc) return false
    const deltas: Uint8Array[] = []
    const capture = (u: Uint8Array) => void deltas.push(u)
    if (relay === 'delta') doc.on('update', capture)
    try {
      Y.applyUpdate(doc, update, RemoteOrigin)
    } catch (err) {
      r.log.error({ room: r.name, err }, 'an update from another instance could not be applied; reloading the room')
      r.state.poisoned = true
      r.out.closeAll(RoomReloaded)
      r.onPoisoned()
      return false
    } finally {
      doc.off('update', capture)
    }
    sendBatch(() => {
      if (relay === 'as-is') r.out.broadcast(encodeUpdate(update), null)
      else for (const d of deltas) r.out.broadcast(encodeUpdate(d), null)
    })
    return true
  }

  /**
   * An update decoded but Yjs threw while integrating it, so the document may hold part of it.
   * It is already in the log (updates are durable before they are applied): take it out again,
   * close every connection so clients reconnect, and let the registry drop this room; the next
   * user loads it from the log, without the bad update. Nothing of it was relayed. When pending
   * structs were waiting, they are suspects as well and are purged from the log too; their
   * senders and this one (closed with 1012, not refused) send again what the server lacks when
   * they reconnect.
   */
  private poison(update: Uint8Array, purgePending: boolean): void {
    const { r } = this
    void r.store.serial(() => r.store.discard(update))
    if (purgePending) void r.store.serial(() => r.store.purgePending())
    if (r.state.poisoned) return
    r.state.poisoned = true
    r.log.error({ room: r.name }, 'an update could not be applied; reloading the room from storage without it')
    r.out.closeAll(RoomReloaded)
    r.onPoisoned()
  }
}
