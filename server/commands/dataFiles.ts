/**
 * Read-only access to a data directory for the admin commands, safe beside a running server:
 * SQLite (WAL) lets a reader see a consistent committed state while the server writes.
 */
import Database from 'better-sqlite3'
import type { Database as DB } from 'better-sqlite3'
import { existsSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { DATABASE_FILE } from '../storage/sqlite'
import { joinParts, joinVersionState, SELECT_VERSION_PARTS, VISIBLE_LOG } from '../storage/stagedCompaction'
import { CommandError } from './args'

/** Opens the data directory's database read-only; a missing one is a clear error. */
export function openReadOnly(dataDir: string): DB {
  const file = path.join(path.resolve(dataDir), DATABASE_FILE)
  if (!existsSync(file)) throw new CommandError(`no Tessera database in ${path.resolve(dataDir)} (expected ${DATABASE_FILE}); pass --data DIR`)
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    db.prepare('SELECT 1 FROM versions LIMIT 1').get()
    return db
  } catch (err) {
    throw new CommandError(`cannot read ${file}: ${(err as Error).message}`)
  }
}

/**
 * The room's token generation (raised when its owner revokes tokens), so that a token signed from
 * the command line is not born revoked: 0 when the data dir has no database (yet), the room no
 * record, or the database predates generations.
 */
export function tokenGeneration(dataDir: string, room: string): number {
  const file = path.join(path.resolve(dataDir), DATABASE_FILE)
  if (!existsSync(file)) return 0
  const db = openReadOnly(dataDir)
  try {
    const columns = new Set((db.prepare('PRAGMA table_info(rooms)').all() as Array<{ name: string }>).map((c) => c.name))
    if (!columns.has('token_gen')) return 0
    const row = db.prepare<[string], { token_gen: number }>('SELECT token_gen FROM rooms WHERE id = ?').get(room)
    return Number(row?.token_gen ?? 0)
  } finally {
    db.close()
  }
}

export interface RoomRow {
  room: string
  title: string
  versions: number
  bytes: number
  updatedAt: number | null
}

export function listRooms(db: DB): RoomRow[] {
  const visible = hasStagedCompactions(db) ? `WHERE ${VISIBLE_LOG.replaceAll('@room', 'names.room')}` : 'WHERE room = names.room'
  return db
    .prepare<[], RoomRow>(`
      WITH names AS (SELECT room FROM updates UNION SELECT room FROM versions UNION SELECT id AS room FROM rooms)
      SELECT names.room AS room,
             COALESCE((SELECT title FROM rooms WHERE id = names.room), '') AS title,
             (SELECT COUNT(*) FROM versions WHERE room = names.room) AS versions,
             COALESCE((SELECT SUM(LENGTH(data)) FROM updates ${visible}), 0) AS bytes,
             (SELECT MAX(created_at) FROM updates ${visible}) AS updatedAt
      FROM names ORDER BY names.room`)
    .all()
}

/** The room's live state (every stored update merged), or null for an unknown room. */
export function liveState(db: DB, room: string): Uint8Array | null {
  // a server compacting beside the log writes rows that are not (or no longer) part of it: see stagedCompaction.ts
  const rows = hasStagedCompactions(db)
    ? db.prepare<[{ room: string }], { data: Buffer; part_of: number | null; more: number }>(`SELECT data, part_of, more FROM updates WHERE ${VISIBLE_LOG} ORDER BY id`).all({ room })
    : db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY id').all(room).map((r) => ({ ...r, part_of: null, more: 0 }))
  if (rows.length === 0) return null
  return Y.mergeUpdates(joinParts(rows.map((r) => ({ ...r, data: new Uint8Array(r.data) }))).entries.map((e) => e.data))
}

/** false for a database from before staged compactions (read-only commands do not migrate it) */
function hasStagedCompactions(db: DB): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'compactions'").get() !== undefined
}

/** A version's state by id, or the newest version taken at or before `at` (ms). */
export function versionState(db: DB, room: string, pick: { id: number } | { at: number }): { id: number; at: number; state: Uint8Array } | null {
  const row =
    'id' in pick
      ? db.prepare<[string, number], { id: number; at: number; state: Buffer }>('SELECT id, at, state FROM versions WHERE room = ? AND id = ?').get(room, pick.id)
      : db.prepare<[string, number], { id: number; at: number; state: Buffer }>('SELECT id, at, state FROM versions WHERE room = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1').get(room, pick.at)
  return row ? { id: row.id, at: row.at, state: versionBytes(db, row.id, row.state) } : null
}

/** A version's state: in its row, or (saved off the main thread) in parts it names (stagedCompaction.ts). */
function versionBytes(db: DB, id: number, state: Buffer): Uint8Array {
  const columns = new Set((db.prepare('PRAGMA table_info(versions)').all() as Array<{ name: string }>).map((c) => c.name))
  const named = columns.has('state_parts') ? db.prepare<[number], { state_parts: number | null }>('SELECT state_parts FROM versions WHERE id = ?').get(id)?.state_parts : null
  if (named === null || named === undefined) return new Uint8Array(state)
  const parts = db.prepare<[number], { data: Buffer; part_of: number; more: number }>(SELECT_VERSION_PARTS).all(named)
  const joined = joinVersionState(parts.map((p) => ({ ...p, data: new Uint8Array(p.data) })))
  if (!joined) throw new CommandError(`version ${id}: its stored state is incomplete`)
  return joined
}
