import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, SqliteStorage } from '../../../server/storage/sqlite'
import { PART_BYTES } from '../../../server/storage/stagedCompaction'
import { tmpDir } from '../../helpers/tmpDir'

// A big update is written by a worker thread beside the log, in parts, and made the log's last
// entry by one small commit on the main connection (server/storage/stagedAppend.ts).

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const CHILD = path.join(root, 'test', 'helpers', 'stagedAppendChild.ts')

function open(dir: string): SqliteStorage {
  const s = new SqliteStorage(dir)
  cleanups.push(() => s.close())
  return s
}

function fresh(): string {
  const dir = tmpDir('tessera-staged-append-')
  cleanups.push(() => dir.remove())
  return dir.dir
}

/** a writer's updates: a small edit, a paste of `chars` characters, another small edit */
function edits(chars: number): { small: Uint8Array; big: Uint8Array; after: Uint8Array } {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => void out.push(u))
  doc.getMap('items').set('first', 1)
  doc.getText('notes').insert(0, 'p'.repeat(chars))
  doc.getMap('items').set('after', 2)
  doc.destroy()
  return { small: out[0]!, big: out[1]!, after: out[2]! }
}

async function read(storage: SqliteStorage, room = 'r'): Promise<{ items: Record<string, unknown>; notes: number }> {
  const doc = new Y.Doc()
  const state = await storage.load(room)
  if (state) Y.applyUpdate(doc, state)
  return { items: doc.getMap('items').toJSON(), notes: doc.getText('notes').length }
}

function raw(dir: string) {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true })
  cleanups.push(() => void db.close())
  return (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n
}

/** rows changed by this connection so far (SQLite's total_changes) */
const changes = (s: SqliteStorage) => (s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n

describe('a big update appended off the main thread (SQLite)', () => {
  it('is written in parts of at most 256 KiB by the worker, invisible until one small row is committed, then read, counted and moved to history as one update', async () => {
    const dir = fresh()
    const storage = open(dir)
    const { small, big, after } = edits(1_200_000)
    storage.appendSync('r', [small])

    const before = changes(storage)
    // its memory is lent to the worker (detached meanwhile) and comes back byte for byte
    const lent = big.slice()
    const answer = await storage.stageAppend('r', lent, true)
    expect(lent.byteLength).toBe(0)
    expect(Buffer.from(answer.update).equals(Buffer.from(big))).toBe(true)
    const staged = answer.staged!
    expect(staged).not.toBeNull()
    // the main connection wrote nothing: the parts are the worker's
    expect(changes(storage)).toBe(before)
    const n = raw(dir)
    expect(n('SELECT COUNT(*) AS n FROM updates WHERE part_of = ?', staged)).toBe(Math.ceil(big.length / PART_BYTES))
    expect(n('SELECT COUNT(*) AS n FROM updates WHERE part_of = ?', staged)).toBeGreaterThanOrEqual(5)
    expect(n('SELECT MAX(LENGTH(data)) AS n FROM updates WHERE part_of = ?', staged)).toBeLessThanOrEqual(PART_BYTES)
    // not part of the room yet
    expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 0 })
    expect(await storage.stats('r')).toEqual({ updates: 1, bytes: small.length })

    storage.commitAppend('r', staged, big.length)
    expect(changes(storage) - before).toBe(1)
    storage.appendSync('r', [after])
    expect(await read(storage)).toEqual({ items: { first: 1, after: 2 }, notes: 1_200_000 })
    expect(await storage.stats('r')).toEqual({ updates: 3, bytes: small.length + big.length + after.length })
    // in the log's order: the parts sit between the two small updates
    const ids = storage.db.prepare<[], { part_of: number | null }>("SELECT part_of FROM updates WHERE room = 'r' ORDER BY id").all()
    expect(ids.map((r) => (r.part_of === null ? 'small' : 'part'))).toEqual(['small', ...ids.slice(1, -1).map(() => 'part'), 'small'])

    // a compaction on the main thread (as at shutdown) moves it to history as it was appended
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await storage.load('r'))!)
    await storage.compact('r', Y.encodeStateAsUpdate(doc))
    const history = await storage.loadHistory('r', null, null)
    expect(history.map((h) => h.data.length)).toEqual([small.length, big.length, after.length])
    expect(Buffer.from(history[1]!.data).equals(Buffer.from(big))).toBe(true)
  })

  it("is moved to history whole by the worker's staged compaction too", async () => {
    const storage = open(fresh())
    const { small, big } = edits(700_000)
    storage.appendSync('r', [small])
    storage.commitAppend('r', (await storage.stageAppend('r', big)).staged!, big.length)
    const staged = (await storage.stageCompaction('r'))!
    await storage.commitCompaction(staged)
    await storage.finishCompaction(staged)
    expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 700_000 })
    const history = await storage.loadHistory('r', null, null)
    expect(history.map((h) => h.data.length)).toEqual([small.length, big.length])
  })

  it('is taken out of the log whole when discarded (it did not apply)', async () => {
    const dir = fresh()
    const storage = open(dir)
    const { small, big } = edits(700_000)
    storage.appendSync('r', [small])
    storage.commitAppend('r', (await storage.stageAppend('r', big)).staged!, big.length)
    await storage.discard('r', big)
    expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 0 })
    expect(raw(dir)("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")).toBe(1)
  })

  it('is refused at the commit, nothing visible, when one of its parts is gone', async () => {
    const dir = fresh()
    const storage = open(dir)
    const { small, big } = edits(700_000)
    storage.appendSync('r', [small])
    const staged = (await storage.stageAppend('r', big)).staged!
    storage.db.prepare('DELETE FROM updates WHERE id = (SELECT MIN(id) FROM updates WHERE part_of = ?)').run(staged)
    expect(() => storage.commitAppend('r', staged, big.length)).toThrow(/gone or incomplete/)
    expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 0 })
    expect(await storage.stats('r')).toEqual({ updates: 1, bytes: small.length })
  })

  for (const mode of ['staging', 'committed'] as const) {
    const when = { staging: 'while its parts are being written', committed: 'right after the commit' }[mode]
    it(`a process killed ${when} reopens with the update wholly ${mode === 'staging' ? 'absent' : 'there'}`, async () => {
      const dir = fresh()
      const first = new SqliteStorage(dir)
      const { small, big } = edits(3_000_000)
      first.appendSync('r', [small])
      await first.close()
      const file = path.join(dir, 'big.update')
      writeFileSync(file, big)

      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, file, mode], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
      let err = ''
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
      const ended = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
      expect(ended, err).toEqual({ code: null, signal: 'SIGKILL' })

      // what the killed process left: parts, with (staging) or without (committed) their record
      const left = raw(dir)
      expect(left('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL')).toBeGreaterThan(0)
      expect(left('SELECT COUNT(*) AS n FROM compactions')).toBe(mode === 'staging' ? 1 : 0)

      const storage = open(dir)
      const n = raw(dir)
      if (mode === 'staging') {
        expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 0 })
        expect(n('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL')).toBe(0)
        expect(await storage.stats('r')).toEqual({ updates: 1, bytes: small.length })
      } else {
        expect(await read(storage)).toEqual({ items: { first: 1 }, notes: 3_000_000 })
        expect(await storage.stats('r')).toEqual({ updates: 2, bytes: small.length + big.length })
      }
      expect(n('SELECT COUNT(*) AS n FROM compactions')).toBe(0)
    })
  }
})
