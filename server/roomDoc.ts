/**
 * A room's document state, held one of three ways:
 *
 * - **live**: a `Y.Doc`, needed to apply updates (and by everything that reads the document:
 *   compaction, history versions, server edits, a cluster's remote updates);
 * - **dormant**: the state as one encoded update (bytes), a fraction of a live document's memory
 *   and all a joiner needs: a sync step 1 is answered with `Y.diffUpdate(bytes, stateVector)`
 *   (the bytes as they are for an empty client), and the server's own sync step 1 carries
 *   `Y.encodeStateVectorFromUpdate(bytes)`. No `Y.Doc` exists while dormant.
 * - **away**: the `Y.Doc` lives on the room host's worker thread (roomHost.ts, roomAway.ts); the
 *   main thread keeps a mirror of its state vector (and whether structs are pending), read from
 *   each answer of the worker. No `Y.Doc` exists here while away.
 *
 * `wake()` builds the document from the bytes (and drops them), or brings it home from the worker
 * (its state, encoded there, applied here); `sleep()` encodes it back (or
 * takes a snapshot just written to storage) and destroys it. Hooks registered with `eachDoc` are
 * run on every document built, so listeners on the document (observers, 'update' handlers)
 * follow it across sleeps. Bytes that cannot be read are reported, never thrown: the caller
 * quarantines the room and the bytes are left as they are.
 */
import * as Y from 'yjs'
import { isEmptyStateVector } from './ws/protocol'
import type { RoomHost } from './roomHost'
import { hasPending } from './docPending'

/** `lost`: the document was on a room host that failed (the stored log still holds everything) */
export type DocResult<T> = { ok: true; value: T } | { ok: false; detail: string; lost?: true }

/** What the door reads of a document: each client's clock, and whether structs are pending. */
export interface DocClocks {
  clock(client: number): number
  readonly pending: boolean
}

/** A document on the room host, and the mirror of its state. */
interface Away {
  host: RoomHost
  key: number
  vector: Uint8Array
  clocks: Map<number, number>
  pending: boolean
}

export class RoomDoc {
  private live: Y.Doc | null = null
  private bytes: Uint8Array | null = null
  /** the state vector of `bytes`, read once when first asked for */
  private vector: Uint8Array | null = null
  private away: Away | null = null
  private readonly docHooks: Array<(doc: Y.Doc) => void> = []
  private destroyed = false
  /** documents built from bytes so far */
  wakes = 0
  /** times the document was put to sleep */
  sleeps = 0
  /** times the document came home from the room host */
  homecomings = 0

  /**
   * `stored`: the room's stored state (the room starts dormant), or null for a room without
   * stored data (it starts live, with an empty document).
   * `hydrateOrigin`: the transaction origin of the apply that builds a document from bytes.
   */
  constructor(
    stored: Uint8Array | null,
    private readonly hydrateOrigin: unknown,
  ) {
    if (stored) this.bytes = stored
    else this.live = new Y.Doc()
  }

  /** True while the state is held as bytes only (no Y.Doc). */
  get dormant(): boolean {
    return this.live === null && this.away === null
  }

  /** True while the document is on the room host. */
  get isAway(): boolean {
    return this.away !== null
  }

  /** The room host and the key of the document there, while away. */
  get where(): { host: RoomHost; key: number } | null {
    return this.away
  }

  /**
   * The live document goes to the room host, which now holds it (adopted as `key` with state
   * vector `vector`): it is destroyed here. Hooks of `eachDoc` run again on the document built
   * when it comes home.
   */
  sendAway(host: RoomHost, key: number, vector: Uint8Array, pending: boolean): void {
    const doc = this.live
    if (!doc || this.destroyed) return void host.drop(key)
    this.away = { host, key, vector, clocks: Y.decodeStateVector(vector), pending }
    this.live = null
    doc.destroy()
  }

  /** The state the room host answered with after an apply (while away). */
  mirror(vector: Uint8Array, pending: boolean): void {
    if (!this.away) return
    this.away.vector = vector
    this.away.clocks = Y.decodeStateVector(vector)
    this.away.pending = pending
  }

  /** Clocks and pending state of the live document, or of the mirror while away (null while dormant). */
  clocks(): DocClocks | null {
    const doc = this.live
    if (doc) return { clock: (c) => Y.getState(doc.store, c), pending: hasPending(doc) }
    const away = this.away
    if (away) return { clock: (c) => away.clocks.get(c) ?? 0, pending: away.pending }
    return null
  }

  /** The live document, or null while dormant (never wakes the room). */
  get doc(): Y.Doc | null {
    return this.live
  }

  /** Size of the dormant bytes (0 while live). */
  get dormantBytes(): number {
    return this.bytes?.length ?? 0
  }

