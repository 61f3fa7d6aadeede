/**
 * A worker thread that builds a room's compacted snapshot from what SQLite holds, off the main
 * thread: it reads the room's log through its own connection (WAL: readers never wait for the
 * writer), applies the rows to a fresh document and encodes it, as compaction did from the live
 * document (deleted content garbage-collected the same way). Encoding a large document takes
 * seconds; on the main thread that stalled every room's relays (issue 16, row 5). For a version
 * (`snapshot`) the room's storage queue waits for the answer, so the snapshot holds exactly the log
 * it replaces. A plain compaction (`stage`) does not wait: the worker reads the rows as they are at
 * one moment and also writes the compaction's big rows, staged (invisible) and in short
 * transactions (stagedCompaction.ts), so the room goes on storing and relaying meanwhile and the
 * main thread only commits it with one small transaction; `finish` then deletes what it replaced
 * (or, when it was not committed, what it staged).
 * It ends after WORKER_IDLE_MS without a job (workerIdle.ts); its owner then starts a new one on the
 * next need (`retired` tells it apart from a worker that failed).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { SNAPSHOT_WORKER_SOURCE } from './snapshotWorkerSource'
import type { StagedCompaction } from './Storage'
import type { WriteGate } from './writeGate'
import { IdleEnd } from '../workerIdle'

type Answer = {
  id: number
  snapshot?: Uint8Array
  staged?: number
  upTo?: number
  rows?: number
  bytes?: number
  snapshotBytes?: number
  done?: boolean
  error?: string
  /** the bytes of an append, back from the worker */
  buf?: ArrayBuffer
}

export class SnapshotWorker {
  private next = 1
  private readonly waiting = new Map<number, (a: Answer) => void>()
  private stopped = false
  /** ended for having nothing to do: its owner starts a new one on the next need */
  retired = false
  private readonly idleEnd = new IdleEnd(() => {
    this.retired = true
    void this.stop()
  })

  private constructor(
    private readonly worker: Worker,
    gate: WriteGate | undefined,
  ) {
    worker.on('message', (a: Answer) => {
      const done = this.waiting.get(a.id)
      this.waiting.delete(a.id)
      done?.(a)
    })
    const fail = (error: string) => {
      this.stopped = true
      for (const [id, done] of this.waiting) done({ id, error })
      this.waiting.clear()
    }
    worker.on('error', (err) => fail(err.message))
    worker.on('exit', () => {
      gate?.release() // it may have been stopped inside a transaction
      fail('snapshot worker exited')
    })
    worker.unref()
    this.idleEnd.idle()
  }

  /**
   * `gate`: the main connection's writes go first (writeGate.ts); `urgent`: the thread keeps the
   * event loop's priority (workerPriority.ts; the worker of big appends, which a room's relays wait
   * for). Null for an in-memory database (no second connection can see it) or when it cannot start.
   */
  static start(file: string, gate?: WriteGate, opts: { urgent?: boolean } = {}): SnapshotWorker | null {
    if (file === ':memory:' || file === '') return null
    try {
      const req = createRequire(import.meta.url)
      const workerData = { sqlite: req.resolve('better-sqlite3'), yjs: req.resolve('yjs'), file, gate: gate?.shared, urgent: opts.urgent === true }
      return new SnapshotWorker(new Worker(SNAPSHOT_WORKER_SOURCE, { eval: true, workerData }), gate)
    } catch {
      return null
    }
  }

  /** The room's stored log as one snapshot update; rejects when the worker failed (the caller falls back). */
  async snapshot(room: string): Promise<Uint8Array> {
    const a = await this.ask({ op: 'snapshot', room })
    if (!a.snapshot) throw new Error(a.error ?? 'no snapshot')
    return a.snapshot
  }

  /**
   * Builds the room's log as stored now into a snapshot and writes it staged (invisible), with
   * `version` also as a version's state, with `bytes` returning the snapshot too; rejects when that failed.
   */
  async stage(room: string, opts: { version?: boolean; bytes?: boolean } = {}): Promise<StagedCompaction> {
    const a = await this.ask({ op: 'stage', room, version: opts.version === true, bytes: opts.bytes === true })
    if (a.staged === undefined) throw new Error(a.error ?? 'nothing staged')
    const staged: StagedCompaction = { room, staged: a.staged, upTo: a.upTo ?? 0, rows: a.rows ?? 0, bytes: a.bytes ?? 0, snapshotBytes: a.snapshotBytes ?? 0 }
    if (a.snapshot) staged.snapshot = a.snapshot
    return staged
  }

  /**
   * Writes one big update of `room` in parts beside the log, invisible (stagedAppend.ts); the
   * staged record's id once every part is written (undefined when that failed). The memory behind
   * `update` is lent to the worker when `lend` (it is detached meanwhile; `bytes` is its new view
   * after), else the update is copied for it. Rejects only when the worker is gone (lent bytes too).
   */
  async append(room: string, update: Uint8Array, at: number, lend: boolean): Promise<{ staged?: number; error?: string; bytes: Uint8Array }> {
    const offset = lend ? update.byteOffset : 0
    const length = update.byteLength
    const buf = lend ? (update.buffer as ArrayBuffer) : update.slice().buffer
    const a = await this.ask({ op: 'append', room, buf, offset, length, at }, [buf])
    if (!a.buf) throw new Error(a.error ?? 'the worker did not answer')
    return { staged: a.staged, error: a.error, bytes: lend ? new Uint8Array(a.buf, offset, length) : update }
  }

  /** Deletes what a committed compaction replaced, or what an uncommitted one staged; then its record. */
  async finish(staged: number): Promise<void> {
    const a = await this.ask({ op: 'finish', staged })
    if (!a.done) throw new Error(a.error ?? 'not finished')
  }

  private async ask(
    message: { op: string; room?: string; staged?: number; version?: boolean; bytes?: boolean; buf?: ArrayBuffer; offset?: number; length?: number; at?: number },
    transfer: ArrayBuffer[] = [],
  ): Promise<Answer> {
    if (this.stopped) throw new Error('snapshot worker stopped')
    const id = this.next++
    this.idleEnd.busy()
    this.worker.ref() // keeps the process alive while a compaction is under way
    try {
      return await new Promise<Answer>((resolve) => {
        this.waiting.set(id, resolve)
        this.worker.postMessage({ id, ...message }, transfer)
      })
    } finally {
      if (this.waiting.size === 0) {
        this.worker.unref()
        if (!this.stopped) this.idleEnd.idle()
      }
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.idleEnd.busy()
    await this.worker.terminate()
  }
}
