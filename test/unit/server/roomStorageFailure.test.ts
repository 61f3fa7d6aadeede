import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { Room } from '../../../server/room'
import { Connection } from '../../../server/ws/connection'
import { MemoryStorage } from '../../../server/storage/memory'
import { createMetrics } from '../../../server/metrics'
import { createLogger } from '../../../server/log'
import { encodeUpdate } from '../../../server/ws/protocol'
import { StorageFailure } from '../../../server/ws/closeCodes'
import { FakeSocket } from '../../helpers/fakeSocket'

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
  const metrics = createMetrics()
  const log = createLogger({ silent: true })
  const room = new Room('r', { storage: new FailingStorage(), metrics, log, compactAfterUpdates: 500, compactAfterBytes: 1 << 30, stored: null, storedRows: 0, storedBytes: 0 })
  rooms.push(room)
  const join = () => {
    const ws = new FakeSocket()
    const conn = new Connection(ws as unknown as WebSocket, { room: 'r', role: 'editor', maxBufferedBytes: 1 << 20, pingIntervalMs: 60_000, metrics, log })
    room.addConnection(conn)
    ws.sent.length = 0 // the server's step 1
    return ws
  }
  return { room, join }
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
