import { describe, expect, it } from 'vitest'
import { synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom } from '../sharing/helpers'
import { useClusterServers, useClusterSession } from './helpers'

// Three instances on one PostgreSQL and one Redis, stock y-websocket clients spread over them.
const env = useClusterServers()

describe('a cluster of three instances', () => {
  const session = useClusterSession(env)
  const connect = session.connect
  const closes = (c: Client) => {
    const codes: number[] = []
    c.provider.on('connection-close', (e: CloseEvent | null) => void (e && codes.push(e.code)))
    return codes
  }

  it('converges concurrent edits, shares presence, serves a late joiner on a third instance and comes back from PostgreSQL after all restart', async () => {
    const cluster = await session.start(3)
    const [s0, s1, s2] = cluster.servers
    // a room and tokens made by one instance work on the others
    const created = await createRoom(s0!)
    const a = connect(s0!.wsUrl, created.room, created.editorToken)
    const b = connect(s1!.wsUrl, created.room, created.editorToken)
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    b.provider.awareness.setLocalStateField('user', { name: 'Bob' })
    for (let k = 0; k < 50; k++) {
      a.doc.getMap('items').set(`a${k}`, k)
      b.doc.getMap('items').set(`b${k}`, k)
    }
    await waitFor(() => a.doc.getMap('items').size === 100 && b.doc.getMap('items').size === 100, { timeout: 10_000, message: '100 items on both' })
    expect(a.doc.getMap('items').toJSON()).toEqual(b.doc.getMap('items').toJSON())
    const names = (c: Client) => [...c.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean).sort()
    await waitFor(() => names(a).join() === 'Ada,Bob' && names(b).join() === 'Ada,Bob', { message: 'each sees the other' })

    // a late joiner on the third instance gets the document and both cursors at once
    const c = connect(s2!.wsUrl, created.room, created.editorToken)
    await synced(c.provider)
    expect(c.doc.getMap('items').toJSON()).toEqual(a.doc.getMap('items').toJSON())
    await waitFor(() => names(c).join() === 'Ada,Bob', { message: 'the late joiner sees both cursors' })
    c.doc.getMap('items').set('late', 1)
    await waitFor(() => a.doc.getMap('items').get('late') === 1 && b.doc.getMap('items').get('late') === 1, { message: 'the late edit everywhere' })
    const expected = c.doc.getMap('items').toJSON()

    // every instance restarted: the state comes back from PostgreSQL
    session.closeClients()
    const restarted = await session.start(3, { database: cluster.database })
    const fresh = connect(restarted.servers[1]!.wsUrl, created.room, created.viewerToken)
    await synced(fresh.provider)
    expect(fresh.doc.getMap('items').toJSON()).toEqual(expected)
  }, 180_000)

  it('PATCH on one instance downgrades and closes connections on the others; DELETE ends sessions everywhere', async () => {
    const cluster = await session.start(3)
    const [s0, s1, s2] = cluster.servers
    const room = await createRoom(s0!, 'Before')
    await api(s0!, 'PATCH', `/api/rooms/${room.room}`, { token: room.ownerToken, body: { access: 'edit' } })
    const link = connect(s1!.wsUrl, room.room, room.linkSecret)
    const linkCloses = closes(link)
    const owner = connect(s2!.wsUrl, room.room, room.ownerToken)
    const ownerCloses = closes(owner)
    await Promise.all([synced(link.provider), synced(owner.provider)])
    link.doc.getMap('items').set('before', 1)
    await waitFor(() => owner.doc.getMap('items').get('before') === 1, { message: 'a link editor write' })

    // title and access change on instance 0; the document on instances 1 and 2 says so within 1 s
    let t0 = Date.now()
    expect((await api(s0!, 'PATCH', `/api/rooms/${room.room}`, { token: room.ownerToken, body: { title: 'After', access: 'view' } })).status).toBe(200)
    await waitFor(() => link.doc.getMap('meta').get('access') === 'view' && owner.doc.getMap('meta').get('title') === 'After', { timeout: 1_000, interval: 10, message: 'meta on the other instances within 1 s' })
    // the link editor on instance 1 is a viewer now: its write is dropped
    link.doc.getMap('items').set('after', 1)
    owner.doc.getMap('items').set('control', 1)
    const probe = connect(s1!.wsUrl, room.room, room.ownerToken)
    await waitFor(() => probe.doc.getMap('items').get('control') === 1, { message: 'the owner write' })
    expect(probe.doc.getMap('items').has('after')).toBe(false)
    expect(link.provider.wsconnected).toBe(true)

    t0 = Date.now()
    await api(s0!, 'PATCH', `/api/rooms/${room.room}`, { token: room.ownerToken, body: { access: 'private' } })
    await waitFor(() => linkCloses.length > 0, { timeout: 1_000, interval: 10, message: 'the link connection on instance 1 closed within 1 s' })
    expect(linkCloses[0]).toBe(4403)
    link.provider.disconnect()
    expect(Date.now() - t0).toBeLessThan(1_000)

    // Revoking the link on instance 0 closes a connection that came in with it on instance 2 within 1 s
    await api(s0!, 'PATCH', `/api/rooms/${room.room}`, { token: room.ownerToken, body: { access: 'view' } })
    const oldLink = connect(s2!.wsUrl, room.room, room.linkSecret)
    const oldLinkCloses = closes(oldLink)
    await synced(oldLink.provider)
    t0 = Date.now()
    expect((await api(s0!, 'POST', `/api/rooms/${room.room}/revoke`, { token: room.ownerToken })).status).toBe(200)
    await waitFor(() => oldLinkCloses.includes(4403), { timeout: 1_000, interval: 10, message: 'the old-link connection on instance 2 closed within 1 s' })
    oldLink.provider.disconnect()
    expect(owner.provider.wsconnected).toBe(true)

    // DELETE on instance 2 ends the sessions on instances 1 and 2
    const viewer = connect(s0!.wsUrl, room.room, room.viewerToken)
    const viewerCloses = closes(viewer)
    await synced(viewer.provider)
    t0 = Date.now()
    expect((await api(s2!, 'DELETE', `/api/rooms/${room.room}`, { token: room.ownerToken })).status).toBe(204)
    await waitFor(() => ownerCloses.includes(4404) && viewerCloses.includes(4404), { timeout: 1_000, interval: 10, message: 'every session ended within 1 s' })
    for (const c of [owner, viewer, probe]) c.provider.disconnect()
    expect((await api(s1!, 'GET', `/api/rooms/${room.room}`, { token: room.ownerToken })).status).toBe(404)
  }, 120_000)
})
