import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type net from 'node:net'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'
import { clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'

/** One frame per update, each setting one more key of `items` (from one client id, continuing `doc`). */
function frames(doc: Y.Doc, from: number, count: number): Buffer {
  const out: Buffer[] = []
  const on = (u: Uint8Array) => out.push(clientFrame(encodeUpdate(u)))
  doc.on('update', on)
  for (let i = from; i < from + count; i++) doc.getMap('items').set(`b${i}`, i)
  doc.off('update', on)
  return Buffer.concat(out)
}

async function metrics(server: RunningServer): Promise<string> {
  return (await fetch(`${server.url}/metrics`)).text()
}

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

/** Polls /metrics until `done()`; the largest tessera_connections_held seen meanwhile. */
async function mostHeldUntil(server: RunningServer, done: () => boolean, timeout = 60_000): Promise<number> {
  let most = 0
  const deadline = Date.now() + timeout
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out polling /metrics')
    most = Math.max(most, metric(await metrics(server), 'tessera_connections_held'))
    await new Promise((r) => setTimeout(r, 5))
  }
  return most
}

describe("throttling at the source: a room's senders are not read while it applies a backlog", () => {
  let server: RunningServer | undefined
  const clients: Client[] = []
  const sockets: net.Socket[] = []

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sockets.splice(0)) s.destroy()
    await server?.dispose()
    server = undefined
  })

  it("holds the busy room's sender while its backlog is applied, relays the quiet room meanwhile, then reads it again with every update stored", { timeout: 150_000 }, async () => {
    server = await startServer({ args: ['--open'] })
    const busyWatcher = newClient(server.wsUrl, 'busy-room')
    const quietWatcher = newClient(server.wsUrl, 'quiet-room')
    clients.push(busyWatcher, quietWatcher)
    await Promise.all([synced(busyWatcher.provider), synced(quietWatcher.provider)])
    const busy = await upgradeRaw(server.port, 'busy-room')
    const quiet = await upgradeRaw(server.port, 'quiet-room')
    sockets.push(busy.socket, quiet.socket)
    const busyItems = () => busyWatcher.doc.getMap('items').size

    let busySeenAtQuiet = -1
    quietWatcher.doc.getMap('items').observe(() => {
      if (busySeenAtQuiet < 0) busySeenAtQuiet = busyItems()
    })
    const quietDoc = new Y.Doc()
    quietDoc.getMap('items').set('quiet', 'hello')

    // Two backlogs' worth from one sender (two writes), then the quiet room's one update.
    const busyDoc = new Y.Doc()
    busy.socket.write(frames(busyDoc, 0, 1200))
    busy.socket.write(frames(busyDoc, 1200, 1200))
    quiet.socket.write(clientFrame(encodeUpdate(Y.encodeStateAsUpdate(quietDoc))))

    // The server answers /metrics between slices: the sender is seen held while its room works.
    const mostHeld = await mostHeldUntil(server, () => busyItems() === 2400)
    expect(mostHeld).toBeGreaterThanOrEqual(1)
    await waitFor(() => busySeenAtQuiet >= 0, { timeout: 30_000, message: 'the quiet relay' })
    expect(busySeenAtQuiet).toBeLessThan(2400)

    // Once applied, nobody is held, and the busy socket is read again: its next update arrives.
    await waitFor(async () => metric(await metrics(server!), 'tessera_connections_held') === 0, { timeout: 30_000, message: 'no connection held' })
    expect(metric(await metrics(server), 'tessera_room_backlog_holds_total')).toBeGreaterThanOrEqual(1)
    busy.socket.write(frames(busyDoc, 2400, 1))
    await waitFor(() => busyItems() === 2401, { timeout: 30_000, message: 'the update sent after the backlog' })

    // Everything held back was stored: a late joiner gets every update.
    const late = newClient(server.wsUrl, 'busy-room')
    clients.push(late)
    await synced(late.provider)
    await waitFor(() => late.doc.getMap('items').size === 2401, { timeout: 30_000, message: 'late joiner to get every busy update' })
  })

  it('a provider held through a backlog longer than two ping periods is not dropped as dead, and its updates all arrive', async () => {
    // Pings every second: a peer whose pongs go unread for two periods would be dropped.
    server = await startServer({ args: ['--open', '--ping-interval-ms', '1000'] })
    const writer = newClient(server.wsUrl, 'busy-room')
    const watcher = newClient(server.wsUrl, 'busy-room')
    clients.push(writer, watcher)
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    const closes: unknown[] = []
    writer.provider.on('connection-close', (e: unknown) => closes.push(e))

    // 4,000 separate updates of 20 keys each: seconds of applying on the server.
    const items = writer.doc.getMap('items')
    for (let i = 0; i < 4000; i++) {
      writer.doc.transact(() => {
        for (let j = 0; j < 20; j++) items.set(`k${i}.${j}`, i)
      })
    }
    const mostHeld = await mostHeldUntil(server, () => watcher.doc.getMap('items').size === 80_000, 120_000)
    expect(mostHeld).toBeGreaterThanOrEqual(1)
    await waitFor(async () => metric(await metrics(server!), 'tessera_connections_held') === 0, { timeout: 30_000, message: 'no connection held' })
    expect(closes).toEqual([])
    expect(writer.provider.wsconnected).toBe(true)
  }, 150_000)
})
