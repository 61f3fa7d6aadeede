import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { FLAVORS, newPeer, ProviderPeer, type Peer } from './peers'

/** Stock providers drop a connection after 30 s without a message; a lone client must outlive that. */
const ALONE_MS = 40_000

interface SyncStatus {
  status: 'green' | 'yellow' | 'red'
  localUpdatesSynced: boolean
}

/**
 * Clients alone in a room hear from the server often enough to keep their connection (the
 * sender's own awareness renewals come back; a connection with nothing else to hear gets a
 * heartbeat), and y-websocket's `sync-status` sees its own updates confirmed. The lone clients
 * start first and wait while the other test runs.
 */
describe('interop: a client alone in a room', () => {
  let server: RunningServer
  const alone: Peer[] = []
  let startedAt = 0
  const others: Peer[] = []

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
    for (const f of FLAVORS) {
      const p = newPeer(f, server.wsUrl, `alone-${f}`)
      p.setPresence({ user: { name: f, color: '#abcdef' }, cursor: null })
      alone.push(p)
    }
    // and one that never sets a presence (nothing of its own to be echoed)
    alone.push(newPeer('yws3', server.wsUrl, 'alone-without-presence'))
    await waitFor(() => alone.every((p) => p.connected && p.synced), { timeout: 15_000, message: 'the lone clients to connect' })
    startedAt = Date.now()
  })
  afterAll(async () => {
    for (const p of [...alone, ...others]) p.destroy()
    await server.dispose()
  })

  it("turns y-websocket 3.1.0-rc.5's sync-status green after an edit (its own updates confirmed once stored), in room test-@y/websocket", async () => {
    const peer = newPeer('yws31rc', server.wsUrl, 'test-@y/websocket') as ProviderPeer
    others.push(peer)
    const statuses: SyncStatus[] = []
    peer.provider.on('sync-status' as 'status', ((s: SyncStatus) => statuses.push(s)) as never)
    await waitFor(() => peer.synced, { message: 'the rc.5 client to sync' })
    statuses.length = 0
    peer.set('edited', 'yes')
    await waitFor(() => statuses.some((s) => !s.localUpdatesSynced), { message: 'the edit to be pending first' })
    await waitFor(() => statuses.at(-1)?.status === 'green' && statuses.at(-1)?.localUpdatesSynced, {
      message: 'sync-status to turn green with the edit confirmed',
    })
    // the edit really is stored: a new client reads it
    const check = newPeer('yws3', server.wsUrl, 'test-@y/websocket')
    others.push(check)
    await waitFor(() => check.get('edited') === 'yes', { message: 'a new client to read the confirmed edit' })
  })

  it(`each client stays connected ${ALONE_MS / 1000} s alone with zero status changes and one socket`, async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + ALONE_MS - Date.now())))
    for (const p of alone) {
      expect({ flavor: p.flavor, connected: p.connected, changes: p.statusChanges, sockets: p.sockets, closes: p.closeCodes }).toEqual({
        flavor: p.flavor, connected: true, changes: [], sockets: 1, closes: [],
      })
    }
  }, ALONE_MS + 20_000)
})
