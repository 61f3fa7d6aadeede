import * as Y from 'yjs'
import type { NewVersion, StagedCompaction, VersionInfo } from './storage/Storage'
import type { RoomStoreOptions } from './roomStore'
import { StagedWrites } from './roomStaged'
import { hasPending } from './docPending'

/** quiet period after which an over-threshold log is compacted */
const COMPACT_QUIET_MS = 1_000
/** a log this many times over its threshold is compacted at once, quiet or not */
const COMPACT_HARD_FACTOR = 4

/** What a room's store knows of its stored log; shared by its appends (RoomStore) and its rewrites (RoomCompaction). */
export interface StoredLog {
  /** rows in the stored log (1 means it is a snapshot already) */
  rows: number
  /** bytes in the stored log (its snapshot and the updates appended since) */
  bytes: number
  /** bytes of the snapshot the log starts with (0 when it does not start with one we know of) */
  base: number
  /** bumped by every rewrite of the log (and by a discard): a background compaction begun before one is dropped */
  rewrites: number
  /** the room is going away: no compaction starts any more */
  disposed: boolean
}

/** The room's storage queue, as its compactions use it (RoomStore). */
export interface RoomQueue {
  /** runs `task` after every task queued before it */
  serial(task: () => Promise<void>): Promise<void>
  /** resolves once what is queued now has run */
  drained(): Promise<void>
}

/**
 * A room's log rewrites: compactions (into one snapshot, built and written off the main thread
 * when the store can) and versions, through the room's storage queue so a compaction always sees
 * every update appended before it.
 *
 * Compaction (encode the whole document, rewrite the log) is never done between receiving and
 * relaying an update: once the log is over its threshold it runs after a quiet moment of
 * COMPACT_QUIET_MS, or at once when the log has grown to COMPACT_HARD_FACTOR× the threshold, so it
 * stays bounded in a room that is never quiet.
 */
export class RoomCompaction {
  private timer: NodeJS.Timeout | undefined
  /** a compaction is being built off the main thread while the room goes on appending (its promise: background) */
  private compacting = false
  private background: Promise<void> = Promise.resolve()
  private readonly staged: StagedWrites

  constructor(
    private readonly opts: RoomStoreOptions,
    private readonly stored: StoredLog,
    private readonly queue: RoomQueue,
  ) {
    this.staged = new StagedWrites(opts.storage, opts.room, opts.log)
  }

  /** Resolves once a compaction under way has ended and what it replaced is deleted. */
  async idle(): Promise<void> {
    await this.background
    await this.staged.idle()
  }

