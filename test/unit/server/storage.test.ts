import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import path from 'node:path'
import * as Y from 'yjs'
import { SqliteStorage, DATABASE_FILE } from '../../../server/storage/sqlite'
import { MemoryStorage } from '../../../server/storage/memory'
import { DamagedRoomError } from '../../../server/storage/integrity'
import { migrations, type Migration } from '../../../server/storage/migrations'
import type { Storage } from '../../../server/storage/Storage'
import { useTmpDirs } from '../../helpers/tmpDir'
import { PostgresStorage } from '../../../server/storage/postgres'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres'

function updatesOf(n: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < n; i++) doc.getMap('items').set(`k${i}`, i)
  return { doc, updates }
}

const sqliteDir = useTmpDirs('tessera-sqlite-')

// One throwaway PostgreSQL for the file; every test gets a fresh database on it.
let postgres: RunningPostgres
beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const adapters: Array<[string, () => Storage | Promise<Storage>]> = [
  ['SqliteStorage', () => new SqliteStorage(sqliteDir())],
  ['MemoryStorage', () => new MemoryStorage()],
  ['PostgresStorage', async () => PostgresStorage.open(await postgres.createDatabase())],
]

describe.each(adapters)('%s', (_name, make) => {
  it('loads null for an unknown room', async () => {
    const s = await make()
    expect(await s.load('nope')).toBeNull()
    await s.close()
  })

  it('loads the merge of every appended update, per room', async () => {
    const s = await make()
    const { doc, updates } = updatesOf(20)
    for (const u of updates) await s.append('a', u)
    await s.append('b', updatesOf(1).updates[0]!)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, (await s.load('a'))!)
    expect(loaded.getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON())
    expect((await s.stats('a')).updates).toBe(20)
    await s.close()
  })

  it('discard takes exactly the rows holding those bytes out of the room\'s log', async () => {
    const s = await make()
    // independent updates (one replica each), so any one can go without the others depending on it
    const updates = [0, 1, 2, 3, 4].map((i) => {
      const d = new Y.Doc()
      d.getMap('items').set(`k${i}`, i)
      return Y.encodeStateAsUpdate(d)
    })
    for (const u of updates) await s.append('r', u)
    await s.append('other', updates[2]!)
    await s.discard('r', updates[2]!.slice())
    expect((await s.stats('r')).updates).toBe(4)
    expect((await s.stats('other')).updates).toBe(1)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, (await s.load('r'))!)
    expect(Object.keys(loaded.getMap('items').toJSON()).sort()).toEqual(['k0', 'k1', 'k3', 'k4'])
    await s.close()
  })

  it('compaction replaces the log by one snapshot with the same content', async () => {
    const s = await make()
    const { doc, updates } = updatesOf(50)
    for (const u of updates) await s.append('r', u)
    await s.compact('r', Y.encodeStateAsUpdate(doc))
    expect((await s.stats('r')).updates).toBe(1)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, (await s.load('r'))!)
    expect(loaded.getMap('items').size).toBe(50)
    await s.close()
  })

  it('delete removes a room and nothing else', async () => {
    const s = await make()
    await s.append('x', updatesOf(1).updates[0]!)
    await s.append('y', updatesOf(1).updates[0]!)
    await s.delete('x')
    expect(await s.load('x')).toBeNull()
    expect(await s.load('y')).not.toBeNull()
    await s.close()
  })
})

describe('SqliteStorage on disk', () => {
  it('keeps data across reopening the file, in WAL mode', async () => {
    const dir = sqliteDir()
    const a = new SqliteStorage(dir)
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal')
    for (const u of updatesOf(10).updates) await a.append('room', u)
    await a.close()
    const b = new SqliteStorage(dir)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, (await b.load('room'))!)
    expect(loaded.getMap('items').size).toBe(10)
    await b.close()
  })

  it('records the schema version and runs migrations appended later exactly once', async () => {
    const dir = sqliteDir()
    const first = new SqliteStorage(dir)
    expect(first.db.pragma('user_version', { simple: true })).toBe(migrations.length)
    await first.close()
    let runs = 0
    const extra: Migration = { name: 'extra table', up: (db) => (runs++, db.exec('CREATE TABLE extra_test (k TEXT PRIMARY KEY)')) }
    const second = new SqliteStorage(dir, { migrations: [...migrations, extra] })
    await second.close()
    const third = new SqliteStorage(dir, { migrations: [...migrations, extra] })
    expect(third.db.pragma('user_version', { simple: true })).toBe(migrations.length + 1)
    await third.close()
    expect(runs).toBe(1)
  })

  it('refuses to load a room with a row that does not decode, and leaves every row in place', async () => {
    const dir = sqliteDir()
    const s = new SqliteStorage(dir)
    const { updates } = updatesOf(3)
    for (const u of updates) await s.append('r', u)
    await s.close()
    const raw = new Database(path.join(dir, DATABASE_FILE))
    // a row without a checksum (as written before checksums existed) that does not decode
    raw.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, 0)').run('r', Buffer.from([1, 200, 7, 7]))
    raw.close()
    const again = new SqliteStorage(dir)
    await expect(again.load('r')).rejects.toBeInstanceOf(DamagedRoomError)
    expect((await again.stats('r')).updates).toBe(4)
    await again.close()
  })

  it('notices a changed byte that still decodes (checksum), and loads rows from before checksums', async () => {
    const dir = sqliteDir()
    const s = new SqliteStorage(dir)
    const doc = new Y.Doc()
    doc.getMap('items').set('title', 'AAAAAAAA')
    await s.append('r', Y.encodeStateAsUpdate(doc))
    await s.append('legacy', Y.encodeStateAsUpdate(doc))
    await s.close()
    const raw = new Database(path.join(dir, DATABASE_FILE))
    const row = raw.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ?').get('r')!
    const changed = Buffer.from(row.data)
    changed[changed.indexOf('AAAAAAAA')] = 'B'.charCodeAt(0)
    raw.prepare('UPDATE updates SET data = ? WHERE room = ?').run(changed, 'r')
    raw.prepare('UPDATE updates SET crc = NULL WHERE room = ?').run('legacy')
    raw.close()
    const again = new SqliteStorage(dir)
    await expect(again.load('r')).rejects.toThrow(/damaged/)
    const legacy = new Y.Doc()
    Y.applyUpdate(legacy, (await again.load('legacy'))!)
    expect(legacy.getMap('items').get('title')).toBe('AAAAAAAA')
    expect(again.db.prepare('SELECT crc FROM updates WHERE room = ?').get('legacy')).toEqual({ crc: expect.any(Number) })
    await again.close()
  })
})
