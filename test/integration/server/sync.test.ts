import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { startServer, type RunningServer } from '../../helpers/server'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeAwareness } from '../../../server/ws/protocol'

describe('sync server: stock y-websocket clients', () => {
  const env = useServerWithClients()
  const client = (room: string) => env.client(room)

  it('two clients in one room converge', async () => {
    const a = client('converge')
    const b = client('converge')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('items').set('x', 1)
    b.doc.getMap('items').set('y', 2)
    a.doc.getText('t').insert(0, 'hello ')
    b.doc.getText('t').insert(0, 'world')
    await waitFor(() => b.doc.getMap('items').get('x') === 1 && a.doc.getMap('items').get('y') === 2, { message: 'maps to converge' })
    await waitFor(() => a.doc.getText('t').toString() === b.doc.getText('t').toString() && a.doc.getText('t').length === 11, {
      message: 'texts to converge',
    })
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it('a late joiner receives 1,000 items', async () => {
    const a = client('late')
    await synced(a.provider)
    const items = a.doc.getMap('items')
    for (let i = 0; i < 1000; i++) {
      a.doc.transact(() => {
        const item = new Y.Map<unknown>()
        item.set('type', 'rect')
        item.set('x', i)
        items.set(`item-${i}`, item)
      })
    }
    const late = client('late')
    await synced(late.provider)
    await waitFor(() => late.doc.getMap('items').size === 1000, { message: 'all 1,000 items at the late joiner', timeout: 10_000 })
    expect((late.doc.getMap('items').get('item-999') as Y.Map<unknown>).get('x')).toBe(999)
  })

  it('rooms are isolated', async () => {
    const a = client('iso-a')
    const b = client('iso-b')
    const a2 = client('iso-a')
    await Promise.all([synced(a.provider), synced(b.provider), synced(a2.provider)])
    a.doc.getMap('items').set('only-a', true)
    b.doc.getMap('items').set('only-b', true)
    await waitFor(() => a2.doc.getMap('items').get('only-a') === true, { message: 'update within room a' })
    // b's update was sent before a2 saw a's; give the server a round-trip through room b too.
    const b2 = client('iso-b')
    await synced(b2.provider)
    await waitFor(() => b2.doc.getMap('items').get('only-b') === true)
    expect(a2.doc.getMap('items').has('only-b')).toBe(false)
    expect(b2.doc.getMap('items').has('only-a')).toBe(false)
  })

  it('awareness arrives and is removed when its connection closes', async () => {
    const a = client('aware')
    const b = client('aware')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' })
    const aId = a.doc.clientID
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Ada', {
      message: "b to see a's awareness",
    })
    // A third client joining later gets the current states on connect.
    const c = client('aware')
    await synced(c.provider)
    await waitFor(() => c.provider.awareness.getStates().has(aId), { message: 'late joiner to see awareness' })
    // Close a's socket without a goodbye awareness message: the server must remove a for everyone.
    a.provider.shouldConnect = false
    a.provider.ws?.close()
    await waitFor(() => !b.provider.awareness.getStates().has(aId) && !c.provider.awareness.getStates().has(aId), {
      message: "a's awareness removed at b and c",
      timeout: 5_000,
    })
  })
})

describe('sync server: ping/pong keep-alive', () => {
  // A short period (hidden flag) so a dead peer goes within a second instead of 10–20 s.
  const PING_MS = 250
  let server: RunningServer
  const clients: Client[] = []
  const sockets: WebSocket[] = []

  beforeAll(async () => {
    server = await startServer({ args: ['--open'], env: { TESSERA_PING_INTERVAL_MS: String(PING_MS) } })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const ws of sockets) ws.terminate()
    await server?.dispose()
  })

  it('drops a peer that stops answering pings and removes its awareness state for everyone', async () => {
    const watcher = newClient(server.wsUrl, 'keepalive')
    clients.push(watcher)
    await synced(watcher.provider)

    // A raw peer that never answers pings (ws answers them by itself unless autoPong is off).
    const dead = new WebSocket(`${server.wsUrl}/keepalive`, { autoPong: false })
    sockets.push(dead)
    const closed = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not drop the silent peer within 10 s')), 10_000)
      dead.once('close', () => (clearTimeout(timer), resolve(Date.now())))
    })
    let pings = 0
    dead.on('ping', () => pings++)
    await new Promise<void>((resolve, reject) => (dead.once('open', () => resolve()), dead.once('error', reject)))
    const openedAt = Date.now()

    // It announces a presence, as a provider would.
    const ghostDoc = new Y.Doc()
    let ghostSeen = false
    watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(ghostDoc.clientID)) ghostSeen = true
    })
    const ghost = new awarenessProtocol.Awareness(ghostDoc)
    ghost.setLocalState({ user: { name: 'Ghost', color: '#000' } })
    dead.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(ghost, [ghostDoc.clientID])))
    ghost.destroy()
    ghostDoc.destroy()
    await waitFor(() => ghostSeen, { message: "the watcher to see the ghost's presence" })

    // Pinged at least once, never answered: dropped by the ping after the unanswered one.
    const closedAt = await closed
    expect(pings).toBeGreaterThanOrEqual(1)
    // At most two periods after opening, plus slack for a loaded machine (the default 10 s would fail this).
    expect(closedAt - openedAt).toBeLessThan(8 * PING_MS)
    await waitFor(() => !watcher.provider.awareness.getStates().has(ghostDoc.clientID), {
      message: "the ghost's presence to be removed at the watcher",
      timeout: 5_000,
    })
    // The watcher, which answers pings, was not dropped along with it.
    expect(watcher.provider.wsconnected).toBe(true)
  })

  it('keeps a peer that answers pings connected across several periods', async () => {
    const a = newClient(server.wsUrl, 'keepalive-live')
    const b = newClient(server.wsUrl, 'keepalive-live')
    clients.push(a, b)
    await Promise.all([synced(a.provider), synced(b.provider)])
    const socket = a.provider.ws
    expect(socket).not.toBeNull()
    let pings = 0
    ;(socket as unknown as WebSocket).on('ping', () => pings++)
    let disconnects = 0
    a.provider.on('status', ({ status }: { status: string }) => status === 'disconnected' && disconnects++)

    await waitFor(() => pings >= 6, { message: 'six pings', timeout: 20 * PING_MS + 10_000 })
    expect(disconnects).toBe(0)
    expect(a.provider.ws).toBe(socket)
    expect(a.provider.wsconnected).toBe(true)
    // …and the connection still carries edits.
    a.doc.getMap('items').set('after-pings', 1)
    await waitFor(() => b.doc.getMap('items').get('after-pings') === 1, { message: 'an edit after the pings' })
  })
})