  /** Stops a pending quiet-moment compaction (the room is going away). */
  dispose(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** The log grew: a compaction is scheduled once it is over its threshold. */
  grew(): void {
    this.schedule()
  }

  /**
   * Rewrites the log without the structs and deletions that wait for something missing (Yjs's
   * pending state), when there are any: after an integration failed with such structs around,
   * they cannot be told apart from the cause. Call it from the serial queue.
   */
  async purgePending(): Promise<void> {
    const state = await this.opts.storage.load(this.opts.room)
    if (!state) return
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, state)
      if (!hasPending(doc)) return
      doc.store.pendingStructs = null
      doc.store.pendingDs = null
      this.opts.log.warn({ room: this.opts.room }, 'dropping pending structs from the stored log')
      await this.compact(doc, false) // this document, not the stored log: it is the log without what was pending
    } catch (err) {
      this.opts.log.error({ room: this.opts.room, err }, 'stored log could not be purged of pending structs')
    } finally {
      doc.destroy()
    }
  }

  /** Rewrites the log as one snapshot of `doc` (built off the main thread when the store can; returned). Call it from the serial queue. */
  async compact(doc: Y.Doc, offThread = true): Promise<Uint8Array> {
    const end = this.opts.metrics.storageWriteSeconds.startTimer({ op: 'compact' })
    const staged = offThread ? await this.staged.write({ bytes: true }, (s) => this.opts.storage.commitCompaction!(s)) : null
    if (staged?.staged.snapshot) {
      this.rewritten(staged.staged.snapshotBytes, end)
      this.opts.metrics.compactionsOffThread.inc()
      return staged.staged.snapshot
    }
    const snapshot = offThread ? await this.snapshotOf(doc) : Y.encodeStateAsUpdate(doc)
    await this.opts.storage.compact(this.opts.room, snapshot)
    this.rewritten(snapshot.length, end)
    return snapshot
  }

  /**
   * Rewrites the log as one snapshot built and written off the main thread from the log itself
   * (no document is read: one that is away, roomAway.ts); the snapshot, or null when the store
   * cannot (nothing changed) or did not return it. Call it from the serial queue.
   */
  async compactFromLog(): Promise<Uint8Array | null> {
    const end = this.opts.metrics.storageWriteSeconds.startTimer({ op: 'compact' })
    const staged = await this.staged.write({ bytes: true }, (s) => this.opts.storage.commitCompaction!(s))
    if (!staged) return null
    this.rewritten(staged.staged.snapshotBytes, end)
    this.opts.metrics.compactionsOffThread.inc()
    return staged.staged.snapshot ?? null
  }

  /** Rewrites the log as one snapshot of `doc` and records it as a version. Call it from the serial queue. */
  async saveVersion(doc: Y.Doc, version: NewVersion): Promise<VersionInfo> {
    const end = this.opts.metrics.storageWriteSeconds.startTimer({ op: 'version' })
    const staged = await this.staged.write({ version: true }, (s) => this.opts.storage.commitVersion!(s, version))
    if (staged) {
      this.rewritten(staged.staged.snapshotBytes, end)
      this.opts.metrics.compactionsOffThread.inc()
      return staged.value
    }
    const snapshot = await this.snapshotOf(doc)
    const saved = await this.opts.storage.saveVersion(this.opts.room, snapshot, version)
    this.rewritten(snapshot.length, end)
    return saved
  }

  /** The log became one snapshot of `bytes` (staged off the main thread, or written here). */
  private rewritten(bytes: number, end: () => void): void {
    this.stored.rewrites++
    end()
    this.stored.rows = 1
    this.stored.bytes = this.stored.base = bytes
    // a version is a compaction too (the log became one snapshot)
    this.opts.metrics.compactions.inc()
  }

  /**
   * The snapshot replacing the log: built by the store off the main thread from the stored log
   * (which holds every update applied to `doc`: they are durable before they are applied), or
   * encoded from `doc` here when the store cannot. Encoding a large document takes seconds, and on
   * the main thread every other room's relays waited for it.
   */
  private async snapshotOf(doc: Y.Doc): Promise<Uint8Array> {
    const { storage, metrics, log, room } = this.opts
    if (storage.snapshotOffThread) {
      try {
        const snapshot = await storage.snapshotOffThread(room)
        if (snapshot) {
          metrics.compactionsOffThread.inc()
          return snapshot
        }
      } catch (err) {
        log.warn({ room, err }, 'snapshot could not be built off the main thread; encoding the document')
      }
    }
    return Y.encodeStateAsUpdate(doc)
  }

  /**
   * Rows past the threshold, or bytes appended since the snapshot past the byte threshold or the
   * snapshot's own size, whichever is larger: a large document is rewritten once its log has
   * doubled it, not after every update (a 4 MB insert into a 24 MB board rewrote all 24 MB).
   */
  private overThreshold(factor: number): boolean {
    const { compactAfterUpdates: rows, compactAfterBytes: bytes } = this.opts
    return this.stored.rows >= rows * factor || this.stored.bytes - this.stored.base >= Math.max(bytes, this.stored.base) * factor
  }

  private schedule(): void {
    if (!this.overThreshold(1)) return
    // Restarted by each update (fires once the room has been quiet for a moment), unless the log is far over.
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.overThreshold(COMPACT_HARD_FACTOR)) {
      this.compactSoon()
      return
    }
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.compactSoon()
    }, COMPACT_QUIET_MS)
    this.timer.unref()
  }

  /**
   * A compaction that does not pause the room, nor the others: the store builds the snapshot of
   * the log as it is now off the main thread and writes it staged (invisible), in short
   * transactions, while the room goes on appending and relaying; the room's queue then commits it
   * (one small transaction) so that it replaces just the entries it covers, and the store deletes
   * those afterwards, off the main thread too. Waiting for the worker inside the queue held every
   * append, and with it every relay of the room, for as long as the worker took; writing the
   * snapshot on the main thread held every room (one SQLite connection) for 200–550 ms on a
   * 16–24 MB board. Stores that cannot do this compact in the queue as before.
   */
  private compactSoon(): void {
    const { storage } = this.opts
    if (!storage.stageCompaction || !storage.commitCompaction || !storage.finishCompaction) return void this.queue.serial(() => this.compactIfDue())
    if (this.compacting) return
    this.compacting = true
    this.background = this.compactBeside().finally(() => {
      this.compacting = false
    })
  }

  private async compactBeside(): Promise<void> {
    const { storage, metrics, log, room } = this.opts
    const end = metrics.storageWriteSeconds.startTimer({ op: 'compact' })
    let staged: StagedCompaction | null = null
    let committed = false
    try {
      await this.queue.drained() // what was queued before is stored
      if (this.stored.disposed || !this.holdsDocument() || !this.overThreshold(1)) return
      const rewrites = this.stored.rewrites
      staged = await storage.stageCompaction!(room)
      if (!staged) return void this.queue.serial(() => this.compactIfDue())
      const got = staged
      await this.queue.serial(async () => {
        // deleted, gone cold, or rewritten meanwhile: this snapshot may no longer match the log
        if (this.stored.disposed || rewrites !== this.stored.rewrites || !this.holdsDocument()) return
        await storage.commitCompaction!(got)
        committed = true
        this.stored.rewrites++
        this.stored.rows = Math.max(1, this.stored.rows - got.rows + 1)
        this.stored.bytes = Math.max(got.snapshotBytes, this.stored.bytes - got.bytes + got.snapshotBytes)
        this.stored.base = got.snapshotBytes
        metrics.compactions.inc()
        metrics.compactionsOffThread.inc()
      })
    } catch (err) {
      // nothing was replaced; the queue's compaction (which falls back to encoding the document) takes over
      log.warn({ room, err }, 'compaction off the main thread failed; compacting in the room queue')
      if (!this.stored.disposed) void this.queue.serial(() => this.compactIfDue())
    } finally {
      end()
    }
    // off the main thread: the replaced entries (or, not committed, the staged rows) are deleted
    if (staged) {
      await storage.finishCompaction!(staged).catch((err: unknown) => {
        log.warn({ room, err, committed }, 'a compaction left rows to delete; they are removed at the next start')
      })
    }
  }

  /** a live document, here or on the room host (a compaction from the log does not read it) */
  private holdsDocument(): boolean {
    return this.opts.document() !== null || this.opts.away?.() === true
  }

  private async compactIfDue(): Promise<void> {
    const doc = this.opts.document()
    if (doc && this.overThreshold(1)) await this.compact(doc)
  }
}
