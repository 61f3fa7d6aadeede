import type * as Y from 'yjs'
import type { NewVersion, Storage, VersionInfo } from './storage/Storage'
import type { Metrics } from './metrics'
import type { Logger } from './log'
import { STAGED_APPEND_BYTES } from './roomAppend'
import { RoomCompaction, type StoredLog } from './roomCompaction'

export interface RoomStoreOptions {
  room: string
  storage: Storage
  metrics: Metrics
  log: Logger
  /** compact the log into one snapshot after this many appended updates… */
  compactAfterUpdates: number
  /** …or this many appended bytes */
  compactAfterBytes: number
  /** rows and bytes already in the stored log when the room was loaded */
  rows: number
  bytes: number
  /** the document to snapshot, or null while compaction must not run (the room is cold or gone) */
  document: () => Y.Doc | null
  /** true while the room's live document is on the room host (roomAway.ts): compactions from the log still run */
  away?: () => boolean
}

/**
 * A room's part of storage: its update log, appended to and rewritten (compactions and versions,
 * roomCompaction.ts) through one serial queue so a compaction always sees every update appended
 * before it.
 */
export class RoomStore {
  private readonly stored: StoredLog
  private queue: Promise<void> = Promise.resolve()
  /** tasks queued or running */
  private pending = 0
  private readonly appendTimer: { startTimer(): () => void }
  private readonly compaction: RoomCompaction

  constructor(private readonly opts: RoomStoreOptions) {
    this.stored = { rows: opts.rows, bytes: opts.bytes, base: opts.rows === 1 ? opts.bytes : 0, rewrites: 0, disposed: false }
    this.appendTimer = opts.metrics.storageWriteSeconds.labels('append')
    this.compaction = new RoomCompaction(opts, this.stored, { serial: (task) => this.serial(task), drained: () => this.queue })
  }

  /** rows in the stored log (1 means it is a snapshot already) */
  get rows(): number {
    return this.stored.rows
  }

  /** bytes in the stored log (its snapshot and the updates appended since) */
  get bytes(): number {
    return this.stored.bytes
  }

  /** True when an append may be done synchronously right now: the store can, and no queued task must go first. */
  get canAppendNow(): boolean {
    return this.pending === 0 && this.opts.storage.appendSync !== undefined
  }

  /** True when the store has a synchronous batch append. */
  get hasSyncAppend(): boolean {
    return this.opts.storage.appendSync !== undefined
  }

  /** Runs `task` after every task queued before it; a failure is logged and does not stop the queue. */
  serial(task: () => Promise<void>): Promise<void> {
    this.pending++
    const next = this.queue
      .then(task)
      .catch((err: unknown) => {
        this.opts.log.error({ room: this.opts.room, err }, 'room task failed')
      })
      .finally(() => {
        this.pending--
      })
    this.queue = next
    return next
  }

  /** Resolves once every task queued so far has run, and a compaction under way has ended. */
  async idle(): Promise<void> {
    await this.queue
    await this.compaction.idle()
  }

  /** Appends updates in one synchronous storage transaction (throws if the store failed or cannot). */
  appendSync(updates: Uint8Array[]): void {
    const { storage } = this.opts
    if (!storage.appendSync) throw new Error('storage has no synchronous append')
    const end = this.appendTimer.startTimer()
    try {
      storage.appendSync(this.opts.room, updates)
    } finally {
      end()
    }
    let bytes = 0
    for (const u of updates) bytes += u.length
    this.counted(updates.length, bytes)
  }

  /** True when the store writes `update` off the main thread (`appendStaged`): it is big, and the store can. */
  stagesAppend(update: Uint8Array): boolean {
    return update.length >= STAGED_APPEND_BYTES && this.opts.storage.stageAppend !== undefined && this.opts.storage.commitAppend !== undefined
  }

  /**
   * Appends one big update written by the store off the main thread, then made durable and visible
   * by one small synchronous commit (storage/stagedAppend.ts); appended here as usual when the store
   * has no thread for it. `lend`: its memory is handed to the thread and back (detached meanwhile);
   * the bytes to use afterwards are returned. Call it from the serial queue. Throws if it could not
   * be stored.
   */
  async appendStaged(update: Uint8Array, lend: boolean): Promise<Uint8Array> {
    const { storage, room } = this.opts
    const end = this.appendTimer.startTimer()
    const { staged, update: bytes } = await storage.stageAppend!(room, update, lend).finally(end)
    if (staged === null) this.appendSync([bytes])
    else {
      storage.commitAppend!(room, staged, bytes.length)
      this.counted(1, bytes.length)
    }
    return bytes
  }

  /** True when the store has an asynchronous batch append (one transaction per batch). */
  get hasBatchAppend(): boolean {
    return this.opts.storage.appendBatch !== undefined
  }

  /** Appends updates in one storage transaction (throws if the store failed). Call it from the serial queue. */
  async appendBatch(updates: Uint8Array[]): Promise<void> {
    const { storage } = this.opts
    if (!storage.appendBatch) throw new Error('storage has no batch append')
    const end = this.appendTimer.startTimer()
    try {
      await storage.appendBatch(this.opts.room, updates)
    } finally {
      end()
    }
    let bytes = 0
    for (const u of updates) bytes += u.length
    this.counted(updates.length, bytes)
  }

  /** Appends one update (throws if the store failed). Call it from the serial queue. */
  async append(update: Uint8Array): Promise<void> {
    const end = this.appendTimer.startTimer()
    try {
      await this.opts.storage.append(this.opts.room, update)
    } finally {
      end()
    }
    this.counted(1, update.length)
  }

  /** Takes a stored update out of the log again (it did not apply). Call it from the serial queue. */
  async discard(update: Uint8Array): Promise<void> {
    await this.opts.storage.discard(this.opts.room, update)
    this.stored.rewrites++
    this.stored.rows = Math.max(0, this.stored.rows - 1)
    this.stored.bytes = Math.max(0, this.stored.bytes - update.length)
  }

  /** Rewrites the log without the structs that wait for something missing (RoomCompaction.purgePending). Call it from the serial queue. */
  purgePending(): Promise<void> {
    return this.compaction.purgePending()
  }

  /** Rewrites the log as one snapshot of `doc` (built off the main thread when the store can; returned). Call it from the serial queue. */
  compact(doc: Y.Doc, offThread = true): Promise<Uint8Array> {
    return this.compaction.compact(doc, offThread)
  }

  /** Rewrites the log as one snapshot built off the main thread from the log alone (null: the store cannot). Call it from the serial queue. */
  compactFromLog(): Promise<Uint8Array | null> {
    return this.compaction.compactFromLog()
  }

  /** Rewrites the log as one snapshot of `doc` and records it as a version. Call it from the serial queue. */
  saveVersion(doc: Y.Doc, version: NewVersion): Promise<VersionInfo> {
    return this.compaction.saveVersion(doc, version)
  }

  /** The room's state as its stored log holds it, built off the main thread (null when the store cannot). Call it from the serial queue. */
  async snapshotFromLog(): Promise<Uint8Array | null> {
    const { storage, room, log } = this.opts
    try {
      return (await storage.snapshotOffThread?.(room)) ?? null
    } catch (err) {
      log.warn({ room, err }, 'the stored log could not be read off the main thread')
      return null
    }
  }

  /** Stops a pending quiet-moment compaction (the room is going away). */
  dispose(): void {
    this.stored.disposed = true
    this.compaction.dispose()
  }

  private counted(rows: number, bytes: number): void {
    this.stored.rows += rows
    this.stored.bytes += bytes
    this.compaction.grew()
  }
}
