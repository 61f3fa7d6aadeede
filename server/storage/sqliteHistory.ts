import type { Database, Statement } from 'better-sqlite3'
import type { Asset, HistoryUpdate, NewVersion, VersionInfo } from './Storage'
import { bytes, versionFromRow, type VersionRow } from './rows'
import { joinParts, joinVersionState, NOT_STAGING, SELECT_VERSION_PARTS, VISIBLE_LOG } from './stagedCompaction'

/**
 * The history half of SQLite storage (versions, the history log, assets), on the tables made by
 * the 'history' migration. Kept apart from the live log so read-only tools (the CLI) can use it
 * on a connection of their own.
 */
export function migrateHistory(db: Database): void {
  db.exec(`
    ALTER TABLE updates ADD COLUMN snapshot INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX history_room_id ON history (room, id);
    CREATE TABLE versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      at INTEGER NOT NULL,
      label TEXT,
      by TEXT NOT NULL,
      items INTEGER NOT NULL,
      changes TEXT NOT NULL,
      state BLOB NOT NULL,
      -- the largest history id when the version was saved: its span of the log ends there
      log_end INTEGER NOT NULL
    );
    CREATE INDEX versions_room_id ON versions (room, id);
    CREATE TABLE assets (
      room TEXT NOT NULL,
      hash TEXT NOT NULL,
      type TEXT NOT NULL,
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (room, hash)
    );
  `)
}

/** Prepared statements over the history tables of one connection. */
export class SqliteHistory {
  private readonly moveToHistory: Statement<[{ room: string }]>
  private readonly lastHistoryId: Statement<[], { seq: number }>
  private readonly insertVersion: Statement<[string, number, string | null, string, number, string, Uint8Array, number]>
  private readonly selectVersions: Statement<[string], VersionRow>
  private readonly selectVersionState: Statement<[string, number], { state: Buffer; state_parts: number | null }>
  private readonly selectVersionParts: Statement<[number], { data: Buffer; part_of: number; more: number }>
  private readonly insertStagedVersion: Statement<[string, number, string | null, string, number, string, number, number]>
  private readonly deleteVersionParts: Statement<[string, number]>
  private readonly deleteRoomVersionParts: Statement<[string]>
  private readonly selectLogEnd: Statement<[string, number], { log_end: number }>
  private readonly selectHistory: Statement<[string, number, number], { data: Buffer; created_at: number; part_of: number | null; more: number }>
  private readonly deleteVersion: Statement<[string, number]>
  private readonly deleteHistoryBefore: Statement<[string, number]>
  private readonly insertAsset: Statement<[string, string, string, Uint8Array, number]>
  private readonly selectAsset: Statement<[string, string], { type: string; data: Buffer }>
  private readonly totals: Statement<[], { n: number; bytes: number | null }>
  private readonly selectRooms: Statement<[], { room: string }>
  private readonly deleteRoomRows: Statement<[string]>[]

