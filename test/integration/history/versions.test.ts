import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rmSync } from 'node:fs'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { newClient, synced } from '../../helpers/clients'
import { api, createRoom, errorCode, SECRET_ARGS, type CreatedRoom } from '../sharing/helpers'
import { addRects, advanceClock, joinAs, listVersions, waitForVersions, xsOf, type VersionJson } from './helpers'
import type { SceneJSON } from '../../../src/doc/sceneJson'

// Versions, named versions, past versions and restore (CONTRACT §7) through the real server,
// real SQLite and stock y-websocket clients. Time moves by the server's test clock, never by sleeping.
const MIN = 60_000
const CLOCK = { TESSERA_TEST_CLOCK: '1' }

describe('history (secure server)', () => {
  let server: RunningServer
  let room: CreatedRoom

  beforeAll(async () => {
    server = await startServer({ args: [...SECRET_ARGS, '--unload-grace-ms', '200'], env: CLOCK, keepData: true })
    room = await createRoom(server, 'History')
  })
  afterAll(async () => {
    await server.dispose()
    rmSync(server.dataDir, { recursive: true, force: true })
  })

  it('takes a version after 5 minutes of editing, recording who edited and the item count', async () => {
    const ada = await joinAs(server, room.room, room.editorToken, 'Ada')
    const bob = await joinAs(server, room.room, room.editorToken, 'Bob')
    try {
      addRects(ada.doc, [1, 2])
      await waitFor(() => xsOf(bob.doc).length === 2)
      await advanceClock(server, 4 * MIN)
      expect(await listVersions(server, room.room, room.viewerToken)).toEqual([])
      addRects(bob.doc, [3])
      await waitFor(() => xsOf(ada.doc).length === 3)
      await advanceClock(server, 1 * MIN + 1_000)
      const list = await waitForVersions(server, room.room, room.viewerToken, 1)
      const v = list[0]
      expect(v!.by.sort()).toEqual(['Ada', 'Bob'])
      expect(v!.items).toBe(3)
      expect(v!.label).toBeNull()
      expect(Object.values(v!.changes).reduce((a: number, b: number) => a + b, 0)).toBe(3)
      expect(Number.isNaN(Date.parse(v!.at))).toBe(false)
      // nothing edited since: time passing alone makes no version
      await advanceClock(server, 10 * MIN)
      expect(await listVersions(server, room.room, room.viewerToken)).toHaveLength(1)
    } finally {
      ada.destroy()
      bob.destroy()
    }
  })

  it('takes a version when an edited room unloads', async () => {
    const before = (await listVersions(server, room.room, room.viewerToken)).length
    const ada = await joinAs(server, room.room, room.editorToken, 'Ada')
    addRects(ada.doc, [4])
    const watcher = await joinAs(server, room.room, room.viewerToken, 'Watcher')
    await waitFor(() => xsOf(watcher.doc).length === 4)
    ada.destroy()
    watcher.destroy()
    const list = await waitForVersions(server, room.room, room.viewerToken, before + 1)
    expect(list[0]!.items).toBe(4)
    expect(list[0]!.by).toEqual(['Ada'])
  })

  it('names the current state, and a past version reads back exactly as it was', async () => {
    const ada = await joinAs(server, room.room, room.editorToken, 'Ada')
    try {
      const named = await api(server, 'POST', `/api/rooms/${room.room}/versions`, { token: room.editorToken, body: { label: 'Four boxes' } })
      expect(named.status).toBe(201)
      const v = named.body as VersionJson
      expect(v.label).toBe('Four boxes')
      expect(v.items).toBe(4)
      addRects(ada.doc, [5, 6])
      const scene = await api(server, 'GET', `/api/rooms/${room.room}/versions/${v.id}`, { token: room.viewerToken })
      expect(scene.status).toBe(200)
      const s = scene.body as SceneJSON
      expect(s.format).toBe('tessera-scene')
      expect(s.title).toBe('History')
      expect(s.items.map((it) => it.x).sort((a, b) => a - b)).toEqual([1, 2, 3, 4])
      const list = await listVersions(server, room.room, room.viewerToken)
      expect(list[0]!.id).toBe(v.id)
      expect(list.map((x) => x.id)).toEqual([...list.map((x) => x.id)].sort((a, b) => b - a))
    } finally {
      ada.destroy()
    }
  })

  it('the stored updates between two versions replay the later one from the earlier', async () => {
    const list = await listVersions(server, room.room, room.viewerToken)
    const newest = list[0]!
    const r = await api(server, 'GET', `/api/rooms/${room.room}/versions/${newest.id}/replay`, { token: room.viewerToken })
    expect(r.status).toBe(200)
    const body = r.body as { from: number | null; base: string | null; updates: Array<{ at: string; data: string }>; complete: boolean }
    expect(body.from).toBe(list[1]!.id)
    const doc = new Y.Doc()
    if (body.base) Y.applyUpdate(doc, Buffer.from(body.base, 'base64'))
    const atBase = xsOf(doc)
    for (const u of body.updates) Y.applyUpdate(doc, Buffer.from(u.data, 'base64'))
    expect(atBase.length).toBeLessThanOrEqual(xsOf(doc).length)
    const state = await fetch(`${server.url}/api/rooms/${room.room}/versions/${newest.id}/state?token=${room.viewerToken}`)
    const exact = new Y.Doc()
    Y.applyUpdate(exact, new Uint8Array(await state.arrayBuffer()))
    expect(doc.getMap('items').toJSON()).toEqual(exact.getMap('items').toJSON())
  })

  it('restore makes every open board look like the version at once, keeps the state it replaced, and survives a restart', async () => {
    const ada = await joinAs(server, room.room, room.editorToken, 'Ada')
    const bob = await joinAs(server, room.room, room.viewerToken, 'Bob')
    const named = (await listVersions(server, room.room, room.viewerToken)).find((v) => v.label === 'Four boxes')!
    await waitFor(() => xsOf(bob.doc).length === 6)
    let bobUpdates = 0
    bob.doc.on('update', () => bobUpdates++)
    const r = await api(server, 'POST', `/api/rooms/${room.room}/versions/${named.id}/restore`, { token: room.editorToken, body: { by: 'Ada' } })
    expect(r.status).toBe(200)
    const before = (r.body as { before: VersionJson }).before
    expect(before.items).toBe(6)
    await waitFor(() => xsOf(bob.doc).length === 4 && xsOf(ada.doc).length === 4)
    expect(xsOf(bob.doc)).toEqual([1, 2, 3, 4])
    expect(bobUpdates).toBe(1)
    const scene = await api(server, 'GET', `/api/rooms/${room.room}/versions/${before.id}`, { token: room.viewerToken })
    expect((scene.body as SceneJSON).items).toHaveLength(6)
    ada.destroy()
    bob.destroy()

    expect(await server.stop()).toBe(0)
    const again = await startServer({ args: [...SECRET_ARGS], env: CLOCK, dataDir: server.dataDir, keepData: true })
    try {
      const c = await joinAs(again, room.room, room.viewerToken, 'Later')
      expect(xsOf(c.doc)).toEqual([1, 2, 3, 4])
      c.destroy()
      expect((await listVersions(again, room.room, room.viewerToken)).some((v) => v.id === before.id)).toBe(true)
    } finally {
      await again.stop()
    }
    server = await startServer({ args: [...SECRET_ARGS, '--unload-grace-ms', '200'], env: CLOCK, dataDir: server.dataDir })
  })

  it('viewers cannot name or restore, callers without a token cannot even list', async () => {
    const list = await listVersions(server, room.room, room.viewerToken)
    const name = await api(server, 'POST', `/api/rooms/${room.room}/versions`, { token: room.viewerToken, body: { label: 'x' } })
    expect([name.status, errorCode(name)]).toEqual([403, 'forbidden'])
    const restore = await api(server, 'POST', `/api/rooms/${room.room}/versions/${list[0]!.id}/restore`, { token: room.viewerToken })
    expect(restore.status).toBe(403)
    for (const [method, path] of [
      ['GET', `/api/rooms/${room.room}/versions`],
      ['GET', `/api/rooms/${room.room}/versions/${list[0]!.id}`],
      ['POST', `/api/rooms/${room.room}/versions/${list[0]!.id}/restore`],
    ] as const) {
      expect((await api(server, method, path, { token: null })).status).toBe(401)
    }
  })

  it('refuses bad input with a clear error', async () => {
    const t = room.editorToken
    const noLabel = await api(server, 'POST', `/api/rooms/${room.room}/versions`, { token: t, body: {} })
    expect([noLabel.status, errorCode(noLabel)]).toEqual([400, 'invalid_body'])
    const badId = await api(server, 'GET', `/api/rooms/${room.room}/versions/abc`, { token: t })
    expect([badId.status, errorCode(badId)]).toEqual([400, 'invalid_version'])
    const missing = await api(server, 'POST', `/api/rooms/${room.room}/versions/99999/restore`, { token: t })
    expect([missing.status, errorCode(missing)]).toEqual([404, 'version_not_found'])
  })
})

describe('history (--open)', () => {
  it('lists, names and restores without a token', async () => {
    const server = await startServer({ args: ['--open'], env: CLOCK })
    try {
      const c = newClient(server.wsUrl, 'open-board')
      await synced(c.provider)
      const other = newClient(server.wsUrl, 'open-board')
      await synced(other.provider)
      addRects(c.doc, [7])
      await waitFor(() => xsOf(other.doc).length === 1)
      const v = await api(server, 'POST', '/api/rooms/open-board/versions', { body: { label: 'one' } })
      expect(v.status).toBe(201)
      addRects(c.doc, [8])
      await waitFor(() => xsOf(other.doc).length === 2)
      const r = await api(server, 'POST', `/api/rooms/open-board/versions/${(v.body as VersionJson).id}/restore`)
      expect(r.status).toBe(200)
      await waitFor(() => xsOf(other.doc).length === 1)
      expect((await listVersions(server, 'open-board', null)).map((x) => x.label)).toEqual(['Before restoring a version', 'one'])
      c.destroy()
      other.destroy()
    } finally {
      await server.dispose()
    }
  })
})
