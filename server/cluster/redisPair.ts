import { createRequire } from 'node:module'
import type { Redis } from 'ioredis'
import type { Logger } from '../log'

/**
 * The two Redis connections of an instance: the writer (auto-pipelined publishes, liveness,
 * lookups) and the reader (one blocking XREAD at a time). Both retry for ever, at most a second
 * apart; their errors are logged at debug level (the cluster reports a lost Redis once).
 */
export function openRedisPair(redisUrl: string, instanceId: string, log: Logger): { writer: Redis; reader: Redis } {
  const options = {
    protocol: 2 as const,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 1_000),
    connectionName: `tessera:${instanceId}`,
  }
  // loaded here, not at start: a server without --redis never loads ioredis
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis')
  const writer = new RedisClient(redisUrl, { ...options, enableAutoPipelining: true })
  const reader = new RedisClient(redisUrl, options)
  for (const [name, conn] of [['writer', writer], ['reader', reader]] as const) {
    conn.on('error', (err: Error) => log.debug({ err: err.message, conn: name }, 'redis connection error'))
  }
  return { writer, reader }
}
