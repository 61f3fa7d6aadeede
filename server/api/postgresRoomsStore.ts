/**
 * Room records (title, access, timestamps) in the `tessera_rooms` table of PostgreSQL (CONTRACT
 * §8): the same RoomsStore as the SQLite one (./roomsStore.ts), shared by every instance.
 */
import type pg from 'pg'
import { inTransaction } from '../storage/postgresPool'
import { toRecord, type Row, type RoomRecord, type RoomsStore } from './roomsStore'

const COLUMNS = 'id, title, access, created_at, updated_at'

/** `ready`: resolves once the schema exists (see PostgresStorage.ready); every call waits for it. */
export function createPostgresRoomsStore(pool: pg.Pool, ready: Promise<void> = Promise.resolve()): RoomsStore {
  return {
    async get(id) {
      await ready
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM tessera_rooms WHERE id = $1`, [id])
      return rows[0] ? toRecord(rows[0]) : null
    },
    async create({ id, title, access = 'private', now = Date.now() }) {
      await ready
      const { rowCount } = await pool.query(
        'INSERT INTO tessera_rooms (id, title, access, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (id) DO NOTHING',
        [id, title, access, now],
      )
      return rowCount === 1 ? { id, title, access, createdAt: now, updatedAt: now } : null
    },
    async update(id, patch, now = Date.now()) {
      await ready
      return inTransaction(pool, async (c): Promise<RoomRecord | null> => {
        const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM tessera_rooms WHERE id = $1 FOR UPDATE`, [id])
        if (!rows[0]) return null
        const current = toRecord(rows[0])
        const next: RoomRecord = { ...current, title: patch.title ?? current.title, access: patch.access ?? current.access, updatedAt: now }
        await c.query('UPDATE tessera_rooms SET title = $1, access = $2, updated_at = $3 WHERE id = $4', [next.title, next.access, now, id])
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
