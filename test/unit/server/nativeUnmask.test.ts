import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'

// ws and bufferutil as Node's require loads them for the server (the same module instances ws's
// frame reader calls into: ws looks bufferutil's functions up on each frame)
const load = createRequire(import.meta.url)
const wsDir = path.dirname(load.resolve('ws'))

interface NativeBufferUtil {
  unmask: (buffer: Buffer, mask: Buffer) => void
}

/**
 * ws unmasks every frame a client sends (4 MB of pasted board is 4 MB to unmask on the event loop).
 * With the `bufferutil` dependency it does so in native code; in JS it took 5–47 ms per 4 MB frame.
 */
describe('client frames are unmasked by bufferutil', () => {
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  it("bufferutil resolves from ws and loads its prebuilt native code, not the JS fallback", () => {
    const fromWs = createRequire(path.join(wsDir, 'lib', 'buffer-util.js'))
    const file = fromWs.resolve('bufferutil')
    const bufferUtil = fromWs('bufferutil') as NativeBufferUtil
    expect(file).toContain(`${path.sep}bufferutil${path.sep}`)
    expect(Function.prototype.toString.call(bufferUtil.unmask)).toContain('[native code]')
  })

  it("a large message from a client reaches the server's socket unmasked through bufferutil's native unmask", async () => {
    const bufferUtil = load(createRequire(path.join(wsDir, 'lib', 'buffer-util.js')).resolve('bufferutil')) as NativeBufferUtil
    const native = bufferUtil.unmask
    let calls = 0
    bufferUtil.unmask = (buffer, mask) => {
      calls++
      native(buffer, mask)
    }
    closers.push(async () => {
      bufferUtil.unmask = native
    })

    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const received = new Promise<Buffer>((resolve) =>
      server.once('connection', (socket) => socket.once('message', (data: Buffer) => resolve(data))),
    )
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
    closers.push(async () => client.close())
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve())
      client.once('error', reject)
    })
    const payload = Buffer.from(Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 31 + 7) & 0xff))
    client.send(payload)
    const data = await received
    expect(Buffer.compare(data, payload)).toBe(0)
    expect(calls).toBeGreaterThan(0)
  })
})
