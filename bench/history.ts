/**
 * History costs (run once: `taskset -c 1 node scripts/tsx.mjs bench/history.ts`):
 *  1. storage bytes per hour of a 10-user editing session, with history (log kept, a version every
 *     5 minutes) versus a single snapshot; the storage cost of one version;
 *  2. compaction time with the replaced updates moved to the history log versus thrown away;
 *  3. a 10,000-item board: list versions, load + decode a version (what the panel does to show
 *     one), export it as tessera-scene JSON (GET …/versions/:id), and restore time.
 * Real SQLite files in a temp dir; the session is simulated (no sockets), timings are medians.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { exportScene } from '../src/doc/sceneJson'
import { restoreDoc } from '../src/doc/restore'
import { SqliteStorage } from '../server/storage/sqlite'

const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-history-'))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = (fn: () => void, runs = 5) => median(Array.from({ length: runs }, () => ((t) => (fn(), performance.now() - t))(performance.now())))

function rect(doc: Y.Doc, id: string, x: number, y: number): void {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries({ type: 'rect', pageId: 'page-1', x, y, width: 80, height: 60, rotation: 0, index: `a${id}`, fill: '#fca5a5', stroke: '#111', strokeWidth: 2, opacity: 1 })) m.set(k, v)
  doc.getMap('items').set(id, m)
}

function page(doc: Y.Doc): void {
  doc.getMap('pages').set('page-1', new Y.Map<unknown>([['name', 'Page 1'], ['index', 'a0']]))
}

/** 1. one hour, 10 users, each making one edit per second (1 in 10 a new shape, else a move of one of theirs). */
async function sessionBytes(): Promise<void> {
  const server = new Y.Doc()
  page(server)
  let clock = 0
  const storage = new SqliteStorage(path.join(dir, 'session'), { checkpointWorker: false, now: () => clock })
  await storage.append('r', Y.encodeStateAsUpdate(server))
  const users = Array.from({ length: 10 }, (_, u) => ({ doc: new Y.Doc(), mine: [] as string[], u }))
  for (const user of users) Y.applyUpdate(user.doc, Y.encodeStateAsUpdate(server))
  let rows = 0
  let versions = 0
  let seq = 0
  for (let s = 0; s < 3600; s++) {
    clock = s * 1000
    for (const user of users) {
      let update: Uint8Array | null = null
      user.doc.once('update', (u: Uint8Array) => (update = u))
      if (user.mine.length === 0 || (s + user.u) % 10 === 0) {
        const id = `u${user.u}-${seq++}`
        rect(user.doc, id, s % 1000, user.u * 100)
        user.mine.push(id)
      } else {
        const id = user.mine[(s * 7) % user.mine.length]!
        ;(user.doc.getMap('items').get(id) as Y.Map<unknown>).set('x', (s * 13) % 2000)
      }
      Y.applyUpdate(server, update!)
      for (const other of users) if (other !== user) Y.applyUpdate(other.doc, update!)
      await storage.append('r', update!)
      if (++rows >= 500) {
        await storage.compact('r', Y.encodeStateAsUpdate(server))
        rows = 0
      }
    }
    if (s > 0 && s % 300 === 0) {
      await storage.saveVersion('r', Y.encodeStateAsUpdate(server), { at: clock, label: null, by: ['u'], items: server.getMap('items').size, changes: {} })
      versions++
      rows = 0
    }
  }
  const size = (table: string, col: string) => (storage.db.prepare(`SELECT COALESCE(SUM(LENGTH(${col})), 0) AS b FROM ${table}`).get() as { b: number }).b
  const snapshot = Y.encodeStateAsUpdate(server).length
  const log = size('history', 'data')
  const states = size('versions', 'state')
  const live = size('updates', 'data')
  console.log(`1. session: 10 users × 1 edit/s × 1 h = 36,000 updates, ${server.getMap('items').size} items at the end`)
  console.log(`   single snapshot (no history): ${kb(snapshot)}`)
  console.log(`   with history: ${kb(log + states + live)} per hour = history log ${kb(log)} + ${versions} versions ${kb(states)} + live log ${kb(live)}`)
  console.log(`   one version of this board: ${kb(states / versions)} on average (the state at the end: ${kb(snapshot)})`)
  await storage.close()
}

