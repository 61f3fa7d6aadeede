import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { removeItems, moveItems } from '../../../src/doc'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import type { Client } from '../../helpers/clients'
import { api, errorCode } from '../sharing/helpers'
import { addRects, joinAs, xsOf, type VersionJson } from './helpers'

// Replay across several spans (CONTRACT §7, issue 18 "replay plays the session from any point"):
// one request returns the stored updates from a version on through several later versions, and
// playing them crosses every version on the way exactly. Also: the list says who changed how many
// items in each span. Real server, real SQLite, stock y-websocket clients.
const ROOM = 'replay-spans'

function idAtX(doc: Y.Doc, x: number): string {
  const hit = [...doc.getMap('items').entries()].find(([, m]) => (m as Y.Map<unknown>).get('x') === x)
  if (!hit) throw new Error(`no item at x=${x}`)
  return hit[0]
}

interface ReplayJson {
  from: number | null
  base: string | null
  updates: Array<{ at: string; data: string }>
  marks: Array<{ id: number; at: string; index: number }>
  complete: boolean
}

describe('history replay across spans', () => {
  let server: RunningServer
  let ada: Client
  let bob: Client
  const versions: VersionJson[] = []

  /** Names the current state once both clients hold `count` items. */
  async function nameAt(count: number, label: string): Promise<VersionJson> {
    await waitFor(() => xsOf(ada.doc).length === count && xsOf(bob.doc).length === count)
    const r = await api(server, 'POST', `/api/rooms/${ROOM}/versions`, { body: { label } })
    expect(r.status).toBe(201)
    return r.body as VersionJson
  }

  beforeAll(async () => {
    server = await startServer({ args: ['--open'] })
    ada = await joinAs(server, ROOM, null, 'Ada')
    bob = await joinAs(server, ROOM, null, 'Bob')
    // span 1: Ada adds two, Bob one
    addRects(ada.doc, [1, 2], 'Ada')
    addRects(bob.doc, [3], 'Bob')
    versions.push(await nameAt(3, 'v1'))
    // span 2: Bob adds two more (one edit each) and moves one of Ada's; Ada adds one
    addRects(bob.doc, [4], 'Bob')
    addRects(bob.doc, [5], 'Bob')
    expect(moveItems(bob.doc, [idAtX(bob.doc, 1)], 100, 0, { author: 'Bob' }).ok).toBe(true)
    addRects(ada.doc, [6], 'Ada')
    versions.push(await nameAt(6, 'v2'))
    // span 3: Ada removes one item, adds another
    await waitFor(() => xsOf(ada.doc).includes(101))
    expect(removeItems(ada.doc, [idAtX(ada.doc, 5)]).ok).toBe(true)
    addRects(ada.doc, [7], 'Ada')
    await waitFor(() => xsOf(bob.doc).includes(7) && !xsOf(bob.doc).includes(5))
    const r = await api(server, 'POST', `/api/rooms/${ROOM}/versions`, { body: { label: 'v3' } })
    versions.push(r.body as VersionJson)
  })
  afterAll(async () => {
    ada?.destroy()
    bob?.destroy()
    await server?.dispose()
  })

  it('plays the stored updates from one version through several later ones, reaching each version exactly', async () => {
    const [v1, v2, v3] = versions as [VersionJson, VersionJson, VersionJson]
    const r = await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v1.id}/replay?through=${v3.id}`)
    expect(r.status).toBe(200)
    const body = r.body as ReplayJson
    expect(body.from).toBeNull() // v1 is the room's first version: the replay starts from an empty board
    expect(body.complete).toBe(true)
    expect(body.marks.map((m) => m.id)).toEqual([v1.id, v2.id, v3.id])
    expect(body.marks.at(-1)!.index).toBe(body.updates.length)
    expect(body.marks[0]!.index).toBeGreaterThan(0)
    expect(body.marks[1]!.index).toBeGreaterThan(body.marks[0]!.index)
    expect(body.marks[2]!.index).toBeGreaterThan(body.marks[1]!.index)
    const times = body.updates.map((u) => Date.parse(u.at))
    expect(times).toEqual([...times].sort((a, b) => a - b))

    const doc = new Y.Doc()
    if (body.base) Y.applyUpdate(doc, Buffer.from(body.base, 'base64'))
    let applied = 0
    for (const [k, mark] of body.marks.entries()) {
      for (; applied < mark.index; applied++) Y.applyUpdate(doc, Buffer.from(body.updates[applied]!.data, 'base64'))
      const exact = await versionItems(versions[k]!.id)
      expect(doc.getMap('items').toJSON(), `after mark ${k + 1}`).toEqual(exact)
    }
    expect(xsOf(doc)).toEqual([2, 3, 4, 6, 7, 101])
  })

  it('starts from the version before the first one asked for, and without `through` plays one span as before', async () => {
    const [v1, v2, v3] = versions as [VersionJson, VersionJson, VersionJson]
    const two = (await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v2.id}/replay?through=${v3.id}`)).body as ReplayJson
    expect(two.from).toBe(v1.id)
    expect(two.marks.map((m) => m.id)).toEqual([v2.id, v3.id])
    const one = (await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v3.id}/replay`)).body as ReplayJson
    expect(one.from).toBe(v2.id)
    expect(one.marks.map((m) => m.id)).toEqual([v3.id])
    expect(one.updates.length).toBe(two.updates.length - two.marks[0]!.index)
  })

  it('refuses a range that runs backwards, an unknown end and a malformed one', async () => {
    const [v1, , v3] = versions as [VersionJson, VersionJson, VersionJson]
    const backwards = await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v3.id}/replay?through=${v1.id}`)
    expect([backwards.status, errorCode(backwards)]).toEqual([400, 'invalid_range'])
    const unknown = await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v1.id}/replay?through=99999`)
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'version_not_found'])
    const malformed = await api(server, 'GET', `/api/rooms/${ROOM}/versions/${v1.id}/replay?through=later`)
    expect([malformed.status, errorCode(malformed)]).toEqual([400, 'invalid_version'])
  })

  it('the list says who changed how many items in each span', async () => {
    const list = ((await api(server, 'GET', `/api/rooms/${ROOM}/versions`)).body as { versions: VersionJson[] }).versions
    const byLabel = new Map(list.map((v) => [v.label, v]))
    expect(byLabel.get('v1')!.changes).toEqual({ Ada: 2, Bob: 1 })
    // Bob added two and moved one of Ada's (the move stamps him as its author); Ada added one
    expect(byLabel.get('v2')!.changes).toEqual({ Ada: 1, Bob: 3 })
    // a removed item has no author left: it counts for the span's editors (Ada alone was there)
    expect(byLabel.get('v3')!.changes).toEqual({ Ada: 2 })
  })

  async function versionItems(id: number): Promise<unknown> {
    const res = await fetch(`${server.url}/api/rooms/${ROOM}/versions/${id}/state`)
    const d = new Y.Doc()
    Y.applyUpdate(d, new Uint8Array(await res.arrayBuffer()))
    return d.getMap('items').toJSON()
  }
})
