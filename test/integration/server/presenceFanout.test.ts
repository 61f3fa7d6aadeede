import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { clientFrame, upgradeRaw } from '../../helpers/rawWebSocket'
import { awarenessMessage } from '../../helpers/awarenessMessage'

/** The entries of every awareness frame a socket receives, one array per frame. */
function awarenessFrames(ws: WebSocket): Array<Array<{ id: number; clock: number; state: unknown }>> {
  const frames: Array<Array<{ id: number; clock: number; state: unknown }>> = []
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(d) !== 1) return
    const u = decoding.createDecoder(decoding.readVarUint8Array(d))
    const n = decoding.readVarUint(u)
    const entries = []
    for (let i = 0; i < n; i++) entries.push({ id: decoding.readVarUint(u), clock: decoding.readVarUint(u), state: JSON.parse(decoding.readVarString(u)) })
    if (n > 0) frames.push(entries) // n = 0: the server's keep-alive
  })
  return frames
}

async function observer(wsUrl: string, room: string) {
  const ws = new WebSocket(`${wsUrl}/${room}`)
  const frames = awarenessFrames(ws)
  await new Promise((r) => ws.once('open', r))
  // what the server sends a joiner (the room's current presence) is not counted
  await new Promise((r) => setTimeout(r, 200))
  frames.length = 0
  return { ws, frames }
}

async function rejectedForOthersIds(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  return Number(/^tessera_rejected_total\{reason="awareness of another connection's ids"\} (\S+)$/m.exec(text)?.[1] ?? 0)
}

describe('sync server: presence fan-out', () => {
  let server: RunningServer
  const clients: Client[] = []
  const sockets: WebSocket[] = []
  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of sockets) s.terminate()
    await server?.dispose()
  })

  it('ten cursor moves read in one turn reach another client as one frame with the latest state', async () => {
    const watch = await observer(server.wsUrl, 'coalesce')
    sockets.push(watch.ws)
    const { socket } = await upgradeRaw(server.port, 'coalesce')
    socket.resume()
    const moves = Array.from({ length: 10 }, (_, i) => clientFrame(awarenessMessage([[4242, i + 1, { cursor: { x: i, y: i } }]])))
    socket.write(Buffer.concat(moves))
    await waitFor(() => watch.frames.flat().some((e) => e.id === 4242 && e.clock === 10), { message: 'the last move to arrive' })
    await new Promise((r) => setTimeout(r, 300))
    const mentioning = watch.frames.filter((f) => f.some((e) => e.id === 4242))
    expect(mentioning).toHaveLength(1)
    expect(mentioning[0]).toEqual([{ id: 4242, clock: 10, state: { cursor: { x: 9, y: 9 } } }])
    socket.destroy()
  })

  it("a stock client re-sending another user's state it received is dropped as stale: nobody hears it again, nothing counted as refused", async () => {
    const alice = newClient(server.wsUrl, 'stale')
    const bob = newClient(server.wsUrl, 'stale')
    clients.push(alice, bob)
    await Promise.all([synced(alice.provider), synced(bob.provider)])
    alice.provider.awareness.setLocalState({ user: { name: 'Alice' }, cursor: { x: 1, y: 1 } })
    const id = alice.doc.clientID
    await waitFor(() => (bob.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined)?.user?.name === 'Alice', { message: 'Bob to see Alice' })
    const watch = await observer(server.wsUrl, 'stale')
    sockets.push(watch.ws)
    const before = await rejectedForOthersIds(server)
    const clock = alice.provider.awareness.meta.get(id)!.clock
    // what a stock client sends back after receiving Alice's move: her state with her clock
    bob.provider.ws!.send(awarenessMessage([[id, clock, { user: { name: 'Alice' }, cursor: { x: 1, y: 1 } }]]))
    // and an older clock with a forged state
    bob.provider.ws!.send(awarenessMessage([[id, clock - 1, { user: { name: 'Mallory' } }]]))
    // a marker on the same socket after them: once it arrives, the stale ones have been handled
    const bobId = bob.doc.clientID
    bob.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
    const bobClock = bob.provider.awareness.meta.get(bobId)!.clock
    await waitFor(() => watch.frames.flat().some((e) => e.id === bobId && e.clock === bobClock), { message: "Bob's move to arrive" })
    expect(watch.frames.flat().filter((e) => e.id === id)).toEqual([])
    expect(await rejectedForOthersIds(server)).toBe(before)
    expect((bob.provider.awareness.getStates().get(id) as { user: { name: string } }).user.name).toBe('Alice')
  })
})
