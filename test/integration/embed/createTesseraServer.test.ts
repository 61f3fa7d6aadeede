import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createTesseraServer, type RoomChange, type TesseraServer } from '../../../server/index'
import { newClient, synced, type Client } from '../../helpers/clients'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'

// The library face of the server (CONTRACT §9), used in-process the way an embedding host does.
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function dataDir(): string {
  const t = tmpDir('tessera-embed-')
  cleanups.push(t.remove)
  return t.dir
}

function track<T extends TesseraServer>(s: T): T {
  cleanups.push(() => s.close())
  return s
}

function client(url: string, room: string, params?: Record<string, string>): Client {
  const c = newClient(url, room, { params })
  cleanups.push(c.destroy)
  return c
}

/** A host's own server: one route of its own (/hello), 404 for the rest. */
async function hostServer(): Promise<{ server: http.Server; url: string; wsUrl: string }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/hello') {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('hello from the host')
      return
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('host 404')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanups.push(() => new Promise((r) => server.close(r)))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` }
}

/** The hook of a host whose login puts the user in a `user` cookie. */
const byCookie = (roles: Record<string, 'owner' | 'editor' | 'viewer'>) => (req: http.IncomingMessage) => {
  const name = /(?:^|;\s*)user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
  const role = name ? roles[name] : undefined
  return role ? { role, user: name! } : null
}

/** A stock y-websocket client that sends a cookie with its upgrade, as a browser on the host's page would. */
function cookieClient(wsUrl: string, room: string, user: string): Client {
  const doc = new Y.Doc()
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: `user=${user}` } })
    }
  }
  const provider = new WebsocketProvider(wsUrl, room, doc, { WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket, disableBc: true })
  const c = { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) }
  cleanups.push(c.destroy)
  return c
}

/** The HTTP status a WebSocket upgrade to `url` gets (101 when it is accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(url, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('upgrade', (res, socket) => {
      socket.destroy()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('createTesseraServer', () => {
  it('listen(0) serves sync on a free port and resolves with it; close() frees it', async () => {
    const s = createTesseraServer({ data: dataDir(), open: true, quiet: true, app: false })
    const { port } = await s.listen(0, '127.0.0.1')
    expect(port).toBeGreaterThan(0)
    const a = client(`ws://127.0.0.1:${port}`, 'listen-room')
    const b = client(`ws://127.0.0.1:${port}`, 'listen-room')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('m').set('k', 'v')
    await waitFor(() => b.doc.getMap('m').get('k') === 'v', { message: 'the edit to reach b' })
    await s.close()
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => 'answered', () => 'refused')
    expect(refused).toBe('refused')
  })

  it('attach() mounts sync and REST on a host server whose own routes keep answering', async () => {
    const host = await hostServer()
    const s = track(createTesseraServer({ data: dataDir(), open: true, quiet: true }))
    s.attach(host.server, { path: '/tessera' })

    expect(await (await fetch(`${host.url}/hello`)).text()).toBe('hello from the host')
    const missing = await fetch(`${host.url}/nothing-here`)
    expect([missing.status, await missing.text()]).toEqual([404, 'host 404'])
    const created = await fetch(`${host.url}/tessera/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }

    const a = client(`${host.wsUrl}/tessera`, id)
    const b = client(`${host.wsUrl}/tessera`, id)
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getText('t').insert(0, 'crossed')
    await waitFor(() => b.doc.getText('t').toString() === 'crossed', { message: 'the edit to cross through the host server' })
    // the web app is not served on a host's server unless asked for
    expect((await fetch(`${host.url}/`)).status).toBe(404)

    await s.close()
    // detached: the host's server still runs its own routes
    expect(await (await fetch(`${host.url}/hello`)).text()).toBe('hello from the host')
  })

  it('the authenticate hook refuses (null), grants viewer (reads, writes dropped) and editor (writes)', async () => {
    const host = await hostServer()
    const seen: string[] = []
    const hook = byCookie({ ann: 'editor', vic: 'viewer' })
    const s = track(createTesseraServer({
      data: dataDir(), quiet: true,
      authenticate: (req, room) => {
        seen.push(room)
        return hook(req)
      },
    }))
    s.attach(host.server)

    expect(await upgradeStatus(`${host.url}/auth-room`)).toBe(403)

    const ann = cookieClient(host.wsUrl, 'auth-room', 'ann')
    const vic = cookieClient(host.wsUrl, 'auth-room', 'vic')
    await Promise.all([synced(ann.provider), synced(vic.provider)])
    ann.doc.getMap('m').set('from', 'ann')
    await waitFor(() => vic.doc.getMap('m').get('from') === 'ann', { message: 'the viewer to read the editor’s change' })
    vic.doc.getMap('m').set('viewer', 'wrote')
    const check = client(host.wsUrl, 'auth-room') // no cookie: refused, never syncs
    await new Promise((r) => setTimeout(r, 500))
    expect(check.provider.synced).toBe(false)
    expect(ann.doc.getMap('m').get('viewer')).toBeUndefined()
    expect(seen.every((r) => r === 'auth-room')).toBe(true)
  })

  it('a hook that throws or answers no role refuses the connection without taking the server down', async () => {
    const host = await hostServer()
    let mode: 'throw' | 'bogus' | 'ok' = 'throw'
    const s = track(createTesseraServer({
      data: dataDir(), quiet: true,
      authenticate: () => {
        if (mode === 'throw') throw new Error('login service down')
        if (mode === 'bogus') return 'admin' as unknown as 'editor'
        return 'editor'
      },
    }))
    s.attach(host.server)
    const upgrade = () => upgradeStatus(`${host.url}/r1`)
    expect(await upgrade()).toBe(500)
    mode = 'bogus'
    expect(await upgrade()).toBe(500)
    mode = 'ok'
    expect(await upgrade()).toBe(101)
  })

  it('onRoomChange reports a burst of edits once, debounced, as one update with who made it', async () => {
    const host = await hostServer()
    const calls: Array<{ room: string; change: RoomChange }> = []
    const s = track(createTesseraServer({
      data: dataDir(), quiet: true, onRoomChangeDebounceMs: 300,
      authenticate: byCookie({ ann: 'editor', bob: 'editor' }),
      onRoomChange: (room, change) => void calls.push({ room, change }),
    }))
    s.attach(host.server)
    const ann = cookieClient(host.wsUrl, 'changes', 'ann')
    const bob = cookieClient(host.wsUrl, 'changes', 'bob')
    await Promise.all([synced(ann.provider), synced(bob.provider)])
    for (let i = 0; i < 5; i++) ann.doc.getArray<number>('a').push([i])
    bob.doc.getMap('m').set('bob', true)
    await waitFor(() => calls.length > 0, { timeout: 5_000, message: 'onRoomChange' })
    await new Promise((r) => setTimeout(r, 600))
    const ours = calls.filter((c) => c.change.by.some((a) => a.kind === 'user'))
    expect(ours).toHaveLength(1)
    const { room, change } = ours[0]!
    expect(room).toBe('changes')
    const users = change.by.flatMap((a) => (a.kind === 'user' ? [a.user] : []))
    expect(users.sort()).toEqual(['ann', 'bob'])
    const replica = new Y.Doc()
    Y.applyUpdate(replica, change.update)
    expect(replica.getArray('a').toArray()).toEqual([0, 1, 2, 3, 4])
    expect(replica.getMap('m').get('bob')).toBe(true)
  })

  it('refuses unknown and ill-typed options with a TypeError naming them', () => {
    expect(() => createTesseraServer({ prot: 1 } as never)).toThrow(/unknown option "prot"/)
    expect(() => createTesseraServer({ port: -1 })).toThrow(/port must be a non-negative integer/)
    expect(() => createTesseraServer({ tlsCert: 'a.pem' })).toThrow(/tlsCert and tlsKey go together/)
    expect(() => createTesseraServer({ authenticate: 'yes' as never })).toThrow(/authenticate must be a function/)
  })
})
