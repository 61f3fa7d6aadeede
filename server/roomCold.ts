import * as Y from 'yjs'
import type { Connection } from './ws/connection'
import { encodeSyncStep1, isEmptyStateVector } from './ws/protocol'
import type { RoomState } from './roomState'

/** Transaction origin of the stored state applied to a room's document. */
export const HydrateOrigin = Symbol('tessera.hydrate')

/**
 * A room's stored state until its document is built from it ("cold"): joiners are answered
 * straight from the stored bytes, and the document is built a second after the first join (or at
 * once by the first edit). Bytes that turn out unreadable are reported through `damage`.
 */
export class RoomCold {
  private stored: Uint8Array | null
  private readonly awaitingStep1 = new Set<Connection>()
  /** a cold room's state vector, read from the stored bytes for the server's sync step 1 */
  private coldStateVector: Uint8Array | null = null
  private hydrateTimer: NodeJS.Timeout | undefined
  private readonly hydratedHooks: Array<() => void> = []

  constructor(
    private readonly doc: Y.Doc,
    stored: Uint8Array | null,
    private readonly state: RoomState,
    /** quarantines the room (the stored state could not be read or applied) */
    private readonly damage: (detail: string) => void,
  ) {
    this.stored = stored
  }

  /** True while the stored state has not been applied to the document yet. */
  get isCold(): boolean {
    return this.stored !== null
  }

  /** Our sync step 1 for a joiner: at once when the state vector is known, else after the answer to its step 1. */
  join(conn: Connection): void {
    if (this.stored) {
      // Cold room: the client's step 1 is answered from the stored bytes first and ours follows
      // right after that answer (see RoomReceiver); the document itself is built later.
      if (this.coldStateVector) conn.send(encodeSyncStep1(this.coldStateVector))
      else this.awaitingStep1.add(conn)
      this.hydrateTimer ??= setTimeout(() => this.hydrate(), 1_000).unref()
    } else {
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    }
  }

  leave(conn: Connection): void {
    this.awaitingStep1.delete(conn)
  }

  /** True (once) when `conn` joined this cold room and still waits for our step 1, to be sent after our answer. */
  takeAwaiting(conn: Connection): boolean {
    return this.stored !== null && this.awaitingStep1.delete(conn)
  }

  /** Runs `fn` once the document holds the stored state (at once when it already does). */
  whenHydrated(fn: () => void): void {
    if (this.stored && !this.state.destroyed) this.hydratedHooks.push(fn)
    else if (!this.state.destroyed) fn()
  }

  /** What a client with `stateVector` is missing. An empty client joining a cold room gets the stored bytes as they are. */
  diffFor(stateVector: Uint8Array): Uint8Array | null {
    if (this.stored) {
      if (isEmptyStateVector(stateVector)) return this.stored
      try {
        return Y.diffUpdate(this.stored, stateVector)
      } catch (err) {
        this.damage(`stored state could not be read (${(err as Error).message})`)
        return null
      }
    }
    return Y.encodeStateAsUpdate(this.doc, stateVector)
  }

  /** Builds the document from the stored bytes (no-op when built already); our step 1 then goes to joiners still waiting for it. */
  hydrate(): void {
    if (!this.stored || this.state.destroyed) return
    const stored = this.stored
    this.stored = null
    this.coldStateVector = null
    clearTimeout(this.hydrateTimer)
    try {
      Y.applyUpdate(this.doc, stored, HydrateOrigin)
    } catch (err) {
      return this.damage(`stored state could not be applied (${(err as Error).message})`)
    }
    if (this.awaitingStep1.size > 0) {
      const step1 = encodeSyncStep1(Y.encodeStateVector(this.doc))
      for (const c of this.awaitingStep1) c.send(step1)
      this.awaitingStep1.clear()
    }
    for (const fn of this.hydratedHooks.splice(0)) fn()
  }

  /** Our step 1 to a joiner of a cold room, once the answer to its own step 1 left. */
  sendStep1(conn: Connection): void {
    if (conn.closed || this.state.destroyed) return
    if (this.stored) this.coldStateVector ??= this.storedStateVector(this.stored)
    conn.send(encodeSyncStep1(this.coldStateVector ?? Y.encodeStateVector(this.doc)))
  }

  dispose(): void {
    clearTimeout(this.hydrateTimer)
  }

  /** The state vector of stored bytes, without building a document; null-safe against bad bytes. */
  private storedStateVector(stored: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateVectorFromUpdate(stored)
    } catch (err) {
      this.damage(`stored state could not be read (${(err as Error).message})`)
      return Y.encodeStateVector(this.doc)
    }
  }
}
