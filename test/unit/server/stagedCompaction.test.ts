import { spawn } from 'node:child_process'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, SqliteStorage } from '../../../server/storage/sqlite'
import { PART_BYTES } from '../../../server/storage/stagedCompaction'
import { tmpDir } from '../../helpers/tmpDir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const CHILD = path.join(root, 'test', 'helpers', 'stagedCompactionChild.ts')
/** log entries of the room written by `fill`: 16 updates of ~64 KB (about 1 MB: the snapshot is cut into 4+ parts) */
const ENTRIES = 16

function open(dir: string): SqliteStorage {
  const s = new SqliteStorage(dir)
  cleanups.push(() => s.close())
  return s
}

/** A board of ENTRIES separate updates, each appended as its own log entry; returns its items. */
async function fill(storage: SqliteStorage, room = 'r'): Promise<Record<string, unknown>> {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => void updates.push(u))
  for (let i = 0; i < ENTRIES; i++) doc.getMap('items').set(`k${i}`, `${i}:`.padEnd(64 * 1024, String.fromCharCode(97 + (i % 26))))
  for (const u of updates) await storage.append(room, u)
  return doc.getMap('items').toJSON()
}

async function items(storage: SqliteStorage, room = 'r'): Promise<Record<string, unknown>> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await storage.load(room))!)
  return doc.getMap('items').toJSON()
}

function raw(dir: string) {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true })
  cleanups.push(() => void db.close())
  const n = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n
  return { db, n }
}

