/**
 * A room's document state, held one of two ways:
 *
 * - **live**: a `Y.Doc`, needed to apply updates (and by everything that reads the document:
 *   compaction, history versions, server edits, a cluster's remote updates);
 * - **dormant**: the state as one encoded update (bytes), a fraction of a live document's memory
 *   and all a joiner needs: a sync step 1 is answered with `Y.diffUpdate(bytes, stateVector)`
 *   (the bytes as they are for an empty client), and the server's own sync step 1 carries
 *   `Y.encodeStateVectorFromUpdate(bytes)`. No `Y.Doc` exists while dormant.
 *
 * `wake()` builds the document from the bytes (and drops them); `sleep()` encodes it back (or
 * takes a snapshot just written to storage) and destroys it. Hooks registered with `eachDoc` are
 * run on every document built, so listeners on the document (observers, 'update' handlers)
 * follow it across sleeps. Bytes that cannot be read are reported, never thrown: the caller
 * quarantines the room and the bytes are left as they are.
 */
import * as Y from 'yjs'
import { isEmptyStateVector } from './ws/protocol'

export type DocResult<T> = { ok: true; value: T } | { ok: false; detail: string }

export class RoomDoc {
  private live: Y.Doc | null = null
  private bytes: Uint8Array | null = null
  /** the state vector of `bytes`, read once when first asked for */
  private vector: Uint8Array | null = null
  private readonly docHooks: Array<(doc: Y.Doc) => void> = []
  private destroyed = false
  /** documents built from bytes so far */
  wakes = 0
  /** times the document was put to sleep */
  sleeps = 0

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
    return this.live === null
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
   * Puts a live document to sleep: `snapshot` (the document's full state, e.g. just written to
   * storage by a compaction) or else the document encoded now becomes the dormant bytes, and the
   * document is destroyed. Returns the bytes (nothing happens when already dormant).
   */
  sleep(snapshot?: Uint8Array): Uint8Array | null {
    const doc = this.live
    if (!doc) return this.bytes
    this.bytes = snapshot ?? Y.encodeStateAsUpdate(doc)
    this.vector = null
    this.live = null
    this.sleeps++
    doc.destroy()
    return this.bytes
  }

  /** Runs `hook` on every document built from now on, and at once on the live one. */
  eachDoc(hook: (doc: Y.Doc) => void): void {
    this.docHooks.push(hook)
    if (this.live) hook(this.live)
  }

  /** The state vector (read from the bytes while dormant, without building a document). */
  stateVector(): DocResult<Uint8Array> {
    if (this.live) return { ok: true, value: Y.encodeStateVector(this.live) }
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
    return this.vector
  }

  /**
   * What a client whose state vector is `stateVector` lacks, as one update. While dormant: the
   * bytes themselves for an empty client (nothing is decoded or copied), else `Y.diffUpdate`.
   */
  diff(stateVector: Uint8Array): DocResult<Uint8Array> {
    if (this.live) return { ok: true, value: Y.encodeStateAsUpdate(this.live, stateVector) }
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
    this.bytes = null
    this.vector = null
  }
}
