import type { Database as DB, Statement } from 'better-sqlite3'
import path from 'node:path'
import * as Y from 'yjs'
import type { Asset, HistoryUpdate, NewVersion, StagedCompaction, Storage, VersionInfo } from './Storage'
import { SqliteHistory } from './sqliteHistory'
import { type Migration, migrations } from './migrations'
import { openDatabase } from './openDatabase'
import { checksumOf, DamagedRoomError, isIntactRow } from './integrity'
import { SnapshotWorker } from './snapshotWorker'
import { WalCheckpoints } from './walCheckpoints'
import { cleanStagedCompactions, joinParts, VISIBLE_LOG } from './stagedCompaction'
import { WriteGate } from './writeGate'
import { StagedAppends } from './stagedAppend'

export const DATABASE_FILE = 'tessera.sqlite'

/**
 * SQLite storage (better-sqlite3) in `<dataDir>/tessera.sqlite`.
 *
 * WAL with synchronous=NORMAL: a committed write is in the WAL before `append` returns, so it
 * survives the process being killed (kill -9, crash); only an OS crash or power loss can drop
 * the last few transactions. FULL would fsync every update — milliseconds per keystroke under
 * load — for protection a collaborative editor does not need: clients still hold their edits
 * and re-send them on reconnect.
 *
 * SQLite's automatic checkpoint is off; walCheckpoints.ts says what runs instead.
 */
export class SqliteStorage implements Storage {
  readonly db: DB
  private readonly selectRoom: Statement<[{ room: string }], { id: number; data: Buffer; crc: number | null; part_of: number | null; more: number }>
  private readonly insert: Statement<[string, Uint8Array, number, number]>
  private readonly insertSnapshot: Statement<[string, Uint8Array, number, number]>
  private readonly setChecksum: Statement<[number, number]>
  private readonly history: SqliteHistory
  private readonly deleteRoom: Statement<[string]>
  private readonly commitStaged: Statement<[number]>
  private readonly dropCommitted: Statement<[string]>
  private readonly deleteUpdate: Statement<[string, Uint8Array]>
  private readonly statRoom: Statement<[{ room: string }], { n: number; bytes: number | null }>
  /** started at the first compaction (none in processes that never compact, e.g. CLI commands) */
  private snapshots: SnapshotWorker | null | undefined
  private readonly useSnapshotWorker: boolean
  /** shutting down: compactions are written by the main thread again (see Storage.shuttingDown) */
  private stopping = false
  /** WAL checkpoints after commits (walCheckpoints.ts) */
  private readonly checkpoints: WalCheckpoints
  /** raised around the main connection's frequent writes, so the snapshot worker's writes wait for them */
  private readonly gate = new WriteGate()
  /** big updates written in parts off the main thread (stagedAppend.ts) */
  private readonly appends: StagedAppends

  /** `now`: the clock of history timestamps (tests inject one); defaults to Date.now */
  constructor(dataDir: string, opts: { migrations?: Migration[]; checkpointWorker?: boolean; now?: () => number } = {}) {
    this.db = openDatabase(dataDir, path.join(dataDir, DATABASE_FILE), opts.migrations ?? migrations)
    // a process that ended while compacting left staged or replaced rows (invisible): remove them first
    cleanStagedCompactions(this.db)
    this.selectRoom = this.db.prepare(`SELECT id, data, crc, part_of, more FROM updates WHERE ${VISIBLE_LOG} ORDER BY id`)
    this.insert = this.db.prepare('INSERT INTO updates (room, data, created_at, crc) VALUES (?, ?, ?, ?)')
    this.insertSnapshot = this.db.prepare('INSERT INTO updates (room, data, created_at, snapshot, crc) VALUES (?, ?, ?, 1, ?)')
    this.setChecksum = this.db.prepare('UPDATE updates SET crc = ? WHERE id = ? AND crc IS NULL')
    this.history = new SqliteHistory(this.db)
    this.now = opts.now ?? Date.now
    this.deleteRoom = this.db.prepare('DELETE FROM updates WHERE room = ?')
    this.commitStaged = this.db.prepare('UPDATE compactions SET done = 1 WHERE id = ? AND done = 0')
    // once every row of the room is rewritten, a committed compaction has nothing left to delete
    this.dropCommitted = this.db.prepare('DELETE FROM compactions WHERE room = ? AND done = 1')
    this.deleteUpdate = this.db.prepare('DELETE FROM updates WHERE room = ? AND data = ?')
    // a snapshot cut into parts is one entry
    this.statRoom = this.db.prepare(
      `SELECT COUNT(DISTINCT CASE WHEN part_of IS NULL THEN id ELSE -part_of END) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE ${VISIBLE_LOG}`,
    )
    this.appendMany = this.db.transaction((room: string, updates: readonly Uint8Array[], now: number) => {
      for (const u of updates) this.insert.run(room, u, now, checksumOf(u))
    })
    this.useSnapshotWorker = opts.checkpointWorker !== false
    this.appends = new StagedAppends(this.db, this.gate)
    this.checkpoints = new WalCheckpoints(this.db, this.gate, opts.checkpointWorker !== false)
  }

