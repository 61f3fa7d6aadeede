import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import Redis from 'ioredis'
import { startPostgres } from '../../helpers/postgres'
import { startRedis } from '../../helpers/redis'
import { isAlive } from '../../helpers/processes'

// The throwaway PostgreSQL and Redis the storage and cluster tests run against.
describe('test servers', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c()
  })

  it('PostgreSQL starts on a free port, serves fresh databases, restarts with its data and stops by PID', async () => {
    const server = await startPostgres()
    cleanups.push(server.dispose)
    const url = await server.createDatabase()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('CREATE TABLE t (v int)')
    await client.query('INSERT INTO t VALUES (7)')
    await client.end()
    const pid = server.pid()!
    await server.stop()
    expect(isAlive(pid)).toBe(false)
    await server.start()
    const again = new pg.Client({ connectionString: url })
    await again.connect()
    expect((await again.query('SELECT v FROM t')).rows).toEqual([{ v: 7 }])
    await again.end()
  })

  it('Redis starts on a free port, restarts empty and stops by PID', async () => {
    const server = await startRedis()
    cleanups.push(server.dispose)
    const redis = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1 })
    await redis.connect()
    await redis.set('k', 'v')
    expect(await redis.get('k')).toBe('v')
    redis.disconnect()
    const pid = server.pid()!
    await server.stop()
    expect(isAlive(pid)).toBe(false)
    await server.start()
    const again = new Redis(server.url)
    expect(await again.get('k')).toBeNull()
    again.disconnect()
  })
})
