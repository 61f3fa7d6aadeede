import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import * as Y from 'yjs'
import { PostgresStorage } from '../../../server/storage/postgres'
import { createPostgresRoomsStore } from '../../../server/api/postgresRoomsStore'
import { pgMigrations } from '../../../server/storage/postgresSchema'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres'

// What only PostgreSQL storage has to get right: several instances on one database, and a
// database that goes away for a moment. (The shared Storage behaviour is in storage.test.ts.)
let postgres: RunningPostgres
beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

function itemsOf(update: Uint8Array | null): Record<string, unknown> {
  const d = new Y.Doc()
  if (update) Y.applyUpdate(d, update)
  return d.getMap('items').toJSON()
}

function replica(): { doc: Y.Doc; set: (k: string, v: number) => Uint8Array } {
  const doc = new Y.Doc()
  let last: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => (last = u))
  return { doc, set: (k, v) => (doc.getMap('items').set(k, v), last!) }
}

describe('PostgresStorage', () => {
  it('instances starting together on an empty database migrate it once', async () => {
    const url = await postgres.createDatabase()
    const opened = await Promise.all([1, 2, 3].map(() => PostgresStorage.open(url)))
    const { rows } = await opened[0]!.pool.query<{ version: number }>('SELECT version FROM tessera_schema')
    expect(rows).toEqual([{ version: pgMigrations.length }])
    for (const s of opened) await s.close()
  })

  it('a compaction keeps an update another instance committed that its snapshot has not seen', async () => {
    const url = await postgres.createDatabase()
    const [a, b] = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)])
    const ra = replica()
    const rb = replica()
    await a.append('r', ra.set('fromA', 1))
    // instance B applied A's first update, then stores one of its own…
    Y.applyUpdate(rb.doc, Y.encodeStateAsUpdate(ra.doc))
    await b.append('r', rb.set('fromB', 2))
    // …while A commits another that has not reached B yet; B compacts with what it has
    await a.append('r', ra.set('lateA', 3))
    await b.compact('r', Y.encodeStateAsUpdate(rb.doc))
    expect((await b.stats('r')).updates).toBe(1)
    expect(itemsOf(await a.load('r'))).toEqual({ fromA: 1, fromB: 2, lateA: 3 })
    await a.close()
    await b.close()
  })

  it('a batch is stored in order in one commit', async () => {
    const s = await PostgresStorage.open(await postgres.createDatabase())
    const r = replica()
    const updates = [r.set('k', 1), r.set('k', 2), r.set('k', 3)]
    await s.appendBatch('r', updates)
    const { rows } = await s.pool.query<{ data: Buffer; xmin: string }>('SELECT data, xmin::text FROM tessera_updates WHERE room = $1 ORDER BY id', ['r'])
    expect(rows.map((row) => new Uint8Array(row.data))).toEqual(updates)
    expect(new Set(rows.map((row) => row.xmin)).size).toBe(1)
    expect(itemsOf(await s.load('r'))).toEqual({ k: 3 })
    await s.close()
  })

  it('a write issued while PostgreSQL is down waits for it and is stored once it is back', async () => {
    const url = await postgres.createDatabase()
    const s = await PostgresStorage.open(url, { writeWaitMs: 20_000 })
    const r = replica()
    await s.append('r', r.set('before', 1))
    await postgres.stop()
    const pending = s.append('r', r.set('during', 2))
    let settled = false
    void pending.finally(() => (settled = true))
    await new Promise((res) => setTimeout(res, 1_500))
    expect(settled).toBe(false)
    expect(await s.ping(500)).toBe(false)
    await postgres.start()
    await pending
    expect(await s.ping()).toBe(true)
    expect(itemsOf(await s.load('r'))).toEqual({ before: 1, during: 2 })
    await s.close()
  })

  it('a write fails clearly, storing nothing, when PostgreSQL stays away longer than the wait', async () => {
    const url = await postgres.createDatabase()
    const s = await PostgresStorage.open(url, { writeWaitMs: 1_000 })
    const r = replica()
    await s.append('r', r.set('before', 1))
    await postgres.stop()
    try {
      await expect(s.appendBatch('r', [r.set('x', 1), r.set('y', 2)])).rejects.toThrow()
    } finally {
      await postgres.start()
    }
    expect(itemsOf(await s.load('r'))).toEqual({ before: 1 })
    await s.close()
  })

  it('the rooms table is shared: a record made through one pool is read, changed and removed through another', async () => {
    const url = await postgres.createDatabase()
    const [a, b] = await Promise.all([PostgresStorage.open(url), PostgresStorage.open(url)])
    const storeA = createPostgresRoomsStore(a.pool)
    const storeB = createPostgresRoomsStore(b.pool)
    expect(await storeA.create({ id: 'ABCDEF', title: 'T', now: 1000 })).toEqual({ id: 'ABCDEF', title: 'T', access: 'private', codeAccess: false, linkNonce: '', tokenGen: 0, createdAt: 1000, updatedAt: 1000 })
    expect(await storeB.create({ id: 'ABCDEF', title: 'dup', now: 2000 })).toBeNull()
    expect(await storeB.update('ABCDEF', { access: 'edit' }, 3000)).toEqual({ id: 'ABCDEF', title: 'T', access: 'edit', codeAccess: false, linkNonce: '', tokenGen: 0, createdAt: 1000, updatedAt: 3000 })
    expect((await storeA.get('ABCDEF'))?.access).toBe('edit')
    expect(await storeB.update('NOPE22', { title: 'x' })).toBeNull()
    expect(await storeA.delete('ABCDEF')).toBe(true)
    expect(await storeB.get('ABCDEF')).toBeNull()
    const raw = new pg.Client({ connectionString: url })
    await raw.connect()
    await expect(raw.query("INSERT INTO tessera_rooms (id, title, access, created_at, updated_at) VALUES ('X', '', 'public', 0, 0)")).rejects.toThrow()
    await raw.end()
    await a.close()
    await b.close()
  })
})
