import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { synced } from '../../helpers/clients'
import { useServersOnDirs } from '../../helpers/serversOnDirs'
import { waitFor } from '../../helpers/waitFor'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

/** The rows of a room's update log, read straight from the server's SQLite file (read-only). */
function storedRows(dataDir: string, room: string): Uint8Array[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY id')
      .all(room)
      .map((r) => new Uint8Array(r.data))
  } finally {
    db.close()
  }
}

describe('sync server: durability', () => {
  const env = useServersOnDirs('tessera-persist-')
  const { freshDir, client } = env
  const start = (dataDir: string, port?: number, extraEnv?: Record<string, string>) => env.start(dataDir, { port, env: extraEnv })

  it('kill -9 right after a burst of 2,000 updates loses nothing that was relayed', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const writer = client(s1, 'burst')
    const watcher = client(s1, 'burst')
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    const items = writer.doc.getMap('items')
    for (let i = 0; i < 2000; i++) items.set(`k${i}`, i)
    // The server stores before it relays, so whatever the watcher saw is on disk.
    await waitFor(() => watcher.doc.getMap('items').size === 2000, { message: 'watcher to see the burst', timeout: 20_000 })
    writer.provider.disconnect()
    watcher.provider.disconnect()
    await s1.stop('SIGKILL')

    const s2 = await start(dir)
    const reader = client(s2, 'burst')
    await synced(reader.provider)
    expect(reader.doc.getMap('items').size).toBe(2000)
    expect(reader.doc.getMap('items').get('k1999')).toBe(1999)
  })

  it('a client that edits while the server is down merges after the restart', async () => {
    const dir = freshDir()
    const s1 = await start(dir)
    const port = s1.port
    const a = client(s1, 'offline')
    await synced(a.provider)
    a.doc.getMap('items').set('before', 1)
    const check = client(s1, 'offline')
    await waitFor(() => check.doc.getMap('items').get('before') === 1)
    check.destroy()
    expect(await s1.stop('SIGTERM')).toBe(0)

    a.doc.getMap('items').set('while-down', 2)
    const s2 = await start(dir, port)
    await waitFor(() => a.provider.wsconnected && a.provider.synced, { message: 'client to reconnect', timeout: 20_000 })
    const b = client(s2, 'offline')
    await synced(b.provider)
    await waitFor(() => b.doc.getMap('items').get('while-down') === 2, { message: 'offline edit to arrive', timeout: 10_000 })
    expect(b.doc.getMap('items').get('before')).toBe(1)
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('%s flushes every room into one snapshot row and exits 0 within 5 s', async (signal) => {
    const dir = freshDir()
    const s1 = await start(dir)
    const room = `graceful-${signal.toLowerCase()}`
    const writers = [client(s1, room), client(s1, room), client(s1, room)]
    await Promise.all(writers.map((w) => synced(w.provider)))
    // 3 × 40 separate updates (each its own log row), fewer than the 500 that trigger a compaction.
    writers.forEach((w, n) => {
      for (let i = 0; i < 40; i++) w.doc.getMap('items').set(`w${n}-${i}`, i)
      w.doc.getText('t').insert(0, `writer ${n}\n`)
    })
    await waitFor(() => writers.every((w) => w.doc.getMap('items').size === 120 && w.doc.getText('t').length === 27), {
      message: 'the writers to converge',
      timeout: 10_000,
    })
    const expectedText = writers[0]!.doc.getText('t').toString()
    // Appends are durable one by one: the log has a row per update, not a snapshot yet.
    expect(storedRows(dir, room).length).toBeGreaterThanOrEqual(120)

    const t0 = performance.now()
    const code = await s1.stop(signal)
    const elapsed = performance.now() - t0
    expect(code).toBe(0)
    expect(elapsed).toBeLessThan(5_000)
    expect(s1.output()).toContain('shutting down')
    for (const w of writers) w.provider.disconnect()

    // The shutdown flush compacted the log into one snapshot that holds every edit.
    const rows = storedRows(dir, room)
    expect(rows).toHaveLength(1)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, rows[0]!)
    const items = doc.getMap('items')
    expect(items.size).toBe(120)
    for (let n = 0; n < 3; n++) for (let i = 0; i < 40; i++) expect(items.get(`w${n}-${i}`)).toBe(i)
    expect(doc.getText('t').toString()).toBe(expectedText)
    doc.destroy()

    // …and a restarted server serves it.
    const s2 = await start(dir)
    const c = client(s2, room)
    await synced(c.provider)
    expect(c.doc.getMap('items').size).toBe(120)
    expect(c.doc.getText('t').toString()).toBe(expectedText)
  })

  it('an idle room is unloaded after its last client leaves and reloads from disk', async () => {
    const dir = freshDir()
    const s = await start(dir, undefined, { TESSERA_UNLOAD_GRACE_MS: '100' })
    const metric = async (name: string) => {
      const text = await (await fetch(`${s.url}/metrics`)).text()
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
      return m ? Number(m[1]) : NaN
    }
    const a = client(s, 'idle')
    await synced(a.provider)
    for (let i = 0; i < 5; i++) a.doc.getMap('items').set(`edit-${i}`, i)
    a.doc.getMap('items').set('kept', 'yes')
    await waitFor(async () => (await metric('tessera_rooms_loaded')) === 1)
    const b = client(s, 'idle')
    await waitFor(() => b.doc.getMap('items').get('kept') === 'yes')
    expect(storedRows(dir, 'idle').length).toBeGreaterThanOrEqual(6)
    expect(await metric('tessera_compactions_total')).toBe(0)
    a.destroy()
    b.destroy()
    await waitFor(async () => (await metric('tessera_rooms_unloaded_total')) === 1, { message: 'room to unload', timeout: 10_000 })
    expect(await metric('tessera_rooms_loaded')).toBe(0)
    // Unloading flushed the room: its log is one snapshot row now.
    expect(await metric('tessera_compactions_total')).toBeGreaterThanOrEqual(1)
    const rows = storedRows(dir, 'idle')
    expect(rows).toHaveLength(1)
    const snapshot = new Y.Doc()
    Y.applyUpdate(snapshot, rows[0]!)
    expect(snapshot.getMap('items').get('kept')).toBe('yes')
    expect(snapshot.getMap('items').get('edit-4')).toBe(4)
    snapshot.destroy()

    const c = client(s, 'idle')
    await synced(c.provider)
    expect(c.doc.getMap('items').get('kept')).toBe('yes')
  })
})
