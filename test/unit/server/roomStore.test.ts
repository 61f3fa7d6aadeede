import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { RoomStore } from '../../../server/roomStore'
import { SqliteStorage } from '../../../server/storage/sqlite'
import { createMetrics } from '../../../server/metrics'
import { createLogger } from '../../../server/log'
import { tmpDir } from '../../helpers/tmpDir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  vi.useRealTimers()
  for (const c of cleanups.splice(0).reverse()) await c()
})

function setup(opts: { compactAfterUpdates: number; compactAfterBytes?: number; cold?: () => boolean }) {
  const dir = tmpDir('tessera-roomstore-')
  const storage = new SqliteStorage(dir.dir)
  cleanups.push(() => dir.remove(), () => storage.close())
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => void updates.push(u))
  const store = new RoomStore({
    room: 'r',
    storage,
    metrics: createMetrics(),
    log: createLogger({ silent: true }),
    compactAfterUpdates: opts.compactAfterUpdates,
    compactAfterBytes: opts.compactAfterBytes ?? 1 << 30,
    rows: 0,
    bytes: 0,
    document: () => (opts.cold?.() ? null : doc),
  })
  cleanups.push(() => store.dispose())
  /** makes `n` edits and appends each one synchronously, as the room's hot path does */
  let edits = 0
  const edit = (n: number) => {
    for (let i = 0; i < n; i++) doc.getMap('items').set(`k${edits++}`, i)
    store.appendSync(updates.splice(0))
  }
  const stored = async () => (await storage.stats('r')).updates
  return { store, storage, doc, edit, stored }
}

describe('RoomStore', () => {
  it('counts appended rows and leaves a log under its threshold alone', async () => {
    vi.useFakeTimers()
    const s = setup({ compactAfterUpdates: 10 })
    s.edit(9)
    expect(s.store.rows).toBe(9)
    await vi.advanceTimersByTimeAsync(5_000)
    await s.store.idle()
    expect(await s.stored()).toBe(9)
  })

  it('compacts an over-threshold log once the room has been quiet for a second, not before', async () => {
    vi.useFakeTimers()
    const s = setup({ compactAfterUpdates: 10 })
    s.edit(12)
    await vi.advanceTimersByTimeAsync(900)
    s.edit(1) // restarts the quiet period
    await vi.advanceTimersByTimeAsync(900)
    expect(await s.stored()).toBe(13)
    await vi.advanceTimersByTimeAsync(200)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
    expect(s.store.rows).toBe(1)
    // the snapshot holds every edit
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, (await s.storage.load('r'))!)
    expect(loaded.getMap('items').size).toBe(13)
  })

  it('compacts at once, without waiting for quiet, when the log is 4× over its threshold', async () => {
    vi.useFakeTimers()
    const s = setup({ compactAfterUpdates: 10 })
    s.edit(39)
    await s.store.idle()
    expect(await s.stored()).toBe(39)
    s.edit(1)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
  })

  it('compacts on the byte threshold too', async () => {
    vi.useFakeTimers()
    const s = setup({ compactAfterUpdates: 1_000_000, compactAfterBytes: 200 })
    s.edit(30)
    await vi.advanceTimersByTimeAsync(1_100)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
  })

  it('rewrites a snapshot larger than the byte threshold only once the log has added as much again, not after every update', async () => {
    vi.useFakeTimers()
    const s = setup({ compactAfterUpdates: 1_000_000, compactAfterBytes: 200 })
    s.edit(300)
    await vi.advanceTimersByTimeAsync(1_100)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
    const snapshotBytes = (await s.storage.stats('r')).bytes
    expect(snapshotBytes).toBeGreaterThan(1_000)
    // a few small updates: past the 200-byte threshold, far from the snapshot's own size
    s.edit(10)
    await vi.advanceTimersByTimeAsync(1_100)
    await s.store.idle()
    expect(await s.stored()).toBe(11)
    // enough to add the snapshot's size again: rewritten
    while ((await s.storage.stats('r')).bytes < 2 * snapshotBytes) s.edit(20)
    await vi.advanceTimersByTimeAsync(1_100)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
  })

  it('does not compact while the document is unavailable (a cold room)', async () => {
    vi.useFakeTimers()
    let cold = true
    const s = setup({ compactAfterUpdates: 10, cold: () => cold })
    s.edit(50)
    await vi.advanceTimersByTimeAsync(2_000)
    await s.store.idle()
    expect(await s.stored()).toBe(50)
    cold = false
    s.edit(1)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
  })

  it('runs serial tasks in order, and a failing task neither stops the queue nor escapes', async () => {
    const s = setup({ compactAfterUpdates: 10 })
    const order: number[] = []
    void s.store.serial(async () => {
      await new Promise((r) => setTimeout(r, 20))
      order.push(1)
    })
    expect(s.store.canAppendNow).toBe(false)
    void s.store.serial(async () => {
      throw new Error('boom')
    })
    await s.store.serial(async () => void order.push(3))
    expect(order).toEqual([1, 3])
    expect(s.store.canAppendNow).toBe(true)
  })

  it('goes on appending while a compaction is built off the main thread; what came meanwhile stays after the snapshot', async () => {
    const s = setup({ compactAfterUpdates: 10 })
    // three edits arrive after the worker has read the log, before its snapshot is written
    const build = s.storage.stageCompaction.bind(s.storage)
    let appendable: boolean | null = null
    s.storage.stageCompaction = async (room: string) => {
      const got = await build(room)
      s.storage.stageCompaction = build
      // the room's appends do not wait for the worker (they did: the room held every relay meanwhile)
      appendable = s.store.canAppendNow
      s.edit(3)
      return got
    }
    s.edit(40) // 4× over: the compaction starts at once
    await s.store.idle()
    expect(appendable).toBe(true)
    // the snapshot replaced the 40 rows it read; the 3 appended meanwhile are still there, after it
    expect(await s.stored()).toBe(4)
    expect(s.store.rows).toBe(4)
    const stored = await s.storage.load('r')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, stored!)
    expect(copy.getMap('items').toJSON()).toEqual(s.doc.getMap('items').toJSON())
    expect(copy.getMap('items').size).toBe(43)
    // the next compaction covers the snapshot and the rows after it
    s.edit(40)
    await s.store.idle()
    expect(await s.stored()).toBe(1)
    const again = new Y.Doc()
    Y.applyUpdate(again, (await s.storage.load('r'))!)
    expect(again.getMap('items').size).toBe(83)
  })

  it('drops a compaction built before the log was rewritten (a version saved meanwhile)', async () => {
    const s = setup({ compactAfterUpdates: 10 })
    s.edit(40)
    // a version rewrites the log while the background snapshot is being built
    await s.store.serial(async () => void (await s.store.saveVersion(s.doc, { at: Date.now(), label: 'v', by: [], items: 0, changes: {} })))
    s.edit(2)
    await s.store.idle()
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (await s.storage.load('r'))!)
    expect(copy.getMap('items').size).toBe(42)
    expect(await s.stored()).toBe(3)
  })
})
