/**
 * A worker thread that builds a room's compacted snapshot from what SQLite holds, off the main
 * thread: it reads the room's log through its own connection (WAL: readers never wait for the
 * writer), applies the rows to a fresh document and encodes it, as compaction did from the live
 * document (deleted content garbage-collected the same way). Encoding a large document takes
 * seconds; on the main thread that stalled every room's relays (issue 16, row 5). For a version
 * (`snapshot`) the room's storage queue waits for the answer, so the snapshot holds exactly the log
 * it replaces. A plain compaction (`logSnapshot`) does not wait: the worker reads the rows as they
 * are at one moment and reports the last one, and only those are replaced (`compactUpTo`), so the
 * room goes on storing and relaying meanwhile.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { LOWER_OWN_PRIORITY } from '../workerPriority'

import type { LogSnapshot } from './Storage'

type Answer = { id: number; snapshot: Uint8Array | null; upTo?: number; rows?: number; bytes?: number; error?: string }

export class SnapshotWorker {
  private next = 1
  private readonly waiting = new Map<number, (a: Answer) => void>()
  private stopped = false

  private constructor(private readonly worker: Worker) {
    worker.on('message', (a: Answer) => {
      const done = this.waiting.get(a.id)
      this.waiting.delete(a.id)
      done?.(a)
    })
    const fail = (error: string) => {
      this.stopped = true
      for (const [id, done] of this.waiting) done({ id, snapshot: null, error })
      this.waiting.clear()
    }
    worker.on('error', (err) => fail(err.message))
    worker.on('exit', () => fail('snapshot worker exited'))
    worker.unref()
  }

  /** null for an in-memory database (no second connection can see it) or when the worker cannot start */
  static start(file: string): SnapshotWorker | null {
    if (file === ':memory:' || file === '') return null
    try {
      const req = createRequire(import.meta.url)
      const workerData = { sqlite: req.resolve('better-sqlite3'), yjs: req.resolve('yjs'), file }
      return new SnapshotWorker(new Worker(WORKER_SOURCE, { eval: true, workerData }))
    } catch {
      return null
    }
  }

  /** The room's stored log as one snapshot update; rejects when the worker failed (the caller falls back). */
  async snapshot(room: string): Promise<Uint8Array> {
    return (await this.logSnapshot(room)).snapshot
  }

  /** The same, with the last log entry it covers and how many entries and bytes it replaces. */
  async logSnapshot(room: string): Promise<LogSnapshot> {
    if (this.stopped) throw new Error('snapshot worker stopped')
    const id = this.next++
    this.worker.ref() // keeps the process alive while a compaction is under way
    try {
      const answer = await new Promise<Answer>((resolve) => {
        this.waiting.set(id, resolve)
        this.worker.postMessage({ id, room })
      })
      if (!answer.snapshot) throw new Error(answer.error ?? 'no snapshot')
      return { snapshot: answer.snapshot, upTo: answer.upTo ?? 0, rows: answer.rows ?? 0, bytes: answer.bytes ?? 0 }
    } finally {
      if (this.waiting.size === 0) this.worker.unref()
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await this.worker.terminate()
  }
}

const WORKER_SOURCE = `${LOWER_OWN_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlite)
const Y = require(workerData.yjs)
const db = new Database(workerData.file)
const rows = db.prepare('SELECT id, data FROM updates WHERE room = ? ORDER BY id')
parentPort.on('message', ({ id, room }) => {
  const doc = new Y.Doc()
  try {
    // one read transaction: the rows as they were at one moment (appends by the main connection go on)
    let upTo = 0, n = 0, bytes = 0
    for (const row of rows.all(room)) {
      Y.applyUpdate(doc, row.data)
      upTo = Math.max(upTo, row.id)
      n++
      bytes += row.data.length
    }
    const snapshot = Y.encodeStateAsUpdate(doc)
    parentPort.postMessage({ id, snapshot, upTo, rows: n, bytes }, [snapshot.buffer])
  } catch (err) {
    parentPort.postMessage({ id, snapshot: null, error: String(err && err.message || err) })
  } finally {
    doc.destroy()
  }
})
`
