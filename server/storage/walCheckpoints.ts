import type { Database as DB } from 'better-sqlite3'
import { CheckpointWorker } from './checkpointWorker'
import type { WriteGate } from './writeGate'

/**
 * When the SQLite WAL is checkpointed (copied into the main file), for one connection.
 *
 * SQLite's automatic checkpoint (WAL → main file, with fsyncs) runs inside whichever commit
 * crosses 1,000 WAL pages: a 10–100 ms stall of the event loop (about 7 µs per WAL page plus two
 * fsyncs) every few hundred appends in a busy room. It is off. Instead a worker thread with its
 * own connection runs PASSIVE checkpoints every `WORKER_CHECKPOINT_COMMITS` commits, beside our
 * writes (WAL lets a checkpointer and a writer work at once). The WAL file can only start over
 * once every frame is checkpointed, which a checkpoint running beside continuous writes rarely
 * sees, so the connection also checkpoints itself once writes have paused for a moment, or after
 * `CHECKPOINT_MAX_COMMITS` commits in a server that never pauses; by then the worker has copied
 * nearly everything and that checkpoint is short.
 */
export class WalCheckpoints {
  private commitsSinceCheckpoint = 0
  private commitsSinceWorker = 0
  private bytesSinceWorker = 0
  private lastCommit = 0
  private checkpointTimer: NodeJS.Timeout | null = null
  /** a large snapshot was written since the last truncating checkpoint */
  private truncateNext = false
  /** large writes so far (a truncation asked for before the last one does not cover it) */
  private largeWrites = 0
  /** started by the first WORKER_CHECKPOINT_COMMITS commits (an idle server has no thread for it); false: never */
  private worker: CheckpointWorker | null | false

  /** `useWorker` false: every checkpoint runs on this thread (CLI commands, tests) */
  constructor(
    private readonly db: DB,
    private readonly gate: WriteGate,
    useWorker: boolean,
  ) {
    this.worker = useWorker ? null : false
  }

  /**
   * A snapshot of a large document went through the WAL (issue 16, row 5): the next quiet
   * checkpoint truncates the WAL file instead of leaving it at that size until the next write.
   */
  wroteLarge(bytes: number): void {
    if (bytes < TRUNCATE_AFTER_BYTES) return
    this.truncateNext = true
    this.largeWrites++
  }

  /**
   * Counts a commit (of about `bytes`) and makes sure a checkpoint follows: soon after writes
   * pause, or now if overdue. The worker is asked every WORKER_CHECKPOINT_COMMITS commits, or
   * as soon as WORKER_CHECKPOINT_BYTES went into the WAL (a 4 MB paste): what it copies, the
   * quiet checkpoint on this thread does not have to.
   */
  committed(now: number, bytes = 0): void {
    this.lastCommit = now
    if (++this.commitsSinceCheckpoint >= CHECKPOINT_MAX_COMMITS) return this.checkpoint()
    this.bytesSinceWorker += bytes
    if (this.worker !== false && (++this.commitsSinceWorker >= WORKER_CHECKPOINT_COMMITS || this.bytesSinceWorker >= WORKER_CHECKPOINT_BYTES)) {
      // a worker that cannot start is not tried again: the main connection's checkpoints bound the WAL
      if (this.worker === null || this.worker.retired) this.worker = CheckpointWorker.start(this.db.name, this.gate) ?? false
      if (this.worker && this.worker.request()) this.commitsSinceWorker = this.bytesSinceWorker = 0
    }
    this.checkpointTimer ??= setTimeout(() => this.checkpointWhenQuiet(), CHECKPOINT_QUIET_MS).unref()
  }

  private checkpointWhenQuiet(): void {
    this.checkpointTimer = null
    const quietFor = Date.now() - this.lastCommit
    if (quietFor >= CHECKPOINT_QUIET_MS) this.checkpoint()
    else this.checkpointTimer = setTimeout(() => this.checkpointWhenQuiet(), CHECKPOINT_QUIET_MS - quietFor).unref()
  }

  private checkpoint(): void {
    this.commitsSinceCheckpoint = 0
    this.commitsSinceWorker = this.bytesSinceWorker = 0
    if (!this.db.open) return
    // the checkpoint worker, once started, does the quiet checkpoints too: on this thread they stalled every room
    if (this.worker && !this.worker.retired) return this.checkpointOnWorker(this.worker)
    try {
      if (this.truncateNext && this.checkpointTruncate()) this.truncateNext = false
      else this.db.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // A failed checkpoint loses nothing (the WAL keeps every commit); the next one retries.
    }
    // a truncation that could not run now (a reader held the WAL) is tried again when quiet
    if (this.truncateNext) this.checkpointTimer ??= setTimeout(() => this.checkpointWhenQuiet(), CHECKPOINT_QUIET_MS).unref()
  }

  private checkpointOnWorker(worker: CheckpointWorker): void {
    if (!this.truncateNext) return void worker.request()
    const asked = this.largeWrites
    void worker.truncate().then((cut) => {
      if (cut && asked === this.largeWrites) this.truncateNext = false
      // not cut (a reader held the WAL, or the worker was busy): tried again when quiet
      else if (this.db.open) this.checkpointTimer ??= setTimeout(() => this.checkpointWhenQuiet(), CHECKPOINT_QUIET_MS).unref()
    })
  }

  /**
   * Checkpoints everything and cuts the WAL file to zero bytes, without waiting: if a reader (the
   * checkpoint worker, a backup) holds the WAL, it answers busy at once instead of blocking the
   * event loop for up to busy_timeout; true when the WAL was truncated.
   */
  private checkpointTruncate(): boolean {
    this.db.pragma('busy_timeout = 0')
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
      return result?.busy === 0
    } finally {
      this.db.pragma('busy_timeout = 5000')
    }
  }

  /** no more checkpoints from here: the timer cleared, the worker ended (the caller then closes the database) */
  async stop(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = null
    if (this.worker) await this.worker.stop()
    this.worker = false
  }
}

/** writes must have paused this long before this connection checkpoints… */
const CHECKPOINT_QUIET_MS = 500
/** …unless this many commits are not checkpointed yet (about 50 MB of WAL for small updates) */
const CHECKPOINT_MAX_COMMITS = 4_000
/** a snapshot this large makes the next quiet checkpoint truncate the WAL file */
const TRUNCATE_AFTER_BYTES = 4 * 1024 * 1024
/** the worker checkpoints every this many commits… */
const WORKER_CHECKPOINT_COMMITS = 300
/** …or once this many bytes were committed */
const WORKER_CHECKPOINT_BYTES = 4 * 1024 * 1024
