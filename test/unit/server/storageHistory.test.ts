import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import path from 'node:path'
import * as Y from 'yjs'
import { SqliteStorage, DATABASE_FILE } from '../../../server/storage/sqlite'
import { MemoryStorage } from '../../../server/storage/memory'
import { migrate, migrations } from '../../../server/storage/migrations'
import type { NewVersion, Storage } from '../../../server/storage/Storage'
import { useTmpDirs } from '../../helpers/tmpDir'
import { PostgresStorage } from '../../../server/storage/postgres'
import { startPostgres, type RunningPostgres } from '../../helpers/postgres'

const sqliteDir = useTmpDirs('tessera-history-')

/** A doc whose every edit is captured as an update. */
function editor(): { doc: Y.Doc; updates: Uint8Array[]; set: (k: string, v: number) => Uint8Array } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return {
    doc,
    updates,
    set: (k, v) => {
      doc.getMap('items').set(k, v)
      return updates[updates.length - 1]!
    },
  }
}

function version(at: number, extra: Partial<NewVersion> = {}): NewVersion {
  return { at, label: null, by: ['Ada'], items: 0, changes: {}, ...extra }
}

function stateOf(update: Uint8Array | null): Record<string, unknown> {
  const d = new Y.Doc()
  if (update) Y.applyUpdate(d, update)
  return d.getMap('items').toJSON()
}

// One throwaway PostgreSQL for the file; every test gets a fresh database on it.
let postgres: RunningPostgres
beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)
afterAll(() => postgres?.dispose())

const adapters: Array<[string, () => Storage | Promise<Storage>]> = [
  ['SqliteStorage', () => new SqliteStorage(sqliteDir(), { checkpointWorker: false })],
  ['MemoryStorage', () => new MemoryStorage()],
  ['PostgresStorage', async () => PostgresStorage.open(await postgres.createDatabase())],
]

