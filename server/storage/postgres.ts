import type pg from 'pg'
import * as Y from 'yjs'
import { isDecodableUpdate } from '../ws/protocol'
import * as history from './postgresHistory'
import { bytes } from './rows'
import { createPgPool, inTransaction, retryConnection } from './postgresPool'
import { migratePg, pgMigrations, type PgMigration } from './postgresSchema'
import type { Asset, HistoryUpdate, NewVersion, Storage, VersionInfo } from './Storage'

export interface PostgresStorageOptions {
  /** most pooled connections (default 10) */
  maxConnections?: number
  /**
   * How long a write waits for an unreachable PostgreSQL (retrying) before it fails
   * (default 10 s). The room holds the update meanwhile: nothing is relayed before it is stored.
   */
  writeWaitMs?: number
  migrations?: PgMigration[]
  /** the clock of history timestamps (tests inject one) */
  now?: () => number
  /** told about connection problems (idle connections breaking, retried writes) */
  onConnectionError?: (err: unknown) => void
}

/**
 * Storage in PostgreSQL (CONTRACT §8), the same model as SqliteStorage: per room an append-only
 * log of updates compacted into snapshot rows, the history log, versions, files; the rooms
 * table lives in the same database (server/storage/postgresRoomsStore.ts).
 *
 * Durability: `append`/`appendBatch` resolve after COMMIT (synchronous_commit as configured on
 * the server, on by default), so a room relays nothing that is not stored.
 *
 * Several instances share one database, each with the room loaded. A compaction must therefore
 * never drop an update another instance committed that this instance's snapshot has not seen
 * yet: it deletes the rows it read (under a per-room advisory lock) and writes the snapshot
 * merged with them — a Yjs merge keeps everything of both — so a concurrent append is either
 * in the merge or still a row of its own.
 */
export class PostgresStorage implements Storage {
  readonly pool: pg.Pool
  private readonly writeWaitMs: number
  private readonly now: () => number
  private readonly onConnectionError: (err: unknown) => void

  /** resolves once the schema is migrated; every call waits for it (rejects when the database could not be prepared) */
  readonly ready: Promise<void>

  /**
   * Connects and starts migrating the schema (once, even with several instances starting
   * together) without waiting: calls wait for `ready`. `open` waits for it.
   */
  constructor(url: string, opts: PostgresStorageOptions = {}) {
    this.pool = createPgPool(url, { max: opts.maxConnections, onError: (err) => opts.onConnectionError?.(err) })
    this.writeWaitMs = opts.writeWaitMs ?? 10_000
    this.now = opts.now ?? Date.now
    this.onConnectionError = opts.onConnectionError ?? (() => {})
    this.ready = migratePg(this.pool, opts.migrations ?? pgMigrations).then(() => undefined)
    this.ready.catch(() => {})
  }

  /** Connects and migrates; rejects (pool closed) when the database cannot be prepared. */
  static async open(url: string, opts: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const storage = new PostgresStorage(url, opts)
    try {
      await storage.ready
    } catch (err) {
      await storage.pool.end().catch(() => {})
      throw err
    }
    return storage
  }

