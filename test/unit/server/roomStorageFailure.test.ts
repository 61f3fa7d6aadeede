import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Room } from '../../../server/room'
import { MemoryStorage } from '../../../server/storage/memory'
import { encodeUpdate } from '../../../server/ws/protocol'
import { StorageFailure } from '../../../server/ws/closeCodes'
import { fakeRoom } from '../../helpers/fakeRoom'

/** Storage whose appends fail, as a full disk or a broken database file would. */
class FailingStorage extends MemoryStorage {
  appendSync(): void {
    throw new Error('disk full')
  }
}

const rooms: Room[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.destroy().catch(() => {})
})

function setup() {
  const { room, join } = fakeRoom(new FailingStorage())
  rooms.push(room)
  return { room, join: () => join().ws }
}

describe('Room: a failed durable append', () => {
  it('closes the sender with 1011, relays nothing and applies nothing', async () => {
    const { room, join } = setup()
    const sender = join()
    const peer = join()
    const d = new Y.Doc()
    d.getMap('items').set('k', 'v')
    sender.receive(encodeUpdate(Y.encodeStateAsUpdate(d)))
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    expect(sender.closedWith).toEqual({ code: StorageFailure.code, reason: StorageFailure.reason })
    expect(peer.sent).toHaveLength(0)
    expect(peer.closedWith).toBeNull()
    expect(room.doc.getMap('items').has('k')).toBe(false)
  })
})
