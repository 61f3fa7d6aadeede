import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newClient, synced, type Client } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom, mint, rawConnect, SECRET_ARGS, type CreatedRoom } from './helpers'

// WebSocket access without --open (CONTRACT §6): tokens are checked at the upgrade, a refusal is
// an HTTP status with no sync data at all, and a viewer's updates never land anywhere.
describe('WebSocket access (secure server)', () => {
  let server: RunningServer
  let room: CreatedRoom
  let other: CreatedRoom
  const clients: Client[] = []
  const client = (name: string, token?: string, doc?: Y.Doc) => {
    const c = newClient(server.wsUrl, name, { params: token ? { token } : {}, doc })
    clients.push(c)
    return c
  }
  const path = (name: string, token?: string) => `/${name}${token ? `?token=${encodeURIComponent(token)}` : ''}`
  const dropped = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    return Number(/^tessera_viewer_writes_dropped_total (\S+)$/m.exec(text)?.[1] ?? NaN)
  }

  beforeAll(async () => {
    server = await startServer({ args: SECRET_ARGS, keepData: true })
    room = await createRoom(server, 'Secret plans')
    other = await createRoom(server, 'Other')
    // Some content so that a leak would be visible.
    const owner = client(room.room, room.ownerToken)
    await synced(owner.provider)
    owner.doc.getMap('items').set('plan', 'top secret')
    await waitFor(async () => (await fetch(`${server.url}/api/rooms/${room.room}`, { headers: { Authorization: `Bearer ${room.ownerToken}` } })).ok)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.dispose()
  })

  it('a private room refuses a raw client without a token with 401 and sends no sync data', async () => {
    const r = await rawConnect(server.wsUrl, path(room.room))
    expect(r).toMatchObject({ status: 401, frames: 0, bytes: 0 })
  })

  it('forged, expired, malformed, other-room tokens are refused at the upgrade', async () => {
    const forged = mint(room.room, 'owner', { secret: 'guessed-secret' })
    const expired = mint(room.room, 'owner', { now: Date.now() - 7200_000, ttlSeconds: 3600 })
    const cases: Array<[string, number]> = [
      [forged, 401],
      [expired, 401],
      ['garbage.token', 401],
      [other.ownerToken, 403],
    ]
    for (const [token, status] of cases) {
      const r = await rawConnect(server.wsUrl, path(room.room, token))
      expect({ status: r.status, frames: r.frames }).toEqual({ status, frames: 0 })
    }
  })

  it('a stock provider with a refused token never receives the document', async () => {
    const c = client(room.room, mint(room.room, 'editor', { secret: 'guessed-secret' }))
    const closes: number[] = []
    c.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0))
    await waitFor(() => closes.length >= 1, { message: 'the refused connection to close' })
    expect(c.provider.synced).toBe(false)
    expect(c.doc.getMap('items').size).toBe(0)
    c.provider.disconnect()
  })

  it('a room never created through the API cannot be opened (401 without token, 404 with a valid token for it)', async () => {
    expect((await rawConnect(server.wsUrl, path('adhoc-room'))).status).toBe(401)
    const r = await rawConnect(server.wsUrl, path('adhoc-room', mint('adhoc-room', 'owner')))
    expect(r).toMatchObject({ status: 404, frames: 0 })
  })

  it('every valid token opens the room; the viewer gets the content', async () => {
    for (const token of [room.ownerToken, room.editorToken, room.viewerToken]) {
      const r = await rawConnect(server.wsUrl, path(room.room, token))
      expect(r.status).toBe(101)
      expect(r.frames).toBeGreaterThan(0)
    }
    const v = client(room.room, room.viewerToken)
    await synced(v.provider)
    expect(v.doc.getMap('items').get('plan')).toBe('top secret')
  })

  it("a viewer's writes reach neither the server doc, other clients, nor storage (checked after a restart)", async () => {
    const editor = client(room.room, room.editorToken)
    const viewer = client(room.room, room.viewerToken)
    await Promise.all([synced(editor.provider), synced(viewer.provider)])
    const before = await dropped()
    viewer.doc.getMap('items').set('vandal', 'x')
    viewer.doc.getMap('meta').set('title', 'pwned')
    await waitFor(async () => (await dropped()) > before, { message: 'the viewer write to be dropped and counted' })
    // A control write by the editor arrives; the viewer's does not.
    editor.doc.getMap('items').set('control', 1)
    const fresh = client(room.room, room.ownerToken)
    await waitFor(() => fresh.doc.getMap('items').get('control') === 1, { message: 'the control write' })
    expect(fresh.doc.getMap('items').has('vandal')).toBe(false)
    expect(editor.doc.getMap('items').has('vandal')).toBe(false)

    for (const c of clients) c.provider.disconnect()
    expect(await server.stop()).toBe(0)
    server = await startServer({ args: SECRET_ARGS, dataDir: server.dataDir, port: server.port })
    const after = client(room.room, room.ownerToken)
    await synced(after.provider)
    expect(after.doc.getMap('items').get('plan')).toBe('top secret')
    expect(after.doc.getMap('items').get('control')).toBe(1)
    expect(after.doc.getMap('items').has('vandal')).toBe(false)
    expect(after.doc.getMap('meta').get('title')).toBe('Secret plans')
  })

  it('tokens survive a restart with the same --auth-secret; the API still knows the room', async () => {
    const r = await api(server, 'GET', `/api/rooms/${room.room}`, { token: room.viewerToken })
    expect(r.status).toBe(200)
  })
})
