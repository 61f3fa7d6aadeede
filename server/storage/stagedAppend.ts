/**
 * Big appends written off the main thread (SQLite). A 4 MB paste appended on the main connection
 * held the event loop for 10–100 ms (SQLite copies the row into the WAL): every other room's
 * relays waited, because a relay follows its update's append. Instead a worker thread (a second
 * snapshot worker, so a long compaction on the first does not delay the room) writes the update
 * beside the log in parts of at most PART_BYTES, each in its own short transaction, marked
 * `part_of` = a record in `compactions` with `done = 0` and `up_to = 0` (it replaces nothing): the
 * parts are invisible to every reader meanwhile (VISIBLE_LOG). The room's queue waits, so nothing
 * of the room is appended in between and the parts are the log's last entry; the main thread then
 * commits with one small transaction that deletes the record, once it has checked every part is
 * there. Only then is the update applied and relayed, as any other (durable first).
 *
 * A process killed before the commit leaves the record (its parts are removed at the next start,
 * cleanStagedCompactions): the update is wholly absent and was never relayed. Killed after it,
 * the update is wholly there. Readers join the parts (joinParts; `stats` counts them as one entry;
 * a compaction moves them to history as one update).
 */
import type { Database, Statement } from 'better-sqlite3'
import { PART_BYTES } from './stagedCompaction'
import { SnapshotWorker } from './snapshotWorker'
import type { WriteGate } from './writeGate'

export class StagedAppends {
  /** started at the first big append; null when it cannot run (then appends stay on the main thread) */
  private worker: SnapshotWorker | null | undefined
  private closed = false
  private readonly partsOf: Statement<[number, string], { n: number; bytes: number | null }>
  private readonly dropRecord: Statement<[number, string]>
  private readonly dropParts: Statement<{ room: string; head: Uint8Array }>

  constructor(
    private readonly db: Database,
    private readonly gate: WriteGate,
  ) {
    this.partsOf = db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE part_of = ? AND room = ? AND snapshot = 0')
    this.dropRecord = db.prepare('DELETE FROM compactions WHERE id = ? AND room = ? AND done = 0 AND up_to = 0')
    // an update written in parts is found by its first part (the bytes and a following part)
    this.dropParts = db.prepare(
      'DELETE FROM updates WHERE room = @room AND part_of IN (SELECT part_of FROM updates WHERE room = @room AND snapshot = 0 AND more = 1 AND data = @head)',
    )
  }

  /** Writes `update` in parts off the main thread (its memory lent to the worker when `lend`); see Storage.stageAppend. */
  async stage(room: string, update: Uint8Array, at: number, lend: boolean): Promise<{ staged: number | null; update: Uint8Array }> {
    const worker = this.current()
    if (!worker) return { staged: null, update }
    let back: { staged?: number; bytes: Uint8Array }
    try {
      back = await worker.append(room, update, at, lend)
    } catch (err) {
      // the worker is gone: bytes that were lent to it (their view reads 0 bytes now) are lost with it
      if (update.byteLength === 0) throw err
      return { staged: null, update }
    }
    return { staged: back.staged ?? null, update: back.bytes }
  }

  /** Makes the staged update visible (one small row deleted), after checking its parts hold `bytes`; throws otherwise. */
  commit(room: string, staged: number, bytes: number): void {
    const committed = this.gate.around(() =>
      this.db.transaction(() => {
        const parts = this.partsOf.get(staged, room)
        if (!parts || parts.n !== Math.ceil(bytes / PART_BYTES) || parts.bytes !== bytes) return false
        return this.dropRecord.run(staged, room).changes === 1
      })(),
    )
    if (committed) return
    // its parts are removed off the main thread (or at the next start)
    void this.current()?.finish(staged).catch(() => undefined)
    throw new Error(`staged update ${staged} of room ${room} is gone or incomplete`)
  }

  /** Removes the log entry of an update stored in parts (`discard`); the rows deleted. */
  discard(room: string, update: Uint8Array): number {
    if (update.length <= PART_BYTES) return 0
    return this.dropParts.run({ room, head: update.subarray(0, PART_BYTES) }).changes
  }

  async stop(): Promise<void> {
    this.closed = true
    await this.worker?.stop()
  }

  /** The worker, started on first need and again after it ended for being idle (workerIdle.ts). */
  private current(): SnapshotWorker | null {
    if ((this.worker === undefined || this.worker?.retired) && !this.closed) this.worker = SnapshotWorker.start(this.db.name, this.gate, { urgent: true })
    return this.worker?.retired ? null : (this.worker ?? null)
  }
}
