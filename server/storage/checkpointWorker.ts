/**
 * A worker thread with its own connection to the database that checkpoints the WAL when asked,
 * one checkpoint at a time, so the copying and fsyncs happen off the event loop: `request` runs
 * `wal_checkpoint(PASSIVE)`; `truncate` runs one too and then cuts the WAL file to zero bytes
 * (`TRUNCATE`, without waiting for readers). A truncating checkpoint keeps writers out while it
 * runs, so it holds the write gate shared with the main thread (writeGate.ts): an append that
 * comes meanwhile is woken the moment it ends, and by then the passive one has copied nearly
 * everything. On the main thread the truncation after a large write stalled every room for
 * 90–150 ms (24 MB board, profile at load ~15). Started once the storage has had enough commits
 * (a thread with its own V8 heap and SQLite connection is 6–8 MB of RSS an idle server does
 * without); never keeps the process alive. Ends after WORKER_IDLE_MS without a checkpoint
 * (workerIdle.ts, `retired`): the storage then checkpoints on its own connection, as before it had
 * one, until enough commits start a new one.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { LOWER_OWN_PRIORITY } from '../workerPriority'
import { WITH_GATE_SOURCE, type WriteGate } from './writeGate'
import { IdleEnd } from '../workerIdle'

export class CheckpointWorker {
  private busy = false
  private stopped = false
  private waiting: ((truncated: boolean) => void) | null = null
  /** ended for having nothing to do (not a failure) */
  retired = false
  private readonly idleEnd = new IdleEnd(() => {
    this.retired = true
    void this.stop()
  })

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { truncated?: boolean }) => {
      this.busy = false
      if (!this.stopped) this.idleEnd.idle()
      const done = this.waiting
      this.waiting = null
      done?.(m.truncated === true)
    })
    // A failed checkpoint loses nothing (the WAL keeps every commit); without the worker the
    // main connection's own checkpoints still bound the WAL.
    const gone = () => {
      this.stopped = true
      this.waiting?.(false)
      this.waiting = null
    }
    worker.on('error', gone)
    worker.on('exit', gone)
    worker.unref()
    this.idleEnd.idle()
  }

  static start(file: string, gate?: WriteGate): CheckpointWorker | null {
    if (file === ':memory:' || file === '') return null
    try {
      const module = createRequire(import.meta.url).resolve('better-sqlite3')
      return new CheckpointWorker(new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file, gate: gate?.shared } }))
    } catch {
      return null
    }
  }

  /** True when it can be asked (alive, not checkpointing). */
  get ready(): boolean {
    return !this.busy && !this.stopped
  }

  /** Asks for a passive checkpoint; false if one is still running (or the worker is gone). */
  request(): boolean {
    if (!this.ready) return false
    this.busy = true
    this.idleEnd.busy()
    this.worker.postMessage('checkpoint')
    return true
  }

  /** A passive checkpoint, then the WAL cut to zero; resolves true when it was (false: busy, a reader held the WAL, or gone). */
  truncate(): Promise<boolean> {
    if (!this.ready) return Promise.resolve(false)
    this.busy = true
    this.idleEnd.busy()
    return new Promise((resolve) => {
      this.waiting = resolve
      this.worker.postMessage('truncate')
    })
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.idleEnd.busy()
    await this.worker.terminate()
  }
}

const WORKER_SOURCE = `${LOWER_OWN_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file)
db.pragma('wal_autocheckpoint = 0')
const gate = workerData.gate ? new Int32Array(workerData.gate) : null
${WITH_GATE_SOURCE}
parentPort.on('message', (op) => {
  let truncated = false
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
    if (op === 'truncate') {
      db.pragma('busy_timeout = 0')
      const cut = () => db.pragma('wal_checkpoint(TRUNCATE)')[0]
      const result = gate ? withGate(gate, cut) : cut()
      truncated = !!result && result.busy === 0
    }
  } catch {}
  parentPort.postMessage({ truncated })
})
`
