import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { newPeer, type Peer } from './peers'

/** Room names `npx y-websocket` takes, each a room of its own (CONTRACT §2). */
const NAMES = ['org/doc', 'org-doc', 'doc:123', 'my doc', 'café', 'test-@y/websocket', '.hidden', `long-${'x'.repeat(300)}`, '日本語/ノート']

/** The HTTP status a WebSocket upgrade to `url` is answered with (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()))
    ws.on('open', () => (resolve(101), ws.close()))
    ws.on('error', () => {})
  })
}

describe('interop: room names as npx y-websocket takes them', () => {
  let server: RunningServer
  const peers: Peer[] = []
  const peer = (room: string, serverUrl = server.wsUrl, flavor: 'yws3' | 'yws1' | 'yrs' = 'yws3') => {
    const p = newPeer(flavor, serverUrl, room)
    peers.push(p)
    return p
  }

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })
  afterAll(async () => {
    for (const p of peers) p.destroy()
    await server.dispose()
  })

  it('each name joins a room of its own, shared by every client that names it', async () => {
    const writers = NAMES.map((n) => peer(n))
    await waitFor(() => writers.every((w) => w.synced), { timeout: 15_000, message: 'a client for every name to sync' })
    writers.forEach((w, i) => w.set('name', NAMES[i]!))
    // another client of each room (another library) reads exactly its own room's value
    const readers = NAMES.map((n, i) => peer(n, server.wsUrl, i % 2 ? 'yws1' : 'yrs'))
    for (const [i, r] of readers.entries()) {
      await waitFor(() => r.get('name') === NAMES[i], { timeout: 10_000, message: `the reader of ${JSON.stringify(NAMES[i])} to see its room` })
    }
    expect(writers.every((w) => w.connected && w.sockets === 1)).toBe(true)
  })

  it('a provider built with a path prefix joins the room prefix/name', async () => {
    const prefixed = peer('x', `${server.wsUrl}/collab`)
    const plain = peer('collab/x')
    const other = peer('x')
    await waitFor(() => prefixed.synced && plain.synced && other.synced, { message: 'three clients to sync' })
    prefixed.set('via', 'prefix')
    await waitFor(() => plain.get('via') === 'prefix', { message: "room 'collab/x' to get the prefixed client's edit" })
    expect(other.get('via')).toBeUndefined()
  })

  it('the REST API finds such rooms by their percent-encoded name', async () => {
    const res = await fetch(`${server.url}/api/rooms/${encodeURIComponent('org/doc')}`)
    // in --open mode a room nobody created through the API has no record; never a 400 for its name
    expect(res.status).not.toBe(400)
    const bad = await fetch(`${server.url}/api/rooms/${'x'.repeat(513)}`)
    expect(bad.status).toBe(400)
  })

  it('refuses an empty name, control characters and over 512 bytes with HTTP 400', async () => {
    expect(await upgradeStatus(`${server.wsUrl}/`)).toBe(400)
    expect(await upgradeStatus(`${server.wsUrl}/a%0Ab`)).toBe(400)
    expect(await upgradeStatus(`${server.wsUrl}/${'x'.repeat(513)}`)).toBe(400)
    expect(await upgradeStatus(`${server.wsUrl}/${'x'.repeat(512)}`)).toBe(101)
  })
})

describe('interop: room names in secure mode', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('takes the same names (the token decides, not the name)', async () => {
    for (const name of ['org/doc', 'my doc', 'café', 'test-@y/websocket']) {
      const status = await upgradeStatus(`${server.wsUrl}/${encodeURI(name)}`)
      expect([401, 403, 404]).toContain(status)
    }
    expect(await upgradeStatus(`${server.wsUrl}/a%00b`)).toBe(400)
  })
})
