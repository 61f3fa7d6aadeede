import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider, messageSync } from 'y-websocket'
import WebSocket from 'ws'
import { QUIET_MIN_BYTES, quietServerUpdates } from '../../../src/room/offline/quietSync'

/** A server-side doc whose full state is larger than the quiet-path threshold. */
function bigServerUpdate(): Uint8Array {
  const server = new Y.Doc()
  const items = server.getMap('items')
  server.transact(() => {
    for (let i = 0; items.size < 4000; i++) items.set(`item-${i}`, new Y.Map([['text', `note ${i} `.repeat(4)]]))
  })
  const u = Y.encodeStateAsUpdate(server)
  expect(u.length).toBeGreaterThan(QUIET_MIN_BYTES)
  return u
}

function syncStep2Message(update: Uint8Array): decoding.Decoder {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(e, update)
  return decoding.createDecoder(encoding.toUint8Array(e))
}

function setup() {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider('ws://127.0.0.1:1', 'room', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const stored: Uint8Array[] = []
  const store = (u: Uint8Array) => stored.push(u)
  doc.on('update', store)
  quietServerUpdates(provider, () => [provider._updateHandler], () => store)
  const handle = (update: Uint8Array) =>
    provider.messageHandlers[messageSync]!(encoding.createEncoder(), syncStep2Message(update), provider, true, messageSync)
  return { doc, provider, stored, handle }
}

describe('quietServerUpdates', () => {
  it('applies a big SyncStep2, hands the raw bytes to the store once and marks the provider synced', () => {
    const { doc, provider, stored, handle } = setup()
    const update = bigServerUpdate()
    handle(update)
    expect(doc.getMap('items').size).toBe(4000)
    expect(provider.synced).toBe(true)
    expect(stored).toHaveLength(1)
    // the server's bytes as they came (a view into the received message), not a re-encoding
    expect(stored[0]!.byteOffset).toBeGreaterThan(0)
    expect(stored[0]).toEqual(update)
    // the stored bytes rebuild the same doc
    const copy = new Y.Doc()
    Y.applyUpdate(copy, stored[0]!)
    expect(copy.getMap('items').size).toBe(4000)
    // 'update' listeners are back for later (local) changes
    doc.getMap('items').set('local', 1)
    expect(stored).toHaveLength(2)
    provider.destroy()
  })

  it('falls back to the stock path when an unknown update listener is present', () => {
    const { doc, provider, stored, handle } = setup()
    const seen: unknown[] = []
    doc.on('update', (_u, origin) => seen.push(origin))
    handle(bigServerUpdate())
    expect(doc.getMap('items').size).toBe(4000)
    expect(seen).toEqual([provider])
    expect(stored).toHaveLength(1)
    provider.destroy()
  })
})
