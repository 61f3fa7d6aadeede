import { describe, expect, it } from 'vitest'
import { synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { createRoom } from '../sharing/helpers'
import { useClusterServers, useClusterSession } from './helpers'

// Presence of the clients of an instance killed with SIGKILL (CONTRACT §8): the instance can send
// no goodbye, so the others notice its liveness key in Redis expiring (1 s heartbeat, 3 s TTL, two
// missed checks) and drop the awareness states it had announced — well before y-protocols' own
// 30 s outdated-state timeout would.
const env = useClusterServers()
/** clearly under the 30 s awareness timeout; the heartbeat path takes about 4–6 s */
const GONE_WITHIN_MS = 12_000

describe('presence after an instance dies', () => {
  const session = useClusterSession(env)
  const connect = (wsUrl: string, room: string, token: string, name: string) => {
    const c = session.connect(wsUrl, room, token)
    c.provider.awareness.setLocalStateField('user', { name })
    return c
  }
  const names = (c: Client) =>
    [...c.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean).sort().join()

  it('the cursors of a SIGKILLed instance\'s clients disappear on the other instances within seconds; the rest stay', async () => {
    const cluster = await session.start(3)
    const [s0, s1, s2] = cluster.servers
    const room = await createRoom(s1!)
    const ada = connect(s0!.wsUrl, room.room, room.editorToken, 'Ada')
    const ann = connect(s0!.wsUrl, room.room, room.editorToken, 'Ann')
    const bob = connect(s1!.wsUrl, room.room, room.editorToken, 'Bob')
    const cy = connect(s2!.wsUrl, room.room, room.editorToken, 'Cy')
    await Promise.all([ada, ann, bob, cy].map((c) => synced(c.provider)))
    await waitFor(() => names(bob) === 'Ada,Ann,Bob,Cy' && names(cy) === 'Ada,Ann,Bob,Cy', { timeout: 10_000, message: 'everyone sees everyone' })
    // the killed instance's clients must not reconnect anywhere and re-announce themselves
    ada.provider.shouldConnect = false
    ann.provider.shouldConnect = false

    const killedAt = Date.now()
    s0!.proc.kill('SIGKILL')
    await waitFor(() => names(bob) === 'Bob,Cy' && names(cy) === 'Bob,Cy', {
      timeout: GONE_WITHIN_MS,
      message: `Ada and Ann gone from the other instances within ${GONE_WITHIN_MS} ms`,
    })
    const goneAfterMs = Date.now() - killedAt
    expect(goneAfterMs).toBeLessThan(GONE_WITHIN_MS)

    // the live ones still see each other's updates, and a newcomer sees only them
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob2' })
    await waitFor(() => names(cy) === 'Bob2,Cy', { message: 'Bob renamed, seen on instance 2' })
    const dan = connect(s2!.wsUrl, room.room, room.editorToken, 'Dan')
    await synced(dan.provider)
    await waitFor(() => names(dan) === 'Bob2,Cy,Dan', { message: 'the newcomer sees the live ones only' })
  }, 180_000)
})