describe.each(adapters)('%s history', (_name, make) => {
  it('a saved version keeps its exact state and the live log becomes that snapshot', async () => {
    const s = await make()
    const e = editor()
    await s.append('r', e.set('a', 1))
    await s.append('r', e.set('b', 2))
    const v1 = await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(1000, { items: 2, by: ['Ada', 'Bob'], changes: { Ada: 2 } }))
    await s.append('r', e.set('a', 3))
    expect((await s.stats('r')).updates).toBe(2)
    expect(stateOf(await s.loadVersion('r', v1.id))).toEqual({ a: 1, b: 2 })
    expect(stateOf(await s.load('r'))).toEqual({ a: 3, b: 2 })
    const [listed] = await s.listVersions('r')
    expect(listed).toEqual({ id: v1.id, at: 1000, label: null, by: ['Ada', 'Bob'], items: 2, changes: { Ada: 2 } })
    expect(await s.loadVersion('other', v1.id)).toBeNull()
    await s.close()
  })

  it('versions are listed newest first, named ones with their label', async () => {
    const s = await make()
    const e = editor()
    for (let i = 0; i < 3; i++) {
      await s.append('r', e.set(`k${i}`, i))
      await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(1000 * i, { label: i === 1 ? 'named' : null }))
    }
    const list = await s.listVersions('r')
    expect(list.map((v) => v.at)).toEqual([2000, 1000, 0])
    expect(list.map((v) => v.label)).toEqual([null, 'named', null])
    expect(list[0]!.id).toBeGreaterThan(list[1]!.id)
    await s.close()
  })

  it('the updates between two versions, applied to the earlier one, give the later one', async () => {
    const s = await make()
    const e = editor()
    await s.append('r', e.set('a', 1))
    const v1 = await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(1))
    await s.append('r', e.set('b', 2))
    await s.compact('r', Y.encodeStateAsUpdate(e.doc)) // an ordinary compaction in between keeps them too
    await s.append('r', e.set('c', 3))
    await s.append('r', e.set('a', 4))
    const v2 = await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(2))
    await s.append('r', e.set('d', 5))
    await s.compact('r', Y.encodeStateAsUpdate(e.doc))

    const between = await s.loadHistory('r', v1.id, v2.id)
    expect(between).toHaveLength(3)
    const replay = new Y.Doc()
    Y.applyUpdate(replay, (await s.loadVersion('r', v1.id))!)
    for (const u of between) Y.applyUpdate(replay, u.data)
    expect(replay.getMap('items').toJSON()).toEqual({ a: 4, b: 2, c: 3 })
    expect(await s.loadHistory('r', v2.id, null)).toHaveLength(1)
    expect(await s.loadHistory('r', null, v1.id)).toHaveLength(1)
    expect(await s.loadHistory('r', null, null)).toHaveLength(5)
    expect(await s.loadHistory('r', 999_999, null)).toEqual([])
    await s.close()
  })

  it('deleting versions leaves the others and the whole history log', async () => {
    const s = await make()
    const e = editor()
    const ids: number[] = []
    for (let i = 0; i < 4; i++) {
      await s.append('r', e.set(`k${i}`, i))
      ids.push((await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(i))).id)
    }
    await s.deleteVersions('r', [ids[1]!, ids[2]!])
    expect((await s.listVersions('r')).map((v) => v.id)).toEqual([ids[3], ids[0]])
    // the span from the first kept version to the next kept one now covers the deleted ones' updates
    expect(await s.loadHistory('r', ids[0]!, ids[3]!)).toHaveLength(3)
    await s.close()
  })

  it('assets are stored once per room and hash, and the totals count them', async () => {
    const s = await make()
    const data = new Uint8Array([1, 2, 3, 4])
    await s.putAsset('r', { hash: 'h1', type: 'image/png', data })
    await s.putAsset('r', { hash: 'h1', type: 'image/png', data })
    await s.putAsset('q', { hash: 'h1', type: 'image/png', data })
    expect(await s.loadAsset('r', 'h1')).toEqual({ hash: 'h1', type: 'image/png', data })
    expect(await s.loadAsset('r', 'nope')).toBeNull()
    expect(await s.loadAsset('x', 'h1')).toBeNull()
    expect(await s.assetTotals()).toEqual({ count: 2, bytes: 8 })
    await s.close()
  })

  it('deleting a room removes its log, versions, history and files, and nothing of other rooms', async () => {
    const s = await make()
    for (const room of ['gone', 'kept']) {
      const e = editor()
      await s.append(room, e.set('a', 1))
      await s.saveVersion(room, Y.encodeStateAsUpdate(e.doc), version(1))
      await s.append(room, e.set('b', 1))
      await s.putAsset(room, { hash: 'h', type: 'image/gif', data: new Uint8Array([9]) })
    }
    expect(await s.listRooms()).toEqual(['gone', 'kept'])
    await s.delete('gone')
    expect(await s.load('gone')).toBeNull()
    expect(await s.listVersions('gone')).toEqual([])
    expect(await s.loadHistory('gone', null, null)).toEqual([])
    expect(await s.loadAsset('gone', 'h')).toBeNull()
    expect(await s.listRooms()).toEqual(['kept'])
    expect(await s.listVersions('kept')).toHaveLength(1)
    expect(await s.loadAsset('kept', 'h')).not.toBeNull()
    expect(await s.assetTotals()).toEqual({ count: 1, bytes: 1 })
    await s.close()
  })
})

describe('SqliteStorage history on disk', () => {
  it('prunes the history log by append time only for that room', async () => {
    let now = 1_000
    const s = new SqliteStorage(sqliteDir(), { checkpointWorker: false, now: () => now })
    const e = editor()
    for (const room of ['r', 'q']) await s.append(room, e.set('a', 1))
    now = 5_000
    await s.append('r', e.set('b', 2))
    await s.compact('r', Y.encodeStateAsUpdate(e.doc))
    await s.compact('q', Y.encodeStateAsUpdate(e.doc))
    await s.pruneHistory('r', 2_000)
    expect((await s.loadHistory('r', null, null)).map((h) => h.at)).toEqual([5_000])
    expect(await s.loadHistory('q', null, null)).toHaveLength(1)
    await s.close()
  })

  it('a database of the previous schema is upgraded with its rooms intact and keeps history from then on', async () => {
    const dir = sqliteDir()
    const old = new Database(path.join(dir, DATABASE_FILE))
    migrate(old, migrations.slice(0, 2))
    const e = editor()
    old.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, 0)').run('r', e.set('a', 1))
    old.close()
    const s = new SqliteStorage(dir, { checkpointWorker: false })
    expect(stateOf(await s.load('r'))).toEqual({ a: 1 })
    await s.append('r', e.set('b', 2))
    const v = await s.saveVersion('r', Y.encodeStateAsUpdate(e.doc), version(1))
    expect(stateOf(await s.loadVersion('r', v.id))).toEqual({ a: 1, b: 2 })
    await s.close()
    const raw = new Database(path.join(dir, DATABASE_FILE), { readonly: true })
    expect(raw.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 2 })
    raw.close()
  })
})
