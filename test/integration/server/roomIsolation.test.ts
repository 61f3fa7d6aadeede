import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type net from 'node:net'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'
import { clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'

/** small enough (~43 KB) to reach the server in one read, so it is one batch there */
const BUSY_UPDATES = 1200

/** One frame per update: each sets one more key of the map `items` (separate updates from one client). */
function busyFrames(): Buffer {
  const doc = new Y.Doc()
  const frames: Buffer[] = []
  doc.on('update', (u: Uint8Array) => frames.push(clientFrame(encodeUpdate(u))))
  for (let i = 0; i < BUSY_UPDATES; i++) doc.getMap('items').set(`b${i}`, i)
  doc.destroy()
  return Buffer.concat(frames)
}

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

describe('rooms isolated from each other: a long batch is applied in slices', () => {
  let server: RunningServer
  const clients: Client[] = []
  const sockets: net.Socket[] = []

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of sockets) s.destroy()
    await server?.dispose()
  })

  it("a quiet room's relay goes out between two slices of a busy room's long batch, and every busy update still arrives in order", async () => {
    const busyWatcher = newClient(server.wsUrl, 'busy-room')
    const quietWatcher = newClient(server.wsUrl, 'quiet-room')
    clients.push(busyWatcher, quietWatcher)
    await Promise.all([synced(busyWatcher.provider), synced(quietWatcher.provider)])
    const busy = await upgradeRaw(server.port, 'busy-room')
    const quiet = await upgradeRaw(server.port, 'quiet-room')
    sockets.push(busy.socket, quiet.socket)

    // What the busy room's watcher had received when the quiet room's relay arrived.
    let busySeenAtQuiet = -1
    quietWatcher.doc.getMap('items').observe(() => {
      if (busySeenAtQuiet < 0) busySeenAtQuiet = busyWatcher.doc.getMap('items').size
    })
    const quietDoc = new Y.Doc()
    quietDoc.getMap('items').set('quiet', 'hello')
    const quietFrame = clientFrame(encodeUpdate(Y.encodeStateAsUpdate(quietDoc)))

    // The busy room's updates in one write (one batch on the server), the quiet room's one right after.
    busy.socket.write(busyFrames())
    quiet.socket.write(quietFrame)

    await waitFor(() => busyWatcher.doc.getMap('items').size === BUSY_UPDATES, { timeout: 30_000, message: 'every busy update' })
    await waitFor(() => busySeenAtQuiet >= 0, { message: 'the quiet relay' })
    // Before slicing, the whole batch was applied and relayed in one callback: the quiet relay came after all of it.
    expect(busySeenAtQuiet).toBeLessThan(BUSY_UPDATES)
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(metric(text, 'tessera_batch_slices_total')).toBeGreaterThan(0)

    // The busy room's log holds every update: a late joiner gets them all.
    const late = newClient(server.wsUrl, 'busy-room')
    clients.push(late)
    await synced(late.provider)
    await waitFor(() => late.doc.getMap('items').size === BUSY_UPDATES, { message: 'late joiner to get every busy update' })
  })
})
