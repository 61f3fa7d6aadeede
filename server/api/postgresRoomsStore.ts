/**
 * Room records (title, access, timestamps) in the `tessera_rooms` table of PostgreSQL (CONTRACT
 * §8): the same RoomsStore as the SQLite one (./roomsStore.ts), shared by every instance.
 */
import type pg from 'pg'
import { inTransaction } from '../storage/postgresPool'
import { patchRecord, toRecord, type Row, type RoomRecord, type RoomsStore } from './roomsStore'

const COLUMNS = 'id, title, access, created_at, updated_at, code_access, link_nonce, token_gen'

/** `ready`: resolves once the schema exists (see PostgresStorage.ready); every call waits for it. */
export function createPostgresRoomsStore(pool: pg.Pool, ready: Promise<void> = Promise.resolve()): RoomsStore {
  return {
    async get(id) {
      await ready
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM tessera_rooms WHERE id = $1`, [id])
      return rows[0] ? toRecord(rows[0]) : null
    },
    async create({ id, title, access = 'private', linkNonce = '', now = Date.now() }) {
      await ready
      const { rowCount } = await pool.query(
        'INSERT INTO tessera_rooms (id, title, access, created_at, updated_at, link_nonce) VALUES ($1, $2, $3, $4, $4, $5) ON CONFLICT (id) DO NOTHING',
        [id, title, access, now, linkNonce],
      )
      return rowCount === 1 ? { id, title, access, codeAccess: false, linkNonce, tokenGen: 0, createdAt: now, updatedAt: now } : null
    },
    async update(id, patch, now = Date.now()) {
      await ready
      return inTransaction(pool, async (c): Promise<RoomRecord | null> => {
        const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM tessera_rooms WHERE id = $1 FOR UPDATE`, [id])
        if (!rows[0]) return null
        const current = toRecord(rows[0])
        const next = patchRecord(current, patch, now)
        await c.query('UPDATE tessera_rooms SET title = $1, access = $2, code_access = $3, link_nonce = $4, token_gen = $5, updated_at = $6 WHERE id = $7', [
          next.title, next.access, next.codeAccess, next.linkNonce, next.tokenGen, now, id,
        ])
        return next
      })
    },
    async delete(id) {
      await ready
      const { rowCount } = await pool.query('DELETE FROM tessera_rooms WHERE id = $1', [id])
      return rowCount === 1
    },
  }
}
