import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Rooms } from '../../../server/rooms'
import type { Room } from '../../../server/room'
import { MemoryStorage } from '../../../server/storage/memory'
import { createMetrics, type Metrics } from '../../../server/metrics'
import { createLogger } from '../../../server/log'
import { waitFor } from '../../helpers/waitFor'

/** A gate a storage call waits at until the test opens it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

/**
 * MemoryStorage whose loads are slow (so concurrent first users overlap) and counted, and whose
 * compactions can be held at a gate (so an unload can be caught half-way).
 */
class SlowStorage extends MemoryStorage {
  loads = 0
  /** what each load returned, in order */
  readonly loaded: Array<Uint8Array | null> = []
  readonly events: string[] = []
  compactGate: Promise<void> | null = null

  constructor(private readonly loadDelayMs: number) {
    super()
  }

  override async load(room: string): Promise<Uint8Array | null> {
    this.loads++
    this.events.push('load')
    await new Promise((r) => setTimeout(r, this.loadDelayMs))
    const state = await super.load(room)
    this.loaded.push(state)
    return state
  }

  override async compact(room: string, snapshot: Uint8Array): Promise<void> {
    this.events.push('compact start')
    if (this.compactGate) await this.compactGate
    await super.compact(room, snapshot)
    this.events.push('compact end')
  }
}

const GRACE_MS = 50

let rooms: Rooms | undefined
afterEach(async () => {
  await rooms?.closeAll()
  rooms = undefined
})

function setup(loadDelayMs = 100): { rooms: Rooms; storage: SlowStorage; metrics: Metrics } {
  const storage = new SlowStorage(loadDelayMs)
  const metrics = createMetrics()
  rooms = new Rooms({ storage, metrics, log: createLogger({ silent: true }), unloadGraceMs: GRACE_MS })
  return { rooms, storage, metrics }
}

async function counter(metrics: Metrics, name: 'roomsLoaded' | 'roomsUnloaded'): Promise<number> {
  return (await metrics[name].get()).values[0]?.value ?? 0
}

/** Reads a room's document through its public API (transact hydrates a cold room first). */
async function contentOf(room: Room): Promise<Record<string, unknown>> {
  let content: Record<string, unknown> = {}
  await room.transact((doc) => {
    content = doc.getMap('items').toJSON()
  })
  return content
}

describe('Rooms: loading and unloading', () => {
  it('concurrent first users share one load and get the same Room', async () => {
    const { rooms, storage, metrics } = setup()
    const [a, b, c] = await Promise.all([rooms.acquire('r'), rooms.acquire('r'), rooms.acquire('r')])
    expect(storage.loads).toBe(1)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(rooms.get('r')).toBe(a)
    expect(rooms.size).toBe(1)
    expect(await counter(metrics, 'roomsLoaded')).toBe(1)
    // A later user of the loaded room does not load again either.
    expect(await rooms.acquire('r')).toBe(a)
    expect(storage.loads).toBe(1)
  })

  it('keeps a room while any reference is held and unloads it a grace period after the last release', async () => {
    const { rooms, metrics } = setup(10)
    const room = (await Promise.all([rooms.acquire('r'), rooms.acquire('r'), rooms.acquire('r')]))[0]
    rooms.release('r')
    rooms.release('r')
    await new Promise((r) => setTimeout(r, GRACE_MS * 4))
    expect(rooms.get('r')).toBe(room)

    rooms.release('r')
    expect(rooms.get('r')).toBe(room) // not before the grace period
    await waitFor(() => rooms.get('r') === undefined, { message: 'the room to unload' })
    expect(rooms.size).toBe(0)
    await waitFor(async () => (await counter(metrics, 'roomsUnloaded')) === 1, { message: 'the unload to complete' })
    expect(await counter(metrics, 'roomsLoaded')).toBe(0)
  })

  it('a user arriving while the room unloads waits for the flush and gets a fresh Room with the flushed state', async () => {
    const { rooms, storage, metrics } = setup(10)
    const first = await rooms.acquire('r')
    // Three server-side edits: three log rows, so the unload's flush writes a snapshot.
    for (let i = 0; i < 3; i++) {
      await first.transact((doc) => {
        doc.getMap('items').set(`k${i}`, i)
      })
    }
    expect((await storage.stats('r')).updates).toBe(3)

    const held = gate()
    storage.compactGate = held.promise
    rooms.release('r')
    await waitFor(() => storage.events.includes('compact start'), { message: 'the unload to start compacting' })
    expect(rooms.get('r')).toBeUndefined()

    let second: Room | undefined
    const acquiring = rooms.acquire('r').then((r) => (second = r))
    // While the flush is held, the new user waits and nothing is loaded.
    await new Promise((r) => setTimeout(r, 100))
    expect(second).toBeUndefined()
    expect(storage.loads).toBe(1)

    held.open()
    await acquiring
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    expect(rooms.get('r')).toBe(second)
    // The load ran after the compaction finished, and read the one snapshot row.
    expect(storage.events).toEqual(['load', 'compact start', 'compact end', 'load'])
    expect((await storage.stats('r')).updates).toBe(1)
    const loaded = storage.loaded[1]
    expect(loaded).not.toBeNull()
    const check = new Y.Doc()
    Y.applyUpdate(check, loaded!)
    expect(check.getMap('items').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2 })
    check.destroy()
    expect(second!.isCold()).toBe(true)
    expect(await contentOf(second!)).toEqual({ k0: 0, k1: 1, k2: 2 })
    expect(await counter(metrics, 'roomsUnloaded')).toBe(1)
    expect(await counter(metrics, 'roomsLoaded')).toBe(1)
  })
})

describe('Rooms: busy (no forced full collection meanwhile)', () => {
  it('is busy while a joiner arrives and for a while after, then idle again', async () => {
    const { rooms, metrics } = setup(5)
    expect(rooms.busy()).toBe(false)
    await rooms.acquire('r')
    expect(rooms.busy()).toBe(true)
    rooms.release('r')
    await waitFor(async () => (await counter(metrics, 'roomsUnloaded')) === 1, { message: 'unloaded' })
    // unloaded, nothing loading, no update: busy only because someone joined a moment ago
    expect(rooms.busy()).toBe(true)
    await waitFor(() => !rooms.busy(), { message: 'idle again', timeout: 5_000, interval: 100 })
  })
})