  /** True when PostgreSQL answers now (for /healthz). */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    if (!(await this.ready.then(() => true, () => false))) return false
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
    const query = this.pool.query('SELECT 1').then(() => true, () => false)
    try {
      return await Promise.race([query, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async load(room: string): Promise<Uint8Array | null> {
    await this.ready
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM tessera_updates WHERE room = $1 ORDER BY id', [room])
    if (rows.length === 0) return null
    const updates = rows.map((r) => bytes(r.data))
    if (updates.length === 1) return updates[0]!
    try {
      return Y.mergeUpdates(updates)
    } catch {
      // A row that does not decode (never written by us, but people happen): keep the rest.
      return Y.mergeUpdates(updates.filter(isDecodableUpdate))
    }
  }

  /** True when the room has anything in its live log (new room codes never reuse such a name). */
  async hasData(room: string): Promise<boolean> {
    await this.ready
    const { rows } = await this.pool.query('SELECT 1 FROM tessera_updates WHERE room = $1 LIMIT 1', [room])
    return rows.length > 0
  }

  async append(room: string, update: Uint8Array): Promise<void> {
    await this.appendBatch(room, [update])
  }

  /** Appends the updates in order in one statement (one commit): all stored, or none. */
  async appendBatch(room: string, updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return
    const now = this.now()
    const data = updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))
    await this.write(() =>
      this.pool.query(
        'INSERT INTO tessera_updates (room, data, created_at) SELECT $1, d, $3 FROM unnest($2::bytea[]) WITH ORDINALITY AS u(d, n) ORDER BY n',
        [room, data, now],
      ),
    )
  }

  async discard(room: string, update: Uint8Array): Promise<void> {
    await this.write(() => this.pool.query('DELETE FROM tessera_updates WHERE room = $1 AND data = $2', [room, Buffer.from(update)]))
  }

  async compact(room: string, snapshot: Uint8Array): Promise<void> {
    await this.write(() => inTransaction(this.pool, (c) => this.replaceLog(c, room, snapshot)))
  }

  async saveVersion(room: string, snapshot: Uint8Array, version: NewVersion): Promise<VersionInfo> {
    return this.write(() =>
      inTransaction(this.pool, async (c) => {
        await this.replaceLog(c, room, snapshot)
        return history.addVersion(c, room, snapshot, version)
      }),
    )
  }

  async listVersions(room: string): Promise<VersionInfo[]> {
    await this.ready
    return history.listVersions(this.pool, room)
  }

  async loadVersion(room: string, id: number): Promise<Uint8Array | null> {
    await this.ready
    return history.loadVersion(this.pool, room, id)
  }

  async loadHistory(room: string, after: number | null, until: number | null): Promise<HistoryUpdate[]> {
    await this.ready
    return history.loadHistory(this.pool, room, after, until)
  }

  async deleteVersions(room: string, ids: readonly number[]): Promise<void> {
    await this.write(() => history.deleteVersions(this.pool, room, ids))
  }

  async pruneHistory(room: string, before: number): Promise<void> {
    await this.write(() => history.pruneHistory(this.pool, room, before))
  }

  async putAsset(room: string, asset: Asset): Promise<void> {
    const now = this.now()
    await this.write(() => history.putAsset(this.pool, room, asset, now))
  }

  async loadAsset(room: string, hash: string): Promise<Asset | null> {
    await this.ready
    return history.loadAsset(this.pool, room, hash)
  }

  async assetTotals(): Promise<{ count: number; bytes: number }> {
    await this.ready
    return history.assetTotals(this.pool)
  }

  async listRooms(): Promise<string[]> {
    await this.ready
    return history.listRooms(this.pool)
  }

  async delete(room: string): Promise<void> {
    await this.write(() =>
      inTransaction(this.pool, async (c) => {
        await lockRoom(c, room)
        await c.query('DELETE FROM tessera_updates WHERE room = $1', [room])
        await history.deleteRoomHistory(c, room)
      }),
    )
  }

  async stats(room: string): Promise<{ updates: number; bytes: number }> {
    await this.ready
    const { rows } = await this.pool.query<{ n: number; bytes: number | null }>(
      'SELECT COUNT(*)::bigint AS n, SUM(LENGTH(data))::bigint AS bytes FROM tessera_updates WHERE room = $1',
      [room],
    )
    return { updates: rows[0]?.n ?? 0, bytes: rows[0]?.bytes ?? 0 }
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {})
    await this.pool.end()
  }

  /**
   * The log becomes one snapshot row: the rows read here are deleted, their appended updates
   * move to the history log, and the snapshot written is `snapshot` merged with them (see the
   * class comment). Serialised per room across instances by an advisory lock.
   */
  private async replaceLog(c: pg.PoolClient, room: string, snapshot: Uint8Array): Promise<void> {
    await lockRoom(c, room)
    const { rows } = await c.query<{ id: number; data: Buffer; created_at: number; snapshot: boolean }>(
      'DELETE FROM tessera_updates WHERE room = $1 RETURNING id, data, created_at, snapshot',
      [room],
    )
    await history.moveToHistory(c, room, rows)
    const parts = [snapshot, ...rows.map((r) => bytes(r.data)).filter(isDecodableUpdate)]
    const merged = parts.length === 1 ? snapshot : Y.mergeUpdates(parts)
    await c.query('INSERT INTO tessera_updates (room, data, created_at, snapshot) VALUES ($1, $2, $3, true)', [room, Buffer.from(merged), this.now()])
  }

  private async write<T>(fn: () => Promise<T>): Promise<T> {
    await this.ready
    return retryConnection(fn, this.writeWaitMs, this.onConnectionError)
  }
}

/** Serialises compactions and deletes of one room across instances (released at COMMIT/ROLLBACK). */
async function lockRoom(c: pg.PoolClient, room: string): Promise<void> {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('tessera_room:' || $1))", [room])
}
