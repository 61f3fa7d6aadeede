import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { useServerWithClients } from '../../helpers/serverWithClients'
import { synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { awarenessMessage } from '../../helpers/awarenessMessage'

/** A raw socket in `room`; resolves once open, with its close code (null while open). */
async function rawSocket(wsUrl: string, room: string): Promise<{ ws: WebSocket; closed: () => number | null }> {
  const ws = new WebSocket(`${wsUrl}/${room}`)
  let code: number | null = null
  ws.on('close', (c) => (code = c))
  ws.on('error', () => {})
  await new Promise((r) => ws.once('open', r))
  return { ws, closed: () => code }
}

describe('security: presence belongs to the connection that announced it', () => {
  const env = useServerWithClients({ args: ['--open'], env: { TESSERA_TEST_VIEWER_ROOMS: 'spoof' } })
  const client = (room: string) => env.client(room)

  it("a viewer cannot rename, spotlight or remove another user's presence; a third client still sees the original", async () => {
    const alice = client('spoof')
    const bob = client('spoof')
    await Promise.all([synced(alice.provider), synced(bob.provider)])
    alice.provider.awareness.setLocalState({ user: { name: 'Alice', color: '#f00' }, cursor: null })
    const aliceId = alice.doc.clientID
    await waitFor(() => (bob.provider.awareness.getStates().get(aliceId) as { user?: { name: string } } | undefined)?.user?.name === 'Alice')
    const clock = alice.provider.awareness.meta.get(aliceId)!.clock

    const mallory = await rawSocket(env.server.wsUrl, 'spoof')
    mallory.ws.send(awarenessMessage([[aliceId, clock + 10, { user: { name: 'Mallory', color: '#000' }, spotlight: true }]]))
    mallory.ws.send(awarenessMessage([[aliceId, clock + 20, null]]))
    // Mallory's own presence goes through (so the messages above were read and handled)
    mallory.ws.send(awarenessMessage([[777_777, 1, { user: { name: 'Mallory', color: '#000' } }]]))
    await waitFor(() => bob.provider.awareness.getStates().has(777_777), { message: "Mallory's own presence to arrive" })
    const seen = bob.provider.awareness.getStates().get(aliceId) as { user: { name: string }; spotlight?: boolean }
    expect(seen.user.name).toBe('Alice')
    expect(seen.spotlight).toBeUndefined()
    expect(mallory.closed()).toBeNull()
    // a client joining now gets Alice as she is
    const carol = client('spoof')
    await synced(carol.provider)
    await waitFor(() => carol.provider.awareness.getStates().has(aliceId))
    expect((carol.provider.awareness.getStates().get(aliceId) as { user: { name: string } }).user.name).toBe('Alice')
    mallory.ws.close()
  })

  it('an awareness state over 64 KiB, or more than 4 ids from one connection, closes that connection with 4429', async () => {
    const big = await rawSocket(env.server.wsUrl, 'caps')
    big.ws.send(awarenessMessage([[1_001, 1, { user: { name: 'x'.repeat(100_000) } }]]))
    await waitFor(() => big.closed() !== null, { message: 'the oversized state to close its sender' })
    expect(big.closed()).toBe(4429)
    const many = await rawSocket(env.server.wsUrl, 'caps')
    many.ws.send(awarenessMessage([1, 2, 3, 4, 5].map((i) => [2_000 + i, 1, { user: { name: `n${i}` } }])))
    await waitFor(() => many.closed() !== null, { message: 'too many ids to close their sender' })
    expect(many.closed()).toBe(4429)
    expect(env.server.output()).toContain('awareness state too large')
    expect(env.server.output()).toContain('too many awareness ids')
  })
})
