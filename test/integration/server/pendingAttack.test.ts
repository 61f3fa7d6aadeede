import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { encodeUpdate } from '../../../server/ws/protocol'

/**
 * A hand-made update with one struct: id (client, clock), parent given by an id, a map key and a
 * string. Yjs keeps such a struct pending until its parent exists — a way to plant something that
 * breaks the integration of another user's next, perfectly valid edit.
 */
function plantedStruct(id: { client: number; clock: number }, parent: { client: number; clock: number }): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, id.client)
  encoding.writeVarUint(e, id.clock)
  encoding.writeUint8(e, 0x28) // Item: ContentAny, with a parentSub, no origins
  encoding.writeVarUint(e, 0) // parent is an id…
  encoding.writeVarUint(e, parent.client)
  encoding.writeVarUint(e, parent.clock)
  encoding.writeVarString(e, 'k') // …and the map key
  encoding.writeVarUint(e, 1) // one value
  encoding.writeUint8(e, 119) // a string
  encoding.writeVarString(e, 'planted')
  encoding.writeVarUint(e, 0) // empty delete set
  return encoding.toUint8Array(e)
}

/** Sends one sync update from a raw socket; resolves with the close code, or null if it stays open for a second. */
function sendRaw(wsUrl: string, room: string, update: Uint8Array): Promise<number | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsUrl}/${room}`)
    ws.on('error', () => {})
    ws.on('open', () => {
      ws.send(encodeUpdate(update))
      setTimeout(() => (ws.close(), resolve(null)), 1000)
    })
    ws.on('close', (code) => resolve(code))
  })
}

describe('sync server: planted pending structs', () => {
  let server: RunningServer
  const clients: Client[] = []
  const closes = new Map<Client, number[]>()
  const client = (room: string) => {
    const c = newClient(server.wsUrl, room)
    clients.push(c)
    closes.set(c, [])
    c.provider.on('connection-close', (e: CloseEvent | null) => closes.get(c)!.push(e?.code ?? 0))
    return c
  }
  const itemsOf = async (room: string) => {
    const check = client(room)
    await synced(check.provider)
    return check.doc.getMap('items')
  }

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.dispose()
  })

  it('a struct that names its own client\'s future as its parent is refused at the door', async () => {
    const victim = client('own-future')
    await synced(victim.provider)
    victim.doc.getMap('items').set('a', 'original')
    const next = Y.getState(victim.doc.store, victim.doc.clientID)
    const code = await sendRaw(server.wsUrl, 'own-future', plantedStruct({ client: victim.doc.clientID, clock: next + 1 }, { client: victim.doc.clientID, clock: next + 1000 }))
    expect(code).toBe(4400)
    for (let i = 0; i < 3; i++) victim.doc.getMap('items').set(`edit${i}`, i)
    const items = await itemsOf('own-future')
    await waitFor(() => items.get('edit2') === 2, { message: "the victim's edits to be stored and served" })
    expect(closes.get(victim)).toEqual([])
    expect(server.output()).toContain('impossible update')
  })

  it("a struct planted under another user's next struct never costs that user an edit", async () => {
    const victim = client('planted')
    const bystander = client('planted')
    await Promise.all([synced(victim.provider), synced(bystander.provider)])
    victim.doc.getMap('items').set('a', 'original')
    const next = Y.getState(victim.doc.store, victim.doc.clientID)
    // parent: the victim's next struct, which will be a plain value, not a type
    expect(await sendRaw(server.wsUrl, 'planted', plantedStruct({ client: 4242, clock: 0 }, { client: victim.doc.clientID, clock: next }))).toBeNull()
    victim.doc.getMap('items').set('b', 'innocent')
    victim.doc.getMap('items').set('c', 'also innocent')
    // whatever becomes of the planted struct, the victim's edits are stored and served
    const items = await itemsOf('planted')
    await waitFor(() => items.get('b') === 'innocent' && items.get('c') === 'also innocent', { message: "the victim's edits to reach the server", timeout: 15_000 })
    expect(closes.get(victim)!.every((c) => c !== 4400)).toBe(true)
    expect(closes.get(bystander)!.every((c) => c !== 4400)).toBe(true)
    await waitFor(() => victim.provider.wsconnected)
    victim.doc.getMap('items').set('d', 'later')
    await waitFor(() => items.get('d') === 'later', { message: 'a later edit to go through' })

    // on disk: the victim's edits, and nothing planted left waiting
    for (const c of clients) c.provider.disconnect()
    expect(await server.stop()).toBe(0)
    const again = await startServer({ args: ['--open'], dataDir: server.dataDir, keepData: true })
    try {
      const after = newClient(again.wsUrl, 'planted')
      clients.push(after)
      await synced(after.provider)
      expect(after.doc.getMap('items').toJSON()).toMatchObject({ a: 'original', b: 'innocent', c: 'also innocent', d: 'later' })
      expect(after.doc.store.pendingStructs).toBeNull()
    } finally {
      await again.stop()
    }
  })
})
