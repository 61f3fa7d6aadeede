import type { Queryable } from './postgresPool'
import type { Asset, HistoryUpdate, NewVersion, VersionInfo } from './Storage'
import { bytes, versionFromRow, type VersionRow } from './rows'

/**
 * The history half of PostgreSQL storage (versions, the history log, assets), the same model as
 * server/storage/sqliteHistory.ts. Statements take the pool or a transaction's client.
 */

/** Moves the room's appended updates among `rows` (not snapshots) to the history log, in id order. */
export async function moveToHistory(q: Queryable, room: string, rows: Array<{ id: number; data: Buffer; created_at: number; snapshot: boolean }>): Promise<void> {
  const moved = rows.filter((r) => !r.snapshot).sort((a, b) => a.id - b.id)
  if (moved.length === 0) return
  await q.query(
    'INSERT INTO tessera_history (room, data, created_at) SELECT $1, d, t FROM unnest($2::bytea[], $3::bigint[]) WITH ORDINALITY AS u(d, t, n) ORDER BY n',
    [room, moved.map((r) => r.data), moved.map((r) => r.created_at)],
  )
}

/** Records a version; call inside the compaction's transaction, after moveToHistory. */
export async function addVersion(q: Queryable, room: string, state: Uint8Array, v: NewVersion): Promise<VersionInfo> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO tessera_versions (room, at, label, by, items, changes, state, log_end)
     VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(MAX(id), 0) FROM tessera_history WHERE room = $1))
     RETURNING id`,
    [room, v.at, v.label, JSON.stringify(v.by), v.items, JSON.stringify(v.changes), Buffer.from(state)],
  )
  return { ...v, id: rows[0]!.id }
}

export async function listVersions(q: Queryable, room: string): Promise<VersionInfo[]> {
  const { rows } = await q.query<VersionRow>('SELECT id, at, label, by, items, changes FROM tessera_versions WHERE room = $1 ORDER BY id DESC', [room])
  return rows.map(versionFromRow)
}

export async function loadVersion(q: Queryable, room: string, id: number): Promise<Uint8Array | null> {
  const { rows } = await q.query<{ state: Buffer }>('SELECT state FROM tessera_versions WHERE room = $1 AND id = $2', [room, id])
  return rows[0] ? bytes(rows[0].state) : null
}

export async function loadHistory(q: Queryable, room: string, after: number | null, until: number | null): Promise<HistoryUpdate[]> {
  const end = async (id: number) =>
    (await q.query<{ log_end: number }>('SELECT log_end FROM tessera_versions WHERE room = $1 AND id = $2', [room, id])).rows[0]?.log_end
  const from = after === null ? 0 : await end(after)
  const to = until === null ? Number.MAX_SAFE_INTEGER : await end(until)
  if (from === undefined || to === undefined) return []
  const { rows } = await q.query<{ data: Buffer; created_at: number }>(
    'SELECT data, created_at FROM tessera_history WHERE room = $1 AND id > $2 AND id <= $3 ORDER BY id',
    [room, from, to],
  )
  return rows.map((r) => ({ at: r.created_at, data: bytes(r.data) }))
}

export async function deleteVersions(q: Queryable, room: string, ids: readonly number[]): Promise<void> {
  await q.query('DELETE FROM tessera_versions WHERE room = $1 AND id = ANY($2::bigint[])', [room, [...ids]])
}

export async function pruneHistory(q: Queryable, room: string, before: number): Promise<void> {
  await q.query('DELETE FROM tessera_history WHERE room = $1 AND created_at < $2', [room, before])
}

export async function putAsset(q: Queryable, room: string, asset: Asset, now: number): Promise<void> {
  await q.query(
    'INSERT INTO tessera_assets (room, hash, type, data, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (room, hash) DO NOTHING',
    [room, asset.hash, asset.type, Buffer.from(asset.data), now],
  )
}

export async function loadAsset(q: Queryable, room: string, hash: string): Promise<Asset | null> {
  const { rows } = await q.query<{ type: string; data: Buffer }>('SELECT type, data FROM tessera_assets WHERE room = $1 AND hash = $2', [room, hash])
  return rows[0] ? { hash, type: rows[0].type, data: bytes(rows[0].data) } : null
}

export async function assetTotals(q: Queryable): Promise<{ count: number; bytes: number }> {
  const { rows } = await q.query<{ n: number; bytes: number | null }>('SELECT COUNT(*)::bigint AS n, SUM(LENGTH(data))::bigint AS bytes FROM tessera_assets')
  return { count: rows[0]?.n ?? 0, bytes: rows[0]?.bytes ?? 0 }
}

export async function listRooms(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ room: string }>(
    `SELECT room FROM (SELECT room FROM tessera_updates UNION SELECT room FROM tessera_versions
     UNION SELECT room FROM tessera_history UNION SELECT room FROM tessera_assets) r ORDER BY room COLLATE "C"`,
  )
  return rows.map((r) => r.room)
}

/** Removes the room's history, versions and assets; call inside the room's delete transaction. */
export async function deleteRoomHistory(q: Queryable, room: string): Promise<void> {
  for (const t of ['tessera_history', 'tessera_versions', 'tessera_assets']) await q.query(`DELETE FROM ${t} WHERE room = $1`, [room])
}
