import { statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../helpers/server'
import { synced } from '../../helpers/clients'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

/** Starting must fail: resolves with everything the process printed before it exited (startServer's message). */
async function failedStart(opts: Parameters<typeof startServer>[0]): Promise<string> {
  const err = await startServer(opts).then(
    async (s) => {
      await s.dispose()
      throw new Error('the server started')
    },
    (e: Error) => e,
  )
  return err.message
}

describe('security: one server per data dir, clear start-up errors, private files', () => {
  const env = useServersOnDirs('tessera-startup-')

  it('a second server on the same --data is refused with a clear error and a non-zero exit; the first carries on', async () => {
    const dir = env.freshDir()
    const first = await env.start(dir)
    const out = await failedStart({ args: ['--open'], dataDir: dir, keepData: true })
    expect(out).toMatch(/exited with 1 before listening/)
    expect(out).toContain('is in use by another tessera server')
    expect(out).not.toMatch(/\n\s+at /)
    const c = env.client(first, 'still-mine')
    await synced(c.provider)
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    // once the first has stopped, the directory is free again
    c.destroy()
    expect(await first.stop()).toBe(0)
    const second = await env.start(dir)
  })

  it('the lock of a server killed with SIGKILL is taken over', async () => {
    const dir = env.freshDir()
    const killed = await startServer({ args: ['--open'], dataDir: dir, keepData: true })
    await killed.stop('SIGKILL')
    const next = await env.start(dir)
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200)
  })

  it('the database files are readable by their owner only (0600)', async () => {
    const dir = env.freshDir()
    const s = await env.start(dir)
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'auth-secret']) {
      expect((statSync(path.join(dir, f)).mode & 0o777).toString(8), f).toBe('600')
    }
  })

  it('an --auth-secret shorter than 16 bytes is refused', async () => {
    const out = await failedStart({ args: ['--auth-secret', 'a'], dataDir: env.freshDir() })
    expect(out).toContain('--auth-secret must be at least 16 bytes (got 1)')
  })

  it('a 0-byte, a damaged and a newer-schema database each stop the start with a clear message, no stack trace', async () => {
    const empty = env.freshDir()
    writeFileSync(path.join(empty, DATABASE_FILE), '')
    const emptyOut = await failedStart({ args: ['--open'], dataDir: empty })
    expect(emptyOut).toContain('is empty (0 bytes)')

    const garbage = env.freshDir()
    writeFileSync(path.join(garbage, DATABASE_FILE), Buffer.alloc(8192, 0x5a))
    const garbageOut = await failedStart({ args: ['--open'], dataDir: garbage })
    expect(garbageOut).toContain('is not a SQLite database')

    const newer = env.freshDir()
    const db = new Database(path.join(newer, DATABASE_FILE))
    db.pragma('user_version = 999')
    db.close()
    const newerOut = await failedStart({ args: ['--open'], dataDir: newer })
    expect(newerOut).toMatch(/schema version 999 is newer than this server.*upgrade tessera/)

    for (const out of [emptyOut, garbageOut, newerOut]) {
      expect(out).toMatch(/exited with 1 before listening/)
      expect(out).not.toMatch(/\n\s+at /)
    }
  })
})
