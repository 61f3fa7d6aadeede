import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'

/** A raw y-websocket client that records every binary frame it receives. */
async function rawClient(url: string): Promise<{ ws: WebSocket; frames: Buffer[] }> {
  const ws = new WebSocket(url)
  const frames: Buffer[] = []
  ws.binaryType = 'nodebuffer'
  ws.on('message', (d: Buffer) => frames.push(d))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, frames }
}

function syncFrame(kind: 1 | 2, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // messageSync
  encoding.writeVarUint(e, kind) // 1 = step 2, 2 = update
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('items').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

describe('relaying updates', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('relays an update message to everyone exactly as it arrived, and a step 2 as an update message; the sender gets its own back once stored', async () => {
    const a = await rawClient(`${server.wsUrl}/relay-room`)
    const b = await rawClient(`${server.wsUrl}/relay-room`)
    try {
      const update = syncFrame(2, updateSetting('one', 'first'))
      a.ws.send(update)
      await waitFor(() => b.frames.some((f) => f.equals(Buffer.from(update))), { message: 'B receives the update frame as sent' })

      // y-websocket treats a step 2 as "you are synced now": another client's step 2 must reach
      // B as an ordinary update message carrying the same update
      const step2Payload = updateSetting('two', 'second')
      a.ws.send(syncFrame(1, step2Payload))
      const expected = Buffer.from(syncFrame(2, step2Payload))
      await waitFor(() => b.frames.some((f) => f.equals(expected)), { message: 'B receives the step 2 as an update message' })
      expect(b.frames.some((f) => f[0] === 0 && f[1] === 1 && f.length > 10)).toBe(false)
      // as with the reference server, the sender gets its own updates back: the confirmation that
      // y-websocket's sync-status waits for (once each, after they are stored)
      await waitFor(() => a.frames.some((f) => f.equals(expected)), { message: 'A gets its own step 2 back as an update' })
      expect(a.frames.filter((f) => f.equals(Buffer.from(update))).length).toBe(1)
      expect(a.frames.filter((f) => f.equals(expected)).length).toBe(1)
    } finally {
      a.ws.close()
      b.ws.close()
    }
  })
})

describe('relaying updates to plain and compressed connections alike', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: ['--open', '--ws-deflate'] })
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('every connection gets each update of a burst once, in the order sent, as sent: small and large, with and without permessage-deflate', async () => {
    const url = `${server.wsUrl}/relay-burst`
    const connect = async (deflate: boolean) => {
      const ws = new WebSocket(url, { perMessageDeflate: deflate })
      const frames: Buffer[] = []
      ws.binaryType = 'nodebuffer'
      ws.on('message', (d: Buffer) => d[0] === 0 && d[1] === 2 && frames.push(d))
      await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)))
      return { ws, frames }
    }
    const sender = await connect(false)
    const plain = [await connect(false), await connect(false)]
    const compressed = await connect(true)
    expect(plain[0]!.ws.extensions).toBe('')
    expect(compressed.ws.extensions).toMatch(/^permessage-deflate/)
    try {
      // one client's edits, each its own update; the 21st is larger than a frame shared between sockets (64 KiB)
      const doc = new Y.Doc()
      const updates: Buffer[] = []
      doc.on('update', (u: Uint8Array) => updates.push(Buffer.from(syncFrame(2, u))))
      for (let i = 0; i < 40; i++) doc.getMap('items').set(`k${i}`, i === 20 ? 'x'.repeat(100_000) : `v${i}`)
      for (const u of updates) sender.ws.send(u) // sent in one go: the server reads several per turn
      const everyone = [sender, ...plain, compressed]
      await waitFor(() => everyone.every((c) => c.frames.length >= updates.length), { message: 'every update to reach every connection' })
      await new Promise((r) => setTimeout(r, 200))
      for (const c of everyone) {
        expect(c.frames.length).toBe(updates.length)
        c.frames.forEach((f, i) => expect(f.equals(updates[i]!), `update ${i}`).toBe(true))
      }
    } finally {
      for (const c of [sender, ...plain, compressed]) c.ws.close()
    }
  })
})