/** rows changed by this connection so far (SQLite's total_changes) */
const changes = (s: SqliteStorage) => (s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n

describe('staged compaction (SQLite)', () => {
  it('is written beside the log by the worker, in parts, while the room reads as before; the commit changes one row; the replaced entries go afterwards', async () => {
    const dir = tmpDir('tessera-staged-')
    cleanups.push(() => dir.remove())
    const storage = open(dir.dir)
    const before = await fill(storage)
    const historyBefore = (await storage.loadHistory('r', null, null)).length

    const staged = (await storage.stageCompaction('r'))!
    const { n } = raw(dir.dir)
    // the snapshot is stored, cut into parts no larger than PART_BYTES…
    const parts = n('SELECT COUNT(*) AS n FROM updates WHERE part_of = ?', staged.staged)
    expect(parts).toBeGreaterThanOrEqual(4)
    expect(n('SELECT MAX(LENGTH(data)) AS n FROM updates WHERE part_of = ?', staged.staged)).toBeLessThanOrEqual(PART_BYTES)
    expect(n('SELECT SUM(LENGTH(data)) AS n FROM updates WHERE part_of = ?', staged.staged)).toBe(staged.snapshotBytes)
    expect(n('SELECT COUNT(*) AS n FROM history WHERE part_of = ?', staged.staged)).toBe(ENTRIES)
    // …and is invisible: the room, its counts and its history read exactly as before
    expect(await items(storage)).toEqual(before)
    expect(await storage.stats('r')).toMatchObject({ updates: ENTRIES })
    expect((await storage.loadHistory('r', null, null)).length).toBe(historyBefore)

    // the main connection's whole write for the commit: one small row
    const c0 = changes(storage)
    await storage.commitCompaction(staged)
    expect(changes(storage) - c0).toBe(1)
    expect(await items(storage)).toEqual(before)
    expect(await storage.stats('r')).toEqual({ updates: 1, bytes: staged.snapshotBytes })
    const moved = await storage.loadHistory('r', null, null)
    expect(moved.length).toBe(ENTRIES)
    const replayed = new Y.Doc()
    for (const u of moved) Y.applyUpdate(replayed, u.data)
    expect(replayed.getMap('items').toJSON()).toEqual(before)
    // the replaced entries are still on disk (invisible) until finished, deleted by the worker's connection
    expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r' AND part_of IS NULL")).toBe(ENTRIES)
    const c1 = changes(storage)
    await storage.finishCompaction(staged)
    expect(changes(storage)).toBe(c1)
    expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")).toBe(parts)
    expect(n('SELECT COUNT(*) AS n FROM compactions')).toBe(0)

    await storage.close()
    const again = open(dir.dir)
    expect(await items(again)).toEqual(before)
    expect((await again.loadHistory('r', null, null)).length).toBe(ENTRIES)
  })

  it('lets the main connection append between its short transactions; what came meanwhile stays after the snapshot', async () => {
    const dir = tmpDir('tessera-staged-')
    cleanups.push(() => dir.remove())
    const storage = open(dir.dir)
    const before = await fill(storage)
    const doc = new Y.Doc()
    let more = 0
    let done = false
    const staging = storage.stageCompaction('r').finally(() => (done = true))
    // a small edit every millisecond while the worker writes (the main thread is free meanwhile)
    while (!done) {
      const u = (() => {
        const got: Uint8Array[] = []
        doc.once('update', (x: Uint8Array) => void got.push(x))
        doc.getMap('items').set(`late${more++}`, more)
        return got[0]!
      })()
      storage.appendSync('r', [u])
      await new Promise((r) => setTimeout(r, 1))
    }
    const staged = (await staging)!
    const { n } = raw(dir.dir)
    // some of those appends landed between the snapshot's parts: the worker did not hold the lock throughout
    const first = n('SELECT MIN(id) AS n FROM updates WHERE part_of = ?', staged.staged)
    const last = n('SELECT MAX(id) AS n FROM updates WHERE part_of = ?', staged.staged)
    expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r' AND part_of IS NULL AND id > ? AND id < ?", first, last)).toBeGreaterThan(0)
    // the appends after the worker read the log are not covered by the snapshot: they stay as entries after it
    const after = n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r' AND part_of IS NULL AND id > ?", staged.upTo)
    expect(after).toBeGreaterThan(0)
    await storage.commitCompaction(staged)
    await storage.finishCompaction(staged)
    const all = await items(storage)
    expect(Object.keys(all).length).toBe(ENTRIES + more)
    expect(all).toMatchObject(before)
    expect(await storage.stats('r')).toMatchObject({ updates: 1 + after })
  })

  it('a staged compaction that is not committed (the log was rewritten meanwhile) leaves nothing behind', async () => {
    const dir = tmpDir('tessera-staged-')
    cleanups.push(() => dir.remove())
    const storage = open(dir.dir)
    const before = await fill(storage)
    const staged = (await storage.stageCompaction('r'))!
    // a version (or discard, or any rewrite) replaces the log on the main thread meanwhile
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await storage.load('r'))!)
    await storage.saveVersion('r', Y.encodeStateAsUpdate(doc), { at: Date.now(), label: 'v', by: [], items: ENTRIES, changes: {} })
    await storage.finishCompaction(staged)
    const { n } = raw(dir.dir)
    expect(n('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL')).toBe(0)
    expect(n('SELECT COUNT(*) AS n FROM history WHERE part_of IS NOT NULL')).toBe(0)
    expect(n('SELECT COUNT(*) AS n FROM compactions')).toBe(0)
    expect(await items(storage)).toEqual(before)
    // every update is in the history once (the version moved them; the dropped compaction's copies are gone)
    expect((await storage.loadHistory('r', null, null)).length).toBe(ENTRIES)
    await expect(storage.commitCompaction(staged)).rejects.toThrow(/gone/)
  })

  it('a version is saved the same way: its state staged in parts, the commit writes two small rows; it reads back whole and goes with retention and with the room', async () => {
    const dir = tmpDir('tessera-staged-')
    cleanups.push(() => dir.remove())
    const storage = open(dir.dir)
    const before = await fill(storage)
    const staged = (await storage.stageCompaction('r', { version: true }))!
    const { n } = raw(dir.dir)
    expect(n('SELECT COUNT(*) AS n FROM version_parts WHERE part_of = ?', staged.staged)).toBeGreaterThanOrEqual(4)
    expect(n('SELECT MAX(LENGTH(data)) AS n FROM version_parts')).toBeLessThanOrEqual(PART_BYTES)
    expect(await storage.listVersions('r')).toEqual([])
    const c0 = changes(storage)
    const v = await storage.commitVersion(staged, { at: 1_000, label: 'v1', by: ['ann'], items: ENTRIES, changes: { ann: ENTRIES } })
    expect(changes(storage) - c0).toBe(2) // the compaction's record and the version's row
    expect(n('SELECT MAX(LENGTH(state)) AS n FROM versions')).toBe(0)
    await storage.finishCompaction(staged)
    expect((await storage.listVersions('r')).map((x) => x.label)).toEqual(['v1'])
    const state = new Y.Doc()
    Y.applyUpdate(state, (await storage.loadVersion('r', v.id))!)
    expect(state.getMap('items').toJSON()).toEqual(before)
    expect(await items(storage)).toEqual(before)
    // the span up to this version holds every update once
    expect((await storage.loadHistory('r', null, v.id)).length).toBe(ENTRIES)
    await storage.deleteVersions('r', [v.id])
    expect(n('SELECT COUNT(*) AS n FROM version_parts')).toBe(0)
    const again = await storage.commitVersion((await storage.stageCompaction('r', { version: true }))!, { at: 2_000, label: null, by: [], items: ENTRIES, changes: {} })
    expect(again.id).toBeGreaterThan(v.id)
    await storage.delete('r')
    expect(n('SELECT COUNT(*) AS n FROM version_parts')).toBe(0)
    expect(await storage.listVersions('r')).toEqual([])
  })

  it('once the server is shutting down, nothing more is staged: compactions are written by the main thread', async () => {
    const dir = tmpDir('tessera-staged-')
    cleanups.push(() => dir.remove())
    const storage = open(dir.dir)
    const before = await fill(storage)
    storage.shuttingDown()
    expect(await storage.stageCompaction('r')).toBeNull()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await storage.load('r'))!)
    await storage.compact('r', Y.encodeStateAsUpdate(doc))
    const { n } = raw(dir.dir)
    expect(n('SELECT COUNT(*) AS n FROM compactions')).toBe(0)
    expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")).toBe(1)
    expect(await items(storage)).toEqual(before)
  })

  for (const mode of ['staging', 'version', 'committed', 'finishing'] as const) {
    const when = {
      staging: 'the snapshot is being written',
      version: "a version's state is being written",
      committed: 'the compaction is committed but nothing is deleted yet',
      finishing: 'the replaced entries are being deleted',
    }[mode]
    it(`a process killed while ${when} reopens with the room whole, once, and nothing left over`, async () => {
      const dir = tmpDir('tessera-staged-')
      cleanups.push(() => dir.remove())
      const first = new SqliteStorage(dir.dir)
      const before = await fill(first)
      await first.close()

      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir.dir, mode], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
      let err = ''
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
      const ended = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
      expect(ended, err).toEqual({ code: null, signal: 'SIGKILL' })

      // what the killed process left: a compaction record, and rows that are not (or no longer) part of the log
      const left = raw(dir.dir)
      const staging = mode === 'staging' || mode === 'version'
      expect(left.n('SELECT COUNT(*) AS n FROM compactions WHERE done = ?', staging ? 0 : 1)).toBe(1)
      if (mode === 'version') expect(left.n('SELECT COUNT(*) AS n FROM version_parts')).toBeGreaterThan(0)
      const partsLeft = left.n('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL')
      expect(partsLeft).toBeGreaterThan(0)
      left.db.close()

      const storage = open(dir.dir)
      expect(await items(storage)).toEqual(before)
      const { n } = raw(dir.dir)
      expect(n('SELECT COUNT(*) AS n FROM compactions')).toBe(0)
      const history = await storage.loadHistory('r', null, null)
      if (staging) {
        // as before the compaction: the 16 entries, no staged rows, nothing in the history
        expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")).toBe(ENTRIES)
        expect(n('SELECT COUNT(*) AS n FROM updates WHERE part_of IS NOT NULL')).toBe(0)
        expect(n('SELECT COUNT(*) AS n FROM history')).toBe(0)
        expect(history.length).toBe(0)
        expect(n('SELECT COUNT(*) AS n FROM version_parts')).toBe(0)
        expect(await storage.listVersions('r')).toEqual([])
      } else {
        // as after it: only the snapshot's parts, each replaced update in the history once
        expect(n("SELECT COUNT(*) AS n FROM updates WHERE room = 'r'")).toBe(partsLeft)
        expect(await storage.stats('r')).toMatchObject({ updates: 1 })
        expect(history.length).toBe(ENTRIES)
      }
    })
  }
})