  constructor(private readonly db: Database) {
    this.moveToHistory = db.prepare(
      // an update stored in parts (stagedAppend.ts) stays in parts, joined by readers as one
      `INSERT INTO history (room, data, created_at, part_of, more) SELECT room, data, created_at, part_of, more FROM updates WHERE ${VISIBLE_LOG} AND snapshot = 0 ORDER BY id`,
    )
    this.lastHistoryId = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'history'")
    this.insertVersion = db.prepare(
      'INSERT INTO versions (room, at, label, by, items, changes, state, log_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    this.selectVersions = db.prepare('SELECT id, at, label, by, items, changes FROM versions WHERE room = ? ORDER BY id DESC')
    this.selectVersionState = db.prepare('SELECT state, state_parts FROM versions WHERE room = ? AND id = ?')
    this.selectVersionParts = db.prepare(SELECT_VERSION_PARTS)
    this.insertStagedVersion = db.prepare(
      "INSERT INTO versions (room, at, label, by, items, changes, state, state_parts, log_end) VALUES (?, ?, ?, ?, ?, ?, x'', ?, ?)",
    )
    const partsOf = 'SELECT state_parts FROM versions WHERE room = ? AND state_parts IS NOT NULL'
    this.deleteVersionParts = db.prepare(`DELETE FROM version_parts WHERE part_of IN (${partsOf} AND id = ?)`)
    this.deleteRoomVersionParts = db.prepare(`DELETE FROM version_parts WHERE part_of IN (${partsOf})`)
    this.selectLogEnd = db.prepare('SELECT log_end FROM versions WHERE room = ? AND id = ?')
    this.selectHistory = db.prepare(`SELECT data, created_at, part_of, more FROM history WHERE room = ? AND id > ? AND id <= ? AND ${NOT_STAGING} ORDER BY id`)
    this.deleteVersion = db.prepare('DELETE FROM versions WHERE room = ? AND id = ?')
    this.deleteHistoryBefore = db.prepare('DELETE FROM history WHERE room = ? AND created_at < ?')
    this.insertAsset = db.prepare('INSERT OR IGNORE INTO assets (room, hash, type, data, created_at) VALUES (?, ?, ?, ?, ?)')
    this.selectAsset = db.prepare('SELECT type, data FROM assets WHERE room = ? AND hash = ?')
    this.totals = db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM assets')
    this.selectRooms = db.prepare(
      'SELECT room FROM updates UNION SELECT room FROM versions UNION SELECT room FROM history UNION SELECT room FROM assets ORDER BY room',
    )
    this.deleteRoomRows = ['history', 'versions', 'assets'].map((t) => db.prepare(`DELETE FROM ${t} WHERE room = ?`))
  }

  /** Moves the room's appended updates (not snapshots) to the history log; call inside the compaction's transaction. */
  moveLog(room: string): void {
    this.moveToHistory.run({ room })
  }

  /** Records a version; call inside the compaction's transaction, after moveLog. */
  addVersion(room: string, state: Uint8Array, v: NewVersion): VersionInfo {
    const logEnd = this.lastHistoryId.get()?.seq ?? 0
    const info = this.insertVersion.run(room, v.at, v.label, JSON.stringify(v.by), v.items, JSON.stringify(v.changes), state, logEnd)
    return { ...v, id: Number(info.lastInsertRowid) }
  }

  /**
   * Records a version whose state was staged in version_parts by compaction `staged`; call inside
   * the transaction that commits it (its history rows are in the log by then).
   */
  addStagedVersion(room: string, staged: number, v: NewVersion): VersionInfo {
    const logEnd = this.lastHistoryId.get()?.seq ?? 0
    const info = this.insertStagedVersion.run(room, v.at, v.label, JSON.stringify(v.by), v.items, JSON.stringify(v.changes), staged, logEnd)
    return { ...v, id: Number(info.lastInsertRowid) }
  }

  listVersions(room: string): VersionInfo[] {
    return this.selectVersions.all(room).map(versionFromRow)
  }

  loadVersion(room: string, id: number): Uint8Array | null {
    const row = this.selectVersionState.get(room, id)
    if (!row) return null
    if (row.state_parts === null) return bytes(row.state)
    const state = joinVersionState(this.selectVersionParts.all(row.state_parts).map((r) => ({ ...r, data: bytes(r.data) })))
    if (!state) throw new Error(`version ${id} of room ${room}: its stored state is incomplete`)
    return state
  }

  loadHistory(room: string, after: number | null, until: number | null): HistoryUpdate[] {
    const from = after === null ? 0 : this.selectLogEnd.get(room, after)?.log_end
    const to = until === null ? Number.MAX_SAFE_INTEGER : this.selectLogEnd.get(room, until)?.log_end
    if (from === undefined || to === undefined) return []
    const rows = this.selectHistory.all(room, from, to).map((r) => ({ ...r, data: bytes(r.data) }))
    return joinParts(rows).entries.map((e) => ({ at: e.row.created_at, data: e.data }))
  }

  deleteVersions(room: string, ids: readonly number[]): void {
    this.db.transaction(() => {
      for (const id of ids) {
        this.deleteVersionParts.run(room, id)
        this.deleteVersion.run(room, id)
      }
    })()
  }

  pruneHistory(room: string, before: number): void {
    this.deleteHistoryBefore.run(room, before)
  }

  putAsset(room: string, asset: Asset, now: number): void {
    this.insertAsset.run(room, asset.hash, asset.type, asset.data, now)
  }

  loadAsset(room: string, hash: string): Asset | null {
    const row = this.selectAsset.get(room, hash)
    return row ? { hash, type: row.type, data: bytes(row.data) } : null
  }

  assetTotals(): { count: number; bytes: number } {
    const row = this.totals.get()
    return { count: row?.n ?? 0, bytes: row?.bytes ?? 0 }
  }

  listRooms(): string[] {
    return this.selectRooms.all().map((r) => r.room)
  }

  /** Removes the room's history, versions and assets; call inside the room's delete transaction. */
  deleteRoom(room: string): void {
    this.deleteRoomVersionParts.run(room)
    for (const s of this.deleteRoomRows) s.run(room)
  }
}
