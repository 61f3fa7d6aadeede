import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'
import { awaitCloseFrame, clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'

/** Upgrades a raw socket to `room`, writes all `frames` in one write (so the server reads them in one go) and resolves with the close frame. */
async function floodAndAwaitClose(port: number, room: string, frames: Uint8Array[]): Promise<{ code: number; reason: string }> {
  const { socket, rest } = await upgradeRaw(port, room)
  socket.write(Buffer.concat(frames.map(clientFrame)))
  return awaitCloseFrame(socket, rest)
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

  it('closes a connection that floods its room with 4529 (try again later) and a reason; the room carries on', async () => {
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
    expect(closed.code).toBe(4529)
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

/**
 * A WebSocket peer that completes the upgrade by hand on a raw TCP socket and then stops reading
 * (paused, no 'data' listener): whatever the server sends piles up in the kernel buffers and then
 * in the server's send buffer.
 */
async function slowReader(port: number, room: string): Promise<net.Socket> {
  return (await upgradeRaw(port, room)).socket
}

/**
 * The server's /metrics text. A request that fails at the network level is tried again (twice):
 * on a heavily loaded machine the client may reuse a pooled keep-alive socket just as the server
 * closes it. A server that is gone still fails.
 */
async function metricsText(url: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await fetch(`${url}/metrics`)).text()
    } catch (err) {
      if (attempt >= 3) throw err
    }
  }
}

/** One sample of a Prometheus text exposition (NaN when absent). */
function metricValue(text: string, sample: string): number {
  const escaped = sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

describe('sync server: a peer that stops reading is dropped', () => {
  const MAX_BUFFERED = 256 * 1024
  let server: RunningServer
  const clients: Client[] = []
  let reader: net.Socket | undefined

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_MAX_BUFFERED_BYTES: String(MAX_BUFFERED) } })
  })

  afterAll(async () => {
    reader?.destroy()
    for (const c of clients) c.destroy()
    await server?.dispose()
  })

  it('closes the slow reader once its send buffer passes --max-buffered-bytes; the room carries on', async () => {
    const metrics = () => metricsText(server.url)
    const writer = newClient(server.wsUrl, 'slow')
    const watcher = newClient(server.wsUrl, 'slow')
    clients.push(writer, watcher)
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    const slow = (reader = await slowReader(server.port, 'slow'))
    let slowClosed = false
    slow.once('close', () => (slowClosed = true))

    // The kernel buffers of one loopback connection hold a few MB (about 4 MB here), so the writer
    // keeps sending 48 KiB updates until the server's own send buffer for the slow reader passes
    // the limit and it is dropped; the cap (37.5 MiB) stays below the default limit of 64 MB, so a
    // server that ignored --max-buffered-bytes would not drop it and the test would fail. (Updates
    // under 64 KiB are checked on the main thread: bigger ones each wait for a worker thread, which
    // on a loaded machine slowed the room so much that the reader was dropped for not answering
    // pings before its buffer filled.)
    const UPDATE_BYTES = 48 * 1024
    const MAX_UPDATES = 800
    const dropped = async () => metricValue(await metrics(), 'tessera_rejected_total{reason="backpressure"}') >= 1
    const text = writer.doc.getText('t')
    let sent = 0
    while (sent < MAX_UPDATES) {
      text.insert(text.length, String.fromCharCode(97 + (sent % 26)).repeat(UPDATE_BYTES))
      sent++
      // One update per turn, as a typing user would send them; every 16th, see whether the server gave up.
      await new Promise((r) => setImmediate(r))
      if (sent % 16 === 0 && (await dropped())) break
    }

    await waitFor(dropped, { message: 'the slow reader to be dropped for backpressure', timeout: 30_000, interval: 100 })
    // The well-behaved peers of the room are still connected and receive every update.
    await waitFor(() => watcher.doc.getText('t').length === sent * UPDATE_BYTES, {
      message: 'the watcher to receive every update',
      timeout: 60_000,
      interval: 100,
    })
    expect(watcher.doc.getText('t').toString()).toBe(text.toString())
    // (On a loaded machine the writer or the watcher may itself fall behind by 256 KiB and be
    // dropped too: a stock provider reconnects after 4508, so both end up connected.)
    await waitFor(() => writer.provider.wsconnected && watcher.provider.wsconnected, { message: 'writer and watcher connected', timeout: 15_000 })
    // The dropped peer never completes the close handshake: it is cut 2 s later and no longer counted.
    await waitFor(async () => metricValue(await metrics(), 'tessera_connections') === 2, {
      message: 'the slow reader to be gone from tessera_connections',
      timeout: 15_000,
      interval: 100,
    })
    // The server gave up on the slow reader while the writer was still sending: what piled up for
    // it was bounded by the limit (plus the kernel's buffers), not by how much the room received.
    expect(sent).toBeLessThan(MAX_UPDATES)

    // The server ended the TCP connection: once we read again, what was in flight drains and the socket closes.
    let drained = 0
    slow.on('data', (d: Buffer) => (drained += d.length))
    slow.resume()
    await waitFor(() => slowClosed, { message: "the slow reader's socket to be closed by the server", timeout: 15_000 })
    // More than the limit was still queued in the server when it cut the connection: it was never delivered.
    expect(drained).toBeLessThan(sent * UPDATE_BYTES)
  }, 180_000)

  it('a stock client whose link stalls is dropped with 4508 and then reconnects by itself, missing nothing', async () => {
    const writer = newClient(server.wsUrl, 'stall')
    const lagger = newClient(server.wsUrl, 'stall')
    clients.push(writer, lagger)
    await Promise.all([synced(writer.provider), synced(lagger.provider)])
    const codes: number[] = []
    lagger.provider.on('connection-close', (e: { code: number } | null) => e && codes.push(e.code))
    const backpressure = async () => metricValue(await metricsText(server.url), 'tessera_rejected_total{reason="backpressure"}') || 0
    const before = await backpressure()

    // The lagger's link stalls: its client stops reading while the writer keeps typing.
    const ws = lagger.provider.ws as unknown as { pause(): void; resume(): void }
    ws.pause()
    const text = writer.doc.getText('t')
    const UPDATE_BYTES = 48 * 1024 // under 64 KiB: checked on the main thread (see the test above)
    for (let sent = 0; sent < 800; sent++) {
      text.insert(text.length, String.fromCharCode(97 + (sent % 26)).repeat(UPDATE_BYTES))
      await new Promise((r) => setTimeout(r, 1))
      if (sent % 8 === 7 && (await backpressure()) > before) break
    }
    expect(await backpressure()).toBeGreaterThan(before)
    // The link recovers at once: the lagger reads what was in flight, including the close frame.
    ws.resume()
    await waitFor(() => codes.length > 0, { message: 'the lagger to see its connection closed', timeout: 15_000 })
    // 4508 is "try again later": the stock provider reconnects and gets what it missed in one sync
    // answer. (A 44xx code here would have made y-websocket >= 3.1 stop for good.)
    expect(codes.every((c) => c < 4400 || c >= 4500)).toBe(true)
    await waitFor(() => lagger.provider.wsconnected && lagger.doc.getText('t').length === text.length, {
      message: 'the lagger to reconnect and catch up',
      timeout: 60_000,
      interval: 100,
    })
    expect(lagger.doc.getText('t').toString()).toBe(text.toString())
  }, 180_000)
})
