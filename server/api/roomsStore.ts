/**
 * Room records (title, access, timestamps) in the `rooms` table of the server's SQLite database.
 * The document itself lives in the storage layer; this table only holds what the REST API manages.
 * No token is ever stored: tokens are verified with the signing secret alone.
 */
import type { Database, Statement } from 'better-sqlite3'
import { isRoomAccess, type RoomAccess } from '../auth/access'

export interface RoomRecord {
  id: string
  title: string
  access: RoomAccess
  /** true: the short code alone opens a link-shared board; false: only the link secret does */
  codeAccess: boolean
  /** the nonce the room's link secret is derived from (server/auth/linkSecret.ts); '' for old rooms */
  linkNonce: string
  /** editor and viewer tokens issued for an older generation are revoked (server/auth/tokens.ts `g`) */
  tokenGen: number
  /** ms since the Unix epoch */
  createdAt: number
  updatedAt: number
}

export interface RoomPatch {
  title?: string
  access?: RoomAccess
  codeAccess?: boolean
  /** a new nonce: every earlier link secret stops working (revoke) */
  linkNonce?: string
  /** a new token generation: earlier editor and viewer tokens stop working (revoke) */
  tokenGen?: number
}

/** Asynchronous so that the PostgreSQL store (server/storage/postgres) fits behind it too. */
export interface RoomsStore {
  get(id: string): Promise<RoomRecord | null>
  /** Inserts a new room; returns null when the id is already taken. */
  create(input: { id: string; title: string; access?: RoomAccess; linkNonce?: string; now?: number }): Promise<RoomRecord | null>
  /** Applies the fields present in `patch`; returns the updated record, or null if the room is unknown. */
  update(id: string, patch: RoomPatch, now?: number): Promise<RoomRecord | null>
  /** Removes the record; true if it existed. */
  delete(id: string): Promise<boolean>
}

/**
 * Creates the `rooms` table when missing. Idempotent, so it can run on its own or as a step of the
 * storage layer's migration list (`{ name: 'rooms', up: migrateRooms }`).
 */
export function migrateRooms(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS rooms (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL DEFAULT '',
      access TEXT NOT NULL DEFAULT 'private' CHECK (access IN ('private', 'view', 'edit')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      code_access INTEGER NOT NULL DEFAULT 0,
      link_nonce TEXT NOT NULL DEFAULT '',
      token_gen INTEGER NOT NULL DEFAULT 0
    )
  `)
}

/** Adds token generations (revocable editor and viewer tokens) to a rooms table made before them (idempotent). */
export function migrateTokenGenerations(db: Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(rooms)').all() as Array<{ name: string }>).map((c) => c.name))
  if (!columns.has('token_gen')) db.exec('ALTER TABLE rooms ADD COLUMN token_gen INTEGER NOT NULL DEFAULT 0')
}

/**
 * Adds link secrets to a rooms table made before them (idempotent). Boards that were already
 * shared by link were opened by their code alone until now: they keep that (`code_access` 1), so
 * links handed out before the upgrade go on working; their owners can switch it off. Their link
 * secret derives from the empty nonce until the first revoke.
 */
export function migrateLinkSecrets(db: Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(rooms)').all() as Array<{ name: string }>).map((c) => c.name))
  if (columns.has('code_access') && columns.has('link_nonce')) return
  db.exec(`
    ALTER TABLE rooms ADD COLUMN code_access INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE rooms ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
    UPDATE rooms SET code_access = 1 WHERE access <> 'private';
  `)
}

export interface Row {
  id: string
  title: string
  access: string
  created_at: number
  updated_at: number
  code_access: number | boolean
  link_nonce: string
  token_gen: number | string
}

const COLUMNS = 'id, title, access, created_at, updated_at, code_access, link_nonce, token_gen'

/** A RoomsStore over `db`; the table must exist (see migrateRooms). */
export function createRoomsStore(db: Database): RoomsStore {
  const select: Statement<[string], Row> = db.prepare(`SELECT ${COLUMNS} FROM rooms WHERE id = ?`)
  const insert = db.prepare<[string, string, string, number, number, string]>(
    'INSERT OR IGNORE INTO rooms (id, title, access, created_at, updated_at, link_nonce) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const updateRow = db.prepare<[string, string, number, string, number, number, string]>(
    'UPDATE rooms SET title = ?, access = ?, code_access = ?, link_nonce = ?, token_gen = ?, updated_at = ? WHERE id = ?',
  )
  const remove = db.prepare<[string]>('DELETE FROM rooms WHERE id = ?')

  const get = (id: string): RoomRecord | null => {
    const row = select.get(id)
    return row ? toRecord(row) : null
  }

  return {
    get: async (id) => get(id),
    async create({ id, title, access = 'private', linkNonce = '', now = Date.now() }) {
      const info = insert.run(id, title, access, now, now, linkNonce)
      return info.changes === 1 ? { id, title, access, codeAccess: false, linkNonce, tokenGen: 0, createdAt: now, updatedAt: now } : null
    },
    async update(id, patch, now = Date.now()) {
      return db.transaction((): RoomRecord | null => {
        const current = get(id)
        if (!current) return null
        const next = patchRecord(current, patch, now)
        updateRow.run(next.title, next.access, next.codeAccess ? 1 : 0, next.linkNonce, next.tokenGen, next.updatedAt, id)
        return next
      })()
    },
    async delete(id) {
      return remove.run(id).changes === 1
    },
  }
}

/** A record from a row of the rooms table (SQLite or PostgreSQL: same columns). */
export function toRecord(row: Row): RoomRecord {
  return {
    id: row.id,
    title: row.title,
    // The CHECK constraint keeps other values out; a hand-edited row falls back to the safe default.
    access: isRoomAccess(row.access) ? row.access : 'private',
    codeAccess: row.code_access === true || row.code_access === 1,
    linkNonce: row.link_nonce ?? '',
    tokenGen: Number(row.token_gen ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** `current` with the fields present in `patch` applied (SQLite or PostgreSQL: same rule). */
export function patchRecord(current: RoomRecord, patch: RoomPatch, now: number): RoomRecord {
  return {
    ...current,
    title: patch.title ?? current.title,
    access: patch.access ?? current.access,
    codeAccess: patch.codeAccess ?? current.codeAccess,
    linkNonce: patch.linkNonce ?? current.linkNonce,
    tokenGen: patch.tokenGen ?? current.tokenGen,
    updatedAt: now,
  }
}
