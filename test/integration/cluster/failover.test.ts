import { afterEach, describe, expect, it } from 'vitest'
import { synced } from '../../helpers/clients'
import { startBalancer, type Balancer } from '../../helpers/balancer'
import { waitFor } from '../../helpers/waitFor'
import { createRoom } from '../sharing/helpers'
import { useClusterServers, useClusterSession, type Instances } from './helpers'

// Instances, Redis and PostgreSQL failing under live clients: nothing acknowledged is lost.
const env = useClusterServers()

describe('cluster failures', () => {
  const session = useClusterSession(env)
  const connect = session.connect
  let balancer: Balancer | null = null
  afterEach(async () => {
    await balancer?.close()
    balancer = null
  })
  /** Two instances, a room, and one synced editor on each instance. */
  const twoInstancesOneRoom = async () => {
    const cluster = await session.start(2)
    const [s0, s1] = cluster.servers as [Instances['servers'][number], Instances['servers'][number]]
    const room = await createRoom(s0)
    const a = connect(s0.wsUrl, room.room, room.editorToken)
    const b = connect(s1.wsUrl, room.room, room.editorToken)
    await Promise.all([synced(a.provider), synced(b.provider)])
    return { s0, s1, room, a, b }
  }
  const health = async (url: string) => {
    const r = await fetch(`${url}/healthz`)
    return { status: r.status, body: (await r.json()) as Record<string, unknown> }
  }

  it('SIGKILL of an instance during a burst of 2,000 single-item transactions: its client reconnects elsewhere and every item is there', async () => {
    const cluster = await session.start(3)
    const [s0, s1, s2] = cluster.servers
    balancer = await startBalancer([s0.port, s1.port, s2!.port])
    const room = await createRoom(s1!)
    // the writer goes through the balancer; its first connection lands on instance 0
    const writer = connect(balancer.wsUrl, room.room, room.editorToken)
    await synced(writer.provider)
    const watchers = [connect(s1.wsUrl, room.room, room.editorToken), connect(s2!.wsUrl, room.room, room.editorToken)]
    await Promise.all(watchers.map((w) => synced(w.provider)))
    expect((await health(s0.url)).body.connections).toBe(1)

    const items = writer.doc.getMap('items')
    let seenAtKill: string[] = []
    for (let i = 0; i < 2_000; i++) {
      items.set(`k${i}`, i)
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 2))
      if (i === 700) {
        // on a loaded machine the relay can lag the burst: kill only once the watchers have been
        // sent something, so there is something acknowledged before the kill to check for
        await waitFor(() => watchers[0]!.doc.getMap('items').size > 0, { timeout: 20_000, message: 'the first items relayed before the kill' })
        s0.proc.kill('SIGKILL')
        // what the watchers had been sent before the kill was acknowledged: it must survive
        seenAtKill = [...watchers[0]!.doc.getMap('items').keys()]
      }
    }
    expect(seenAtKill.length).toBeGreaterThan(0)
    await waitFor(() => watchers.every((w) => w.doc.getMap('items').size === 2_000), { timeout: 60_000, message: 'all 2,000 items on both watchers' })
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, { timeout: 30_000, message: 'the writer reconnected elsewhere' })
    for (const w of watchers) expect(w.doc.getMap('items').toJSON()).toEqual(items.toJSON())

    // the writer goes away; a fresh client on a restarted instance reads everything from PostgreSQL
    writer.destroy()
    const fresh0 = await cluster.restart(0)
    const fresh = connect(fresh0.wsUrl, room.room, room.viewerToken)
    await synced(fresh.provider)
    expect(fresh.doc.getMap('items').size).toBe(2_000)
    for (const k of seenAtKill) expect(fresh.doc.getMap('items').has(k)).toBe(true)
  }, 240_000)

  it('Redis restarted mid-session: nothing is lost, /healthz says so meanwhile, and the instances resume', async () => {
    const { s0, s1, a, b } = await twoInstancesOneRoom()
    for (let i = 0; i < 10; i++) a.doc.getMap('items').set(`before${i}`, i)
    await waitFor(() => b.doc.getMap('items').size === 10, { message: 'first edits relayed' })

    await env().redis.stop()
    await waitFor(async () => (await health(s0.url)).status === 503, { message: 'healthz 503 while Redis is down' })
    expect((await health(s0.url)).body).toMatchObject({ ok: false, redis: 'down', postgres: 'up', instance: 'instance-0' })
    for (let i = 0; i < 10; i++) a.doc.getMap('items').set(`during${i}`, i)
    for (let i = 0; i < 10; i++) b.doc.getMap('items').set(`duringB${i}`, i)
    await new Promise((r) => setTimeout(r, 1_000))
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)

    await env().redis.start()
    await waitFor(() => a.doc.getMap('items').size === 30 && b.doc.getMap('items').size === 30, { timeout: 20_000, message: 'everything on both after Redis returned' })
    await waitFor(async () => (await health(s1.url)).status === 200, { timeout: 10_000, message: 'healthz 200 again' })
    b.doc.getMap('items').set('after', 1)
    await waitFor(() => a.doc.getMap('items').get('after') === 1, { message: 'new edits flow again' })
  }, 180_000)

  it('PostgreSQL unavailable for 5 s: writes wait (nothing relayed before it is stored), then everything is stored and relayed', async () => {
    const { s0, s1, room, a, b } = await twoInstancesOneRoom()
    a.doc.getMap('items').set('before', 1)
    await waitFor(() => b.doc.getMap('items').get('before') === 1, { message: 'first edit relayed' })

    await env().postgres.stop()
    const downAt = Date.now()
    for (let i = 0; i < 10; i++) a.doc.getMap('items').set(`during${i}`, i)
    await waitFor(async () => (await health(s0.url)).status === 503, { message: 'healthz 503 while PostgreSQL is down' })
    // s1 has no write of its own in flight: it learns of the outage at its next PostgreSQL ping
    await waitFor(async () => (await health(s1.url)).status === 503, { timeout: 10_000, message: 'the other instance answers 503 too' })
    expect((await health(s1.url)).body).toMatchObject({ ok: false, postgres: 'down' })
    while (Date.now() - downAt < 5_000) {
      // not stored, so not relayed to anyone
      expect(b.doc.getMap('items').size).toBe(1)
      await new Promise((r) => setTimeout(r, 250))
    }
    await env().postgres.start()
    await waitFor(() => b.doc.getMap('items').size === 11, { timeout: 30_000, message: 'the waiting writes stored and relayed' })
    expect(a.provider.wsconnected).toBe(true)
    // stored whole: a fresh client on the other instance reads all of them from PostgreSQL
    b.destroy()
    const fresh = connect(s1.wsUrl, room.room, room.viewerToken)
    await synced(fresh.provider)
    expect(fresh.doc.getMap('items').size).toBe(11)
    await waitFor(async () => (await health(s0.url)).status === 200, { timeout: 10_000, message: 'healthz 200 again' })
  }, 180_000)
})
