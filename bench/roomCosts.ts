// What a room costs: joining a 10,000-item room that is not loaded (ours from SQLite, Hocuspocus
// from its in-memory store, the reference keeps every room in memory), the server's memory per
// open room (200 rooms of 1,000 items, a real client in each) and after they close, and the bytes a
// client receives while 10 users move items and cursors at 30 Hz.
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, type ItemInit } from '../src/doc'
import { openClient } from './clients'
import { cpuSeconds, rssKiB, HOST, type Target } from './targets'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function items(n: number): ItemInit[] {
  return Array.from({ length: n }, (_, i) => ({ type: i % 2 ? 'rect' : 'sticky', x: (i % 100) * 120, y: Math.floor(i / 100) * 120, ...(i % 2 ? {} : { text: `note ${i}` }) }))
}

const boards = new Map<number, Uint8Array>()
/** A board of `n` items as one update (built once per size). */
export function board(n: number): Uint8Array {
  let u = boards.get(n)
  if (!u) {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, items(n))
    if (!r.ok) throw new Error(r.message)
    boards.set(n, (u = Y.encodeStateAsUpdate(doc)))
  }
  return u
}

function itemCount(doc: Y.Doc): number {
  return doc.getMap('items').size
}

/** Writes a board into `room` and waits until a second client sees all of it. */
async function populate(t: Target, room: string, n: number): Promise<void> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, board(n))
  const writer = openClient(t.name, t.port, room, { doc })
  await writer.synced
  const check = openClient(t.name, t.port, room)
  await check.synced
  for (let i = 0; i < 600 && itemCount(check.doc) < n; i++) await sleep(50)
  if (itemCount(check.doc) < n) throw new Error(`${t.name}: a second client saw ${itemCount(check.doc)} of ${n} items`)
  writer.destroy()
  check.destroy()
}

async function unloadedCount(port: number): Promise<number> {
  const res = await fetch(`http://${HOST}:${port}/metrics`, { headers: { connection: 'close' } })
  return Number(/^tessera_rooms_unloaded_total (\S+)$/m.exec(await res.text())?.[1] ?? NaN)
}

/** Join times (ms) of `runs` joins, each after every client left (ours: once the room unloaded). */
export async function coldJoins(t: Target, n: number, runs: number): Promise<number[]> {
  const room = `cold-${n}-${Date.now()}`
  let unloaded = t.name === 'ours' ? await unloadedCount(t.port) : 0
  await populate(t, room, n)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    if (t.name === 'ours') {
      for (let j = 0; j < 200 && (await unloadedCount(t.port)) <= unloaded; j++) await sleep(50)
      unloaded = await unloadedCount(t.port)
    } else await sleep(t.name === 'hocuspocus' ? 1500 : 500)
    const t0 = performance.now()
    const c = openClient(t.name, t.port, room)
    await c.synced
    for (let j = 0; j < 2000 && itemCount(c.doc) < n; j++) await sleep(1)
    times.push(performance.now() - t0)
    if (itemCount(c.doc) !== n) throw new Error(`${t.name}: join saw ${itemCount(c.doc)} items`)
    c.destroy()
  }
  return times
}

export interface MemoryResult {
  idleKiB: number
  openKiB: number
  perRoomKiB: number
  /** RSS with the rooms still open, `quietS` seconds after their last edit */
  quietKiB: number
  perQuietRoomKiB: number
  afterKiB: number
}

/** how long after its start a server's RSS is read as idle */
export const IDLE_SETTLE_MS = 10_000

/**
 * RSS idle, with `rooms` rooms of `n` items open (one client each), again once they have been
 * open without an edit for `quietS` (ours then holds idle documents as bytes: --idle-doc-seconds,
 * 30 by default), and `waitS` after they closed.
 */
export async function memoryPerRoom(t: Target, rooms: number, n: number, waitS: number, quietS: number): Promise<MemoryResult> {
  // idle once start-up has settled: V8 gives back the young generation grown while loading
  // modules only after a quiet spell (the reference's RSS drops ~4 MiB between 1 and 10 s, ours too)
  await sleep(IDLE_SETTLE_MS)
  const idleKiB = rssKiB(t.proc.pid!)
  const state = board(n)
  const clients = []
  for (let i = 0; i < rooms; i += 20) {
    const group = Array.from({ length: Math.min(20, rooms - i) }, (_, j) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      return openClient(t.name, t.port, `mem-${i + j}`, { doc })
    })
    await Promise.all(group.map((c) => c.synced))
    clients.push(...group)
  }
  const lastEdit = performance.now()
  await sleep(3000)
  const openKiB = rssKiB(t.proc.pid!)
  await sleep(Math.max(0, quietS * 1000 - (performance.now() - lastEdit)))
  const quietKiB = rssKiB(t.proc.pid!)
  for (const c of clients) c.destroy()
  await sleep(waitS * 1000)
  return {
    idleKiB, openKiB, perRoomKiB: (openKiB - idleKiB) / rooms, quietKiB, perQuietRoomKiB: (quietKiB - idleKiB) / rooms, afterKiB: rssKiB(t.proc.pid!),
  }
}

/**
 * Bytes each of `users` clients receives while all move an item and their cursor, `ticks` times
 * (at up to 30 Hz), counted until the room is quiet again: a fixed amount of work, so a load
 * generator slowed by a busy machine sends the same moves, only later. Given per client per
 * 30 ticks (= per second at 30 Hz), with the server's CPU seconds for that work.
 */
export async function bytesPerClient(t: Target, users: number, ticks: number): Promise<{ bytes: number; wire: number; cpu: number }> {
  const room = `bytes-${Date.now()}`
  const clients = Array.from({ length: users }, () => openClient(t.name, t.port, room, { presence: 'stock' }))
  await Promise.all(clients.map((c) => c.synced))
  const mine = clients.map((c, i) => {
    const item = new Y.Map<unknown>()
    c.doc.transact(() => {
      item.set('type', 'rect')
      item.set('x', 0)
      item.set('y', 0)
      c.doc.getMap('items').set(`item-${i}`, item)
    })
    c.awareness.setLocalState({ user: { name: `u${i}`, color: '#333' }, cursor: null, selection: [`item-${i}`], viewport: { x: 0, y: 0, zoom: 1, pageId: 'p' }, following: null })
    return item
  })
  await sleep(500)
  const start = clients.map((c) => c.received())
  const startWire = clients.map((c) => c.wire())
  const cpu0 = cpuSeconds(t.proc.pid!)
  for (let tick = 1; tick <= ticks; tick++) {
    const t0 = performance.now()
    clients.forEach((c, i) => {
      c.doc.transact(() => {
        mine[i]!.set('x', tick)
        mine[i]!.set('y', tick * 2)
      })
      c.awareness.setLocalStateField('cursor', { x: tick, y: tick * 2, pageId: 'p' })
    })
    await sleep(Math.max(0, 1000 / 30 - (performance.now() - t0)))
  }
  // until nothing has arrived for 500 ms (at most 20 s)
  const total = () => clients.reduce((n, c) => n + c.received(), 0)
  for (let last = -1, i = 0; i < 40 && total() !== last; i++) (last = total()), await sleep(500)
  const cpu = cpuSeconds(t.proc.pid!) - cpu0
  const got = clients.map((c, i) => c.received() - start[i]!)
  const wire = clients.map((c, i) => c.wire() - startWire[i]!)
  for (const c of clients) c.destroy()
  await sleep(300)
  const per30 = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / users / ticks) * 30)
  return { bytes: per30(got), wire: per30(wire), cpu: (cpu / ticks) * 30 }
}
