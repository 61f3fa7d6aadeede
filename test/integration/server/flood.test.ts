import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'

/** A client frame (binary, masked with a zero key, which leaves the payload as it is). */
function clientFrame(payload: Uint8Array): Buffer {
  const n = payload.length
  const head = n < 126 ? Buffer.from([0x82, 0x80 | n]) : Buffer.from([0x82, 0x80 | 126, n >> 8, n & 0xff])
  return Buffer.concat([head, Buffer.alloc(4), payload])
}

/**
 * Upgrades a raw TCP socket to `room`, then writes all `frames` in one write (so the server reads
 * them in one go) and resolves with the close frame's code and reason.
 */
function floodAndAwaitClose(port: number, room: string, frames: Uint8Array[]): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('server did not close the connection'))), 10_000)
    let buf = Buffer.alloc(0)
    let upgraded = false
    socket.on('connect', () => {
      socket.write(
        `GET /${room} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    socket.on('error', () => {})
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) return
        if (!/^HTTP\/1\.1 101/.test(buf.toString('latin1', 0, end))) return reject(new Error('upgrade refused'))
        upgraded = true
        buf = buf.subarray(end + 4)
        socket.write(Buffer.concat(frames.map(clientFrame)))
      }
      // Server frames are unmasked: [opcode byte, length (7, 16 or 64 bit), payload].
      while (buf.length >= 2) {
        let len = buf[1]! & 0x7f
        let at = 2
        if (len === 126) (len = buf.readUInt16BE(2)), (at = 4)
        else if (len === 127) (len = Number(buf.readBigUInt64BE(2))), (at = 10)
        if (buf.length < at + len) return
        const opcode = buf[0]! & 0x0f
        const payload = buf.subarray(at, at + len)
        buf = buf.subarray(at + len)
        if (opcode === 0x8) {
          clearTimeout(timer)
          socket.destroy()
          return resolve({ code: payload.readUInt16BE(0), reason: payload.toString('utf8', 2) })
        }
      }
    })
  })
}

describe('sync server: a room inbox is bounded', () => {
  let server: RunningServer
  const clients: Client[] = []

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_MAX_QUEUED_UPDATES: '20' } })
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.dispose()
  })

  it('closes a connection that floods its room with 4429 and a reason; the room carries on', async () => {
    const a = newClient(server.wsUrl, 'busy')
    const b = newClient(server.wsUrl, 'busy')
    clients.push(a, b)
    await Promise.all([synced(a.provider), synced(b.provider)])

    // 500 separate updates in one TCP write: far more than the room may hold before storing them.
    const flooder = new Y.Doc()
    const frames: Uint8Array[] = []
    flooder.on('update', (u: Uint8Array) => frames.push(encodeUpdate(u)))
    for (let i = 0; i < 500; i++) flooder.getMap('items').set(`flood-${i}`, i)
    const closed = await floodAndAwaitClose(server.port, 'busy', frames)
    expect(closed.code).toBe(4429)
    expect(closed.reason).toMatch(/too many pending/)

    // The well-behaved clients of that room are still connected and still converge.
    a.doc.getMap('items').set('after', 'still works')
    await waitFor(() => b.doc.getMap('items').get('after') === 'still works')
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
    await waitFor(() => /closing connection that floods its room/.test(server.output()))
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/tessera_rejected_total\{reason="too many pending"\} [1-9]/)
  })
})