  private readonly appendMany: (room: string, updates: readonly Uint8Array[], now: number) => void
  private readonly now: () => number

  /**
   * Every row is verified first (its CRC-32, or for rows older than checksums, that it decodes):
   * a damaged room throws DamagedRoomError and nothing of it is served or rewritten.
   */
  async load(room: string): Promise<Uint8Array | null> {
    const rows = this.selectRoom.all({ room })
    if (rows.length === 0) return null
    const bad = rows.filter((r) => !isIntactRow(r.data, r.crc)).map((r) => r.id)
    if (bad.length > 0) throw new DamagedRoomError(room, `row${bad.length > 1 ? 's' : ''} ${bad.slice(0, 10).join(', ')} of ${rows.length} failed verification`)
    // Rows from before checksums were verified by decoding just now: record their checksum once.
    for (const r of rows) if (r.crc === null) this.setChecksum.run(checksumOf(r.data), r.id)
    const joined = joinParts(rows.map((r) => ({ ...r, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) })))
    if (joined.incomplete > 0) throw new DamagedRoomError(room, `a snapshot stored in parts is missing its last part`)
    const updates = joined.entries.map((e) => e.data)
    if (updates.length === 1) return updates[0]!
    try {
      return Y.mergeUpdates(updates)
    } catch (err) {
      throw new DamagedRoomError(room, `its ${rows.length} rows do not merge (${(err as Error).message})`)
    }
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.appendSync(room, [update])
  }

  /** Appends the updates in order in one transaction (one commit, one WAL sync point). */
  appendSync(room: string, updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return
    const now = this.now()
    this.gate.around(() => {
      if (updates.length === 1) this.insert.run(room, updates[0]!, now, checksumOf(updates[0]!))
      else this.appendMany(room, updates, now)
    })
    let bytes = 0
    for (const u of updates) bytes += u.length
    this.checkpoints.committed(now, bytes)
  }

  async discard(room: string, update: Uint8Array): Promise<void> {
    if (this.deleteUpdate.run(room, update).changes === 0) this.appends.discard(room, update)
    this.checkpoints.committed(Date.now())
  }

  /** A big update written in parts by a worker thread, invisible until `commitAppend` (stagedAppend.ts). */
  async stageAppend(room: string, update: Uint8Array, lend = false): Promise<{ staged: number | null; update: Uint8Array }> {
    if (this.stopping || !this.useSnapshotWorker) return { staged: null, update }
    return this.appends.stage(room, update, this.now(), lend)
  }

  commitAppend(room: string, staged: number, bytes: number): void {
    this.appends.commit(room, staged, bytes)
    this.checkpoints.committed(Date.now(), bytes)
  }

  /** The room's log compacted by a worker thread (see snapshotWorker.ts). */
  async snapshotOffThread(room: string): Promise<Uint8Array | null> {
    const worker = this.snapshotWorker()
    return worker ? worker.snapshot(room) : null
  }

  /** The compaction worker, started on first need and again after it ended for being idle (null: none can run). */
  private snapshotWorker(): SnapshotWorker | null {
    if ((this.snapshots === undefined || this.snapshots?.retired) && this.db.open) this.snapshots = this.useSnapshotWorker ? SnapshotWorker.start(this.db.name, this.gate) : null
    return this.snapshots?.retired ? null : (this.snapshots ?? null)
  }

  /** The room's log as stored now, compacted and written staged by the worker thread (stagedCompaction.ts); appends go on meanwhile. */
  async stageCompaction(room: string, opts: { version?: boolean; bytes?: boolean } = {}): Promise<StagedCompaction | null> {
    if (this.stopping) return null
    const worker = this.snapshotWorker()
    return worker ? worker.stage(room, opts) : null
  }

  /** One small row changes: the staged rows become the room's state, the replaced ones invisible. */
  async commitCompaction(s: StagedCompaction): Promise<void> {
    if (this.gate.around(() => this.commitStaged.run(s.staged)).changes !== 1) throw new Error(`staged compaction ${s.staged} of room ${s.room} is gone`)
    this.checkpoints.wroteLarge(s.snapshotBytes)
    // the worker's connection wrote the snapshot and the history copy: they count toward asking the checkpoint worker
    this.checkpoints.committed(Date.now(), s.snapshotBytes + s.bytes)
  }

  /** The same commit, recording a version whose state was staged with it (`stageCompaction(room, { version: true })`). */
  async commitVersion(s: StagedCompaction, version: NewVersion): Promise<VersionInfo> {
    const info = this.gate.around(() =>
      this.db.transaction(() => {
        if (this.commitStaged.run(s.staged).changes !== 1) throw new Error(`staged compaction ${s.staged} of room ${s.room} is gone`)
        return this.history.addStagedVersion(s.room, s.staged, version)
      })(),
    )
    this.checkpoints.wroteLarge(2 * s.snapshotBytes)
    this.checkpoints.committed(Date.now(), 2 * s.snapshotBytes + s.bytes)
    return info
  }

  shuttingDown(): void {
    this.stopping = true
  }

  async finishCompaction(s: StagedCompaction): Promise<void> {
    const worker = this.snapshotWorker()
    if (!worker) throw new Error('no snapshot worker')
    await worker.finish(s.staged)
  }

  async compact(room: string, snapshot: Uint8Array): Promise<void> {
    this.db.transaction(() => this.replaceLog(room, snapshot))()
    this.checkpoints.wroteLarge(snapshot.length)
    this.checkpoints.committed(Date.now(), snapshot.length)
  }

  async saveVersion(room: string, snapshot: Uint8Array, version: NewVersion): Promise<VersionInfo> {
    const info = this.db.transaction(() => {
      this.replaceLog(room, snapshot)
      return this.history.addVersion(room, snapshot, version)
    })()
    this.checkpoints.wroteLarge(2 * snapshot.length)
    this.checkpoints.committed(Date.now(), 2 * snapshot.length)
    return info
  }

  async listVersions(room: string): Promise<VersionInfo[]> {
    return this.history.listVersions(room)
  }

  async loadVersion(room: string, id: number): Promise<Uint8Array | null> {
    return this.history.loadVersion(room, id)
  }

  async loadHistory(room: string, after: number | null, until: number | null): Promise<HistoryUpdate[]> {
    return this.history.loadHistory(room, after, until)
  }

  async deleteVersions(room: string, ids: readonly number[]): Promise<void> {
    this.history.deleteVersions(room, ids)
    this.checkpoints.committed(Date.now())
  }

  async pruneHistory(room: string, before: number): Promise<void> {
    this.history.pruneHistory(room, before)
    this.checkpoints.committed(Date.now())
  }

  async putAsset(room: string, asset: Asset): Promise<void> {
    this.history.putAsset(room, asset, this.now())
    this.checkpoints.committed(Date.now())
  }

  async loadAsset(room: string, hash: string): Promise<Asset | null> {
    return this.history.loadAsset(room, hash)
  }

  async assetTotals(): Promise<{ count: number; bytes: number }> {
    return this.history.assetTotals()
  }

  async listRooms(): Promise<string[]> {
    return this.history.listRooms()
  }

  async delete(room: string): Promise<void> {
    this.db.transaction(() => {
      this.deleteRoom.run(room)
      this.dropCommitted.run(room)
      this.history.deleteRoom(room)
    })()
    this.checkpoints.committed(Date.now())
  }

  /** The log becomes one snapshot row; the appended updates it replaces move to the history log. */
  private replaceLog(room: string, snapshot: Uint8Array): void {
    this.history.moveLog(room)
    this.deleteRoom.run(room)
    this.dropCommitted.run(room)
    this.insertSnapshot.run(room, snapshot, this.now(), checksumOf(snapshot))
  }

  async stats(room: string): Promise<{ updates: number; bytes: number }> {
    const row = this.statRoom.get({ room })
    return { updates: row?.n ?? 0, bytes: row?.bytes ?? 0 }
  }

  async close(): Promise<void> {
    await this.checkpoints.stop()
    await this.snapshots?.stop()
    await this.appends.stop()
    if (!this.db.open) return
    // Fold the WAL back into the main file so the data dir is one self-contained file at rest.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}