  /**
   * The live document: built from the bytes first when dormant (then the hooks of `eachDoc` run).
   * Fails when the bytes cannot be applied; the room stays dormant with its bytes untouched.
   */
  wake(): DocResult<Y.Doc> {
    if (this.live) return { ok: true, value: this.live }
    if (this.away) return this.comeHome(this.away)
    if (this.destroyed || !this.bytes) return { ok: false, detail: 'room state was destroyed' }
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, this.bytes, this.hydrateOrigin)
    } catch (err) {
      doc.destroy()
      return { ok: false, detail: `stored state could not be applied (${(err as Error).message})` }
    }
    this.live = doc
    this.bytes = null
    this.vector = null
    this.wakes++
    for (const hook of this.docHooks) hook(doc)
    return { ok: true, value: doc }
  }

  /**
   * Brings the document home with `state`, the room host's encoding of it (RoomHost.encode, asked
   * while `where` was where it was): null when it is no longer there (it came home meanwhile).
   */
  homeWith(where: { host: RoomHost; key: number }, state: Uint8Array): DocResult<Y.Doc> | null {
    const away = this.away
    if (!away || away !== where || this.destroyed) return null
    this.away = null
    away.host.drop(away.key)
    return this.build(state)
  }

  /** Brings the document home from the room host (the main thread waits for it: roomHost.ts). */
  private comeHome(away: Away): DocResult<Y.Doc> {
    this.away = null
    const taken = away.host.take(away.key)
    if (!taken.ok) return { ok: false, detail: taken.detail, lost: true }
    return this.build(taken.value)
  }

  /** The document built from the room host's state. */
  private build(state: Uint8Array): DocResult<Y.Doc> {
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, state, this.hydrateOrigin)
    } catch (err) {
      doc.destroy()
      return { ok: false, detail: `the room host's state could not be applied (${(err as Error).message})`, lost: true }
    }
    this.live = doc
    this.homecomings++
    for (const hook of this.docHooks) hook(doc)
    return { ok: true, value: doc }
  }

  /**
   * Puts a live document to sleep: `snapshot` (the document's full state, e.g. just written to
   * storage by a compaction) or else the document encoded now becomes the dormant bytes, and the
   * document is destroyed. Returns the bytes (nothing happens when already dormant).
   */
  sleep(snapshot?: Uint8Array): DocResult<Uint8Array | null> {
    const { live: doc, away } = this
    if (away) {
      // away: the snapshot, or the state the room host encodes (the document is not built here)
      this.away = null
      const taken = snapshot ? { ok: true as const, value: snapshot } : away.host.take(away.key)
      if (snapshot) away.host.drop(away.key)
      if (!taken.ok) return { ok: false, detail: taken.detail, lost: true }
      this.bytes = taken.value
    } else if (doc) {
      this.bytes = snapshot ?? Y.encodeStateAsUpdate(doc)
      this.live = null
      doc.destroy()
    } else return { ok: true, value: this.bytes }
    this.vector = null
    this.sleeps++
    return { ok: true, value: this.bytes }
  }

  /** Runs `hook` on every document built from now on, and at once on the live one. */
  eachDoc(hook: (doc: Y.Doc) => void): void {
    this.docHooks.push(hook)
    if (this.live) hook(this.live)
  }

  /** The state vector (read from the bytes while dormant, without building a document). */
  stateVector(): DocResult<Uint8Array> {
    if (this.live) return { ok: true, value: Y.encodeStateVector(this.live) }
    if (this.away) return { ok: true, value: this.away.vector }
    if (!this.bytes) return { ok: false, detail: 'room state was destroyed' }
    if (!this.vector) {
      try {
        this.vector = Y.encodeStateVectorFromUpdate(this.bytes)
      } catch (err) {
        return { ok: false, detail: `stored state could not be read (${(err as Error).message})` }
      }
    }
    return { ok: true, value: this.vector }
  }

  /** The state vector if it is already known without work (live document, or dormant and read before). */
  knownStateVector(): Uint8Array | null {
    if (this.live) return Y.encodeStateVector(this.live)
    return this.away?.vector ?? this.vector
  }

  /**
   * What a client whose state vector is `stateVector` lacks, as one update. While dormant: the
   * bytes themselves for an empty client (nothing is decoded or copied), else `Y.diffUpdate`.
   */
  diff(stateVector: Uint8Array): DocResult<Uint8Array> {
    if (this.live) return { ok: true, value: Y.encodeStateAsUpdate(this.live, stateVector) }
    if (this.away) return { ok: false, detail: 'the document is on the room host' }
    if (!this.bytes) return { ok: false, detail: 'room state was destroyed' }
    // (a state vector from a client was decoded when its message was parsed)
    if (isEmptyStateVector(stateVector)) return { ok: true, value: this.bytes }
    try {
      return { ok: true, value: Y.diffUpdate(this.bytes, stateVector) }
    } catch (err) {
      return { ok: false, detail: `stored state could not be read (${(err as Error).message})` }
    }
  }

  /** Frees the document or the bytes; the state is unusable afterwards. */
  destroy(): void {
    this.destroyed = true
    this.live?.destroy()
    this.live = null
    if (this.away) this.away.host.drop(this.away.key)
    this.away = null
    this.bytes = null
    this.vector = null
  }
}
