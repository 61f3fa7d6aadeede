import { afterAll, afterEach, beforeAll } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, type Client } from '../../helpers/clients'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres'
import { startRedis, type RunningRedis } from '../../helpers/redis'

export const CLUSTER_SECRET = 'cluster-tests-secret-0123456789abcdef'

export interface ClusterEnv {
  postgres: RunningPostgres
  redis: RunningRedis
}

/** One PostgreSQL and one Redis for the test file (started before, stopped by PID after). */
export function useClusterServers(): () => ClusterEnv {
  let env: ClusterEnv | null = null
  beforeAll(async () => {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    env = { postgres, redis }
  }, 90_000)
  afterAll(async () => {
    await env?.redis.dispose()
    await env?.postgres.dispose()
  }, 60_000)
  return () => {
    if (!env) throw new Error('cluster servers not started')
    return env
  }
}

export interface Instances {
  servers: RunningServer[]
  /** the database URL the instances share */
  database: string
  /** the Redis key prefix of this cluster */
  prefix: string
  /** starts instance i again (same database, Redis and id) on a new port */
  restart(i: number): Promise<RunningServer>
  dispose(): Promise<void>
}

let clusters = 0

/** `n` instances on a fresh database of the file's PostgreSQL and the file's Redis (own key prefix). */
export async function startInstances(env: ClusterEnv, n: number, opts: { database?: string; extraArgs?: string[] } = {}): Promise<Instances> {
  const database = opts.database ?? (await env.postgres.createDatabase())
  const prefix = `t${process.pid}c${++clusters}:`
  const args = (i: number) => [
    '--postgres', database, '--redis', env.redis.url, '--redis-prefix', prefix, '--auth-secret', CLUSTER_SECRET,
    '--instance-id', `instance-${i}`, '--unload-grace-ms', '500', ...(opts.extraArgs ?? []),
  ]
  const servers = await Promise.all(Array.from({ length: n }, (_, i) => startServer({ args: args(i), startTimeoutMs: 90_000 })))
  return {
    servers,
    database,
    prefix,
    async restart(i) {
      await servers[i]!.dispose()
      servers[i] = await startServer({ args: args(i), startTimeoutMs: 90_000 })
      return servers[i]!
    },
    async dispose() {
      await Promise.all(servers.map((s) => s.dispose()))
    },
  }
}

/** The instances and clients of one test, stopped and destroyed after it. */
export interface ClusterSession {
  /** starts `n` instances (stopping those this test started before; pass `database` to reuse theirs) */
  start(n: number, opts?: { database?: string; extraArgs?: string[] }): Promise<Instances>
  /** a stock y-websocket client of `room` with `token` */
  connect(wsUrl: string, room: string, token: string): Client
  /** destroys the clients connected so far */
  closeClients(): void
}

/** Call inside a `describe`: each test gets its instances and clients cleaned up after it. */
export function useClusterSession(env: () => ClusterEnv): ClusterSession {
  const clients: Client[] = []
  let cluster: Instances | null = null
  const session: ClusterSession = {
    async start(n, opts) {
      await cluster?.dispose()
      cluster = null
      cluster = await startInstances(env(), n, opts)
      return cluster
    },
    connect(wsUrl, room, token) {
      const c = newClient(wsUrl, room, { params: { token } })
      clients.push(c)
      return c
    },
    closeClients() {
      for (const c of clients.splice(0)) c.destroy()
    },
  }
  afterEach(async () => {
    session.closeClients()
    await cluster?.dispose()
    cluster = null
  })
  return session
}
