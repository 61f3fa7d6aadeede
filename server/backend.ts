/**
 * Where rooms live (CONTRACT §8): SQLite in the data directory (the embedded default), or
 * PostgreSQL with `postgres` — and, with `redis` too, a cluster of instances sharing both.
 */
import crypto from 'node:crypto'
import os from 'node:os'
import { createPostgresRoomsStore } from './api/postgresRoomsStore'
import { createRoomsStore, type RoomsStore } from './api/roomsStore'
import { Cluster } from './cluster/cluster'
import type { Logger } from './log'
import type { Metrics } from './metrics'
import { PostgresStorage } from './storage/postgres'
import { lockDataDir } from './storage/dataDirLock'
import { SqliteStorage } from './storage/sqlite'
import type { Storage } from './storage/Storage'
import { VISIBLE_LOG } from './storage/stagedCompaction'

export interface BackendOptions {
  dataDir: string
  /** PostgreSQL connection URL (`--postgres`) */
  postgres?: string
  /** Redis URL (`--redis`): join the instances on this Redis (and the same PostgreSQL) into one cluster */
  redis?: string
  /** prefix of the cluster's Redis keys (default `tessera:`) */
  redisPrefix?: string
  /** this instance's name in the cluster (default: host name and a random suffix) */
  instanceId?: string
  log: Logger
  metrics: Metrics
  /** the clock of history timestamps (tests move it forward) */
  now?: () => number
}

export interface Backend {
  storage: Storage
  roomsStore: RoomsStore
  /** true when stored document data exists for a room id */
  roomHasData(room: string): Promise<boolean>
  /** the cluster membership, with `redis` */
  cluster: Cluster | null
  /** resolves once the database is ready (PostgreSQL migrated); rejects when it cannot be */
  ready: Promise<void>
  /** /healthz fields (PostgreSQL only): instance, postgres and redis state */
  health?: () => { ok: boolean; fields: Record<string, unknown> }
  /** stops the cluster and health checks, releases the data directory (the storage itself is closed by the sync server) */
  close(): Promise<void>
  /** start-up failed after openBackend: closes the storage too */
  abort(): Promise<void>
}

/** how often PostgreSQL is pinged for /healthz */
const PG_PING_MS = 1_000

/** Throws a TypeError for option combinations that cannot work. */
export function checkBackendOptions(o: { postgres?: string; redis?: string; authSecret?: string; open?: boolean; authenticate?: unknown }): void {
  if (o.redis && !o.postgres) throw new TypeError('--redis needs --postgres: the instances of a cluster share one PostgreSQL database')
  if (o.redis && !o.authSecret && !o.open && !o.authenticate) {
    throw new TypeError('--redis needs --auth-secret (or TESSERA_AUTH_SECRET), the same on every instance, so that tokens issued by one instance work on the others')
  }
}

export function openBackend(o: BackendOptions): Backend {
  if (!o.postgres) {
    const lock = lockDataDir(o.dataDir)
    let storage: SqliteStorage
    try {
      storage = new SqliteStorage(o.dataDir, { now: o.now })
    } catch (err) {
      lock.release()
      throw err
    }
    // rows a compaction is still writing, or has replaced, are not the room's (stagedCompaction.ts)
    const hasData = storage.db.prepare<[{ room: string }], { one: number }>(`SELECT 1 AS one FROM updates WHERE ${VISIBLE_LOG} LIMIT 1`)
    return {
      storage,
      roomsStore: createRoomsStore(storage.db),
      roomHasData: async (room) => hasData.get({ room }) !== undefined,
      cluster: null,
      ready: Promise.resolve(),
      close: async () => lock.release(),
      abort: async () => {
        await storage.close()
        lock.release()
      },
    }
  }
  const { log } = o
  let pgUp = false
  const storage = new PostgresStorage(o.postgres, {
    now: o.now,
    onConnectionError: (err) => log.warn({ err: (err as Error).message }, 'postgres connection problem'),
  })
  const ping = async () => {
    const up = await storage.ping()
    if (up !== pgUp) log[up ? 'info' : 'warn'](up ? 'postgres reachable' : 'postgres unreachable; writes wait for it')
    pgUp = up
  }
  void ping()
  const pinger = setInterval(() => void ping(), PG_PING_MS)
  pinger.unref()
  const instanceId = o.instanceId || `${os.hostname()}-${crypto.randomBytes(3).toString('hex')}`
  const cluster = o.redis
    ? new Cluster({ redisUrl: o.redis, instanceId, storage, log, metrics: o.metrics, keyPrefix: o.redisPrefix })
    : null
  return {
    storage,
    roomsStore: createPostgresRoomsStore(storage.pool, storage.ready),
    roomHasData: (room) => storage.hasData(room),
    cluster,
    ready: storage.ready,
    health: () => {
      const redisUp = cluster ? cluster.redisUp() : true
      return {
        ok: pgUp && redisUp,
        fields: { instance: instanceId, postgres: pgUp ? 'up' : 'down', ...(cluster ? { redis: redisUp ? 'up' : 'down' } : {}) },
      }
    },
    close: async () => {
      clearInterval(pinger)
      await cluster?.close()
    },
    abort: async () => {
      clearInterval(pinger)
      await cluster?.close()
      await storage.close()
    },
  }
}
