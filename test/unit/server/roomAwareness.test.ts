import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Room } from '../../../server/room'
import { MemoryStorage } from '../../../server/storage/memory'
import { encodeAwareness, messageQueryAwareness } from '../../../server/ws/protocol'
import { fakeRoom } from '../../helpers/fakeRoom'

const rooms: Room[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.destroy().catch(() => {})
})

function setup() {
  const r = fakeRoom(new MemoryStorage())
  rooms.push(r.room)
  return r
}

/** An awareness update listing `ids` as gone (state null), each at clock 1. */
function goneIds(ids: number[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, ids.length)
  for (const id of ids) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, 1)
    encoding.writeVarString(e, 'null')
  }
  return encodeAwareness(encoding.toUint8Array(e))
}

/** A real presence from a replica of its own. */
function presence(name: string): { update: Uint8Array; id: number } {
  const a = new awarenessProtocol.Awareness(new Y.Doc())
  a.setLocalState({ user: { name } })
  const update = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]))
  a.destroy()
  return { update, id: a.clientID }
}

describe('Room: awareness', () => {
  it('does not keep a clock for every made-up client id announced as gone', () => {
    const { room, join } = setup()
    const { ws } = join()
    const alice = presence('alice')
    ws.receive(alice.update)
    for (let batch = 0; batch < 20; batch++) ws.receive(goneIds(Array.from({ length: 500 }, (_, i) => 1_000_000 + batch * 500 + i)))
    expect(room.awareness.getStates().has(alice.id)).toBe(true)
    expect(room.awareness.meta.size).toBeLessThanOrEqual(room.awareness.getStates().size + 256 + 500)
  })

  it('answers query-awareness with every state, and ignores frames of a connection it has closed', async () => {
    const { join, metrics } = setup()
    const queries = async () => (await metrics.messagesIn.get()).values.find((v) => v.labels.type === 'queryAwareness')?.value ?? 0
    const a = join()
    const b = join()
    a.ws.receive(presence('alice').update)
    b.ws.sent.length = 0
    b.ws.receive(Uint8Array.of(messageQueryAwareness))
    expect(b.ws.sent).toHaveLength(1)
    expect(b.ws.sent[0]![0]).toBe(1) // an awareness message
    b.conn.close({ code: 4400, reason: 'test' })
    b.ws.sent.length = 0
    const handled = await queries()
    for (let i = 0; i < 100; i++) b.ws.receive(Uint8Array.of(messageQueryAwareness))
    expect(b.ws.sent).toHaveLength(0)
    expect(await queries()).toBe(handled) // not even parsed: a flood read in one go costs nothing once closed
  })
})
