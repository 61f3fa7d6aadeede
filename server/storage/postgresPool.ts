import { createRequire } from 'node:module'
import type pg from 'pg'

/** pg, loaded by the first pool (a server on SQLite never loads it: about 10 MB less idle RSS). */
let pgModule: typeof pg | null = null
function loadPg(): typeof pg {
  return (pgModule ??= createRequire(import.meta.url)('pg') as typeof pg)
}

/** Runs one query; the pool and a transaction's client both are one. */
export type Queryable = Pick<pg.PoolClient, 'query'>

export interface PgPoolOptions {
  /** most connections (default 10) */
  max?: number
  /** told about connections that broke while idle (PostgreSQL restarted, network cut) */
  onError?: (err: Error) => void
}

/** BIGINT columns (ids, ms timestamps) come back as numbers: every value we store fits in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === loadPg().types.builtins.INT8 ? (v: string) => Number(v) : loadPg().types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** A connection pool to `url`; an idle connection that breaks is reported, never thrown. */
export function createPgPool(url: string, opts: PgPoolOptions = {}): pg.Pool {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types,
  })
  pool.on('error', (err) => opts.onError?.(err))
  return pool
}

/** Runs `fn` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    broken = isConnectionError(err)
    if (!broken) await client.query('ROLLBACK').catch(() => (broken = true))
    throw err
  } finally {
    // A connection that failed is not given back to the pool for reuse.
    client.release(broken ? true : undefined)
  }
}

/**
 * True for errors that mean "PostgreSQL could not be reached or the connection broke" (so the
 * statement did not run, or its outcome is unknown), as opposed to errors of the statement itself.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') {
    // class 08: connection exception; 57P01-57P03: shutdown / cannot connect now; 53300: too many connections
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(err.message)
}

/**
 * Runs `fn` again while it fails with a connection error, for up to `waitMs`: a write issued
 * while PostgreSQL restarts waits for it instead of failing. Retrying a write whose COMMIT was
 * sent but not acknowledged may store it twice; every write here is idempotent for Yjs (a
 * duplicate update merges away) or keyed (rooms, assets).
 */
export async function retryConnection<T>(fn: () => Promise<T>, waitMs: number, onRetry?: (err: unknown) => void): Promise<T> {
  const deadline = Date.now() + waitMs
  for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await fn()
    } catch (err) {
      if (!isConnectionError(err) || Date.now() + delay > deadline) throw err
      onRetry?.(err)
      await new Promise((r) => setTimeout(r, delay))
    }
  }
}
