import Database from 'better-sqlite3'
import type { Database as DB, Statement } from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import type { Storage } from './Storage'
import { migrate, type Migration, migrations } from './migrations'

export const DATABASE_FILE = 'tessera.sqlite'

/**
 * SQLite storage (better-sqlite3) in `<dataDir>/tessera.sqlite`.
 *
 * WAL with synchronous=NORMAL: a committed write is in the WAL before `append` returns, so it
 * survives the process being killed (kill -9, crash); only an OS crash or power loss can drop
 * the last few transactions. FULL would fsync every update — milliseconds per keystroke under
 * load — for protection a collaborative editor does not need: clients still hold their edits
 * and re-send them on reconnect.
 */
export class SqliteStorage implements Storage {
  readonly db: DB
  private readonly selectRoom: Statement<[string], { data: Buffer }>
  private readonly insert: Statement<[string, Uint8Array, number]>
  private readonly deleteRoom: Statement<[string]>
  private readonly statRoom: Statement<[string], { n: number; bytes: number | null }>

  constructor(dataDir: string, opts: { migrations?: Migration[] } = {}) {
    mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, DATABASE_FILE))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db, opts.migrations ?? migrations)
    this.selectRoom = this.db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY id')
    this.insert = this.db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)')
    this.deleteRoom = this.db.prepare('DELETE FROM updates WHERE room = ?')
    this.statRoom = this.db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE room = ?')
  }

  async load(room: string): Promise<Uint8Array | null> {
    const rows = this.selectRoom.all(room)
    if (rows.length === 0) return null
    const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength))
    if (updates.length === 1) return updates[0]!
    try {
      return Y.mergeUpdates(updates)
    } catch {
      // A row that does not decode (never written by us, but disks and people happen): keep the rest.
      return Y.mergeUpdates(updates.filter(isDecodable))
    }
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    this.insert.run(room, update, Date.now())
  }

  async compact(room: string, snapshot: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.deleteRoom.run(room)
      this.insert.run(room, snapshot, Date.now())
    })()
  }

  async delete(room: string): Promise<void> {
    this.deleteRoom.run(room)
  }

  async stats(room: string): Promise<{ updates: number; bytes: number }> {
    const row = this.statRoom.get(room)
    return { updates: row?.n ?? 0, bytes: row?.bytes ?? 0 }
  }

  async close(): Promise<void> {
    if (!this.db.open) return
    // Fold the WAL back into the main file so the data dir is one self-contained file at rest.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}

function isDecodable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update)
    return true
  } catch {
    return false
  }
}
