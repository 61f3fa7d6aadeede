import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Room } from '../../../server/room'
import { MemoryStorage } from '../../../server/storage/memory'
import { TRIAL_MAX_BYTES } from '../../../server/limits/trialApply'
import { encodeUpdate } from '../../../server/ws/protocol'
import { fakeRoom } from '../../helpers/fakeRoom'
import { waitFor } from '../../helpers/waitFor'
import { UNAPPLICABLE_DS } from '../../helpers/poisonUpdates'

/**
 * The same, padded past the door's trial (server/limits/trialApply.ts refuses the bare one before
 * it is stored): an update that reaches the room and throws there, as one whose failure depends
 * on the room's content would. This is the path these tests cover.
 */
let padded = 0
/** A fresh one each time (the room remembers one that broke it, and the door refuses it after). */
function unapplicable(): Uint8Array {
  const d = new Y.Doc()
  d.getMap('padding').set('p', `${padded++}`.padEnd(TRIAL_MAX_BYTES, 'x'))
  return Y.mergeUpdates([Y.encodeStateAsUpdate(d), UNAPPLICABLE_DS])
}

const rooms: Room[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.destroy().catch(() => {})
})

function setup() {
  const storage = new MemoryStorage()
  let poisoned = 0
  const { room, join } = fakeRoom(storage, { onPoisoned: () => void poisoned++ })
  rooms.push(room)
  /** what a fresh replica loaded from storage holds */
  const stored = async () => {
    const d = new Y.Doc()
    const u = await storage.load('r')
    if (u) Y.applyUpdate(d, u)
    return d
  }
  return { room, join: () => join().ws, stored, poisonedCount: () => poisoned }
}

/** Two updates of one replica; the second waits for the first (Yjs keeps it pending). */
function outOfOrder(): [Uint8Array, Uint8Array] {
  const d = new Y.Doc()
  const out: Uint8Array[] = []
  d.on('update', (u: Uint8Array) => out.push(u))
  d.getMap('items').set('first', 1)
  d.getMap('items').set('second', 2)
  return [out[0]!, out[1]!]
}

describe('Room: an update that throws while it is applied', () => {
  it('one that throws on an empty document is refused at the door: only its sender is closed (4400), nothing is stored', async () => {
    const { join, stored, poisonedCount } = setup()
    const good = join()
    const bad = join()
    bad.receive(encodeUpdate(UNAPPLICABLE_DS))
    await waitFor(() => bad.closedWith !== null)
    expect(bad.closedWith!.code).toBe(4400)
    expect(good.closedWith).toBeNull()
    expect(poisonedCount()).toBe(0)
    expect((await stored()).store.pendingDs).toBeNull()
  })

  it('with nothing pending: its sender is refused (4400), the others reconnect (1012), the log drops it', async () => {
    const { room, join, stored, poisonedCount } = setup()
    const good = join()
    const bad = join()
    const d = new Y.Doc()
    d.getMap('items').set('kept', true)
    good.receive(encodeUpdate(Y.encodeStateAsUpdate(d)))
    await waitFor(async () => (await stored()).getMap('items').get('kept') === true)
    bad.receive(encodeUpdate(unapplicable()))
    await waitFor(() => bad.closedWith !== null && good.closedWith !== null)
    expect(bad.closedWith!.code).toBe(4400)
    expect(good.closedWith!.code).toBe(1012)
    expect(poisonedCount()).toBe(1)
    expect((await stored()).getMap('items').get('kept')).toBe(true)
    expect(room.isCold()).toBe(false)
  })

  it('with structs pending: nobody is refused (the fault may be theirs), and the log drops the update and the pending structs', async () => {
    const { join, stored } = setup()
    const a = join()
    const b = join()
    const [, second] = outOfOrder()
    a.receive(encodeUpdate(second)) // waits for `first`, which never comes
    await waitFor(async () => (await stored()).store.pendingStructs !== null)
    b.receive(encodeUpdate(unapplicable()))
    await waitFor(() => a.closedWith !== null && b.closedWith !== null)
    expect([a.closedWith!.code, b.closedWith!.code]).toEqual([1012, 1012])
    await waitFor(async () => (await stored()).store.pendingStructs === null, { message: 'the pending struct purged from the log' })
    expect((await stored()).store.pendingDs).toBeNull()
  })
})