/** 2. compaction of a 500-update log: moving the updates to history vs deleting them (the old behaviour). */
async function compaction(): Promise<void> {
  const storage = new SqliteStorage(path.join(dir, 'compact'), { checkpointWorker: false })
  const doc = new Y.Doc()
  page(doc)
  for (let i = 0; i < 2000; i++) rect(doc, `b${i}`, i, i)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => void updates.push(u))
  const fill = () => {
    updates.length = 0
    for (let i = 0; i < 500; i++) (doc.getMap('items').get(`b${i}`) as Y.Map<unknown>).set('x', Math.random())
    storage.appendSync('c', updates)
  }
  const snapshot = () => Y.encodeStateAsUpdate(doc)
  const withHistory: number[] = []
  const without: number[] = []
  const del = storage.db.prepare('DELETE FROM updates WHERE room = ?')
  const ins = storage.db.prepare('INSERT INTO updates (room, data, created_at, snapshot) VALUES (?, ?, ?, 1)')
  for (let run = 0; run < 7; run++) {
    fill()
    let t = performance.now()
    await storage.compact('c', snapshot())
    withHistory.push(performance.now() - t)
    fill()
    t = performance.now()
    const s = snapshot()
    storage.db.transaction(() => (del.run('c'), ins.run('c', s, Date.now())))()
    without.push(performance.now() - t)
  }
  console.log(`2. compaction (2,000-item board, 500 updates): ${ms(median(withHistory))} keeping them as history vs ${ms(median(without))} deleting them`)
  await storage.close()
}

/** 3. a 10,000-item board: list, show, export and restore a version. */
async function bigBoard(): Promise<void> {
  const storage = new SqliteStorage(path.join(dir, 'big'), { checkpointWorker: false })
  const doc = new Y.Doc()
  page(doc)
  for (let i = 0; i < 10_000; i++) rect(doc, `i${i}`, (i % 100) * 100, Math.floor(i / 100) * 80)
  const v = await storage.saveVersion('big', Y.encodeStateAsUpdate(doc), { at: 0, label: 'start', by: [], items: 10_000, changes: {} })
  for (let i = 1; i < 60; i++) await storage.saveVersion('big', Y.encodeStateAsUpdate(doc), { at: i, label: null, by: [], items: 10_000, changes: {} })
  const list = await timeAsync(() => storage.listVersions('big'))
  let state: Uint8Array = new Uint8Array()
  const load = await timeAsync(async () => void (state = (await storage.loadVersion('big', v.id))!))
  const decode = time(() => Y.applyUpdate(new Y.Doc(), state))
  const exportJson = time(() => {
    const d = new Y.Doc()
    Y.applyUpdate(d, state)
    JSON.stringify(exportScene(d))
  })
  // restore over a board where every item moved since the version
  const target = new Y.Doc()
  Y.applyUpdate(target, state)
  const restores: number[] = []
  let updateBytes = 0
  for (let run = 0; run < 3; run++) {
    const live = new Y.Doc()
    Y.applyUpdate(live, state)
    live.transact(() => live.getMap('items').forEach((m) => (m as Y.Map<unknown>).set('x', Math.random())))
    live.once('update', (u: Uint8Array) => (updateBytes = u.length))
    const t = performance.now()
    restoreDoc(live, target, null)
    restores.push(performance.now() - t)
  }
  console.log(`3. 10,000-item board (version state ${kb(state.length)}), 60 versions:`)
  console.log(`   list versions ${ms(list)}; load a version ${ms(load)} + decode ${ms(decode)} (what showing it costs besides drawing); GET as tessera-scene JSON ${ms(exportJson)}`)
  console.log(`   restore with all 10,000 items moved since: ${ms(median(restores))}, one update of ${kb(updateBytes)}`)
  await storage.close()
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    await fn()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`
const ms = (x: number) => `${x.toFixed(1)} ms`

try {
  await sessionBytes()
  await compaction()
  await bigBoard()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
