import Database from 'better-sqlite3'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRoomsStore, migrateRooms } from '../../../server/api/roomsStore'
import { tmpDir } from '../../helpers/tmpDir'

describe('rooms store', () => {
  const cleanups: Array<() => void> = []
  afterEach(() => cleanups.splice(0).reverse().forEach((f) => f()))
  const openDb = () => {
    const t = tmpDir('tessera-rooms-store-')
    const db = new Database(path.join(t.dir, 'db.sqlite'))
    cleanups.push(t.remove, () => db.close())
    return db
  }

  it('migrateRooms is idempotent', () => {
    const db = openDb()
    migrateRooms(db)
    migrateRooms(db)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'rooms'").all()).toHaveLength(1)
  })

  it('create, get, update and delete a room', async () => {
    const db = openDb()
    migrateRooms(db)
    const store = createRoomsStore(db)
    expect(await store.create({ id: 'ABCDEF', title: 'T', now: 1000 })).toEqual({ id: 'ABCDEF', title: 'T', access: 'private', codeAccess: false, linkNonce: '', tokenGen: 0, createdAt: 1000, updatedAt: 1000 })
    expect(await store.create({ id: 'ABCDEF', title: 'dup', now: 2000 })).toBeNull()
    expect((await store.get('ABCDEF'))?.title).toBe('T')
    expect(await store.update('ABCDEF', { access: 'edit' }, 3000)).toEqual({ id: 'ABCDEF', title: 'T', access: 'edit', codeAccess: false, linkNonce: '', tokenGen: 0, createdAt: 1000, updatedAt: 3000 })
    expect(await store.update('NOPE22', { title: 'x' })).toBeNull()
    expect(await store.delete('ABCDEF')).toBe(true)
    expect(await store.delete('ABCDEF')).toBe(false)
    expect(await store.get('ABCDEF')).toBeNull()
  })

  it('the table refuses access values outside private/view/edit', () => {
    const db = openDb()
    migrateRooms(db)
    expect(() => db.prepare("INSERT INTO rooms (id, title, access, created_at, updated_at) VALUES ('X', '', 'public', 0, 0)").run()).toThrow()
  })
})
