import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { encodeUpdate } from '../../../server/ws/protocol'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'

// TESSERA_TEST_VIEWER_ROOMS (test-only, undocumented) makes every connection to the listed rooms a viewer.
describe('sync server: viewers', () => {
  let editorServer: RunningServer
  let viewerServer: RunningServer
  const clients: Client[] = []
  const client = (s: RunningServer, room: string) => {
    const c = newClient(s.wsUrl, room)
    clients.push(c)
    return c
  }
  const metric = async (s: RunningServer, name: string) => {
    const text = await (await fetch(`${s.url}/metrics`)).text()
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
    return m ? Number(m[1]) : NaN
  }

  beforeAll(async () => {
    // Write the room as an editor first, then reopen the same data with the room read-only.
    editorServer = await startServer({ args: ['--open'], keepData: true })
    const author = client(editorServer, 'readonly')
    await synced(author.provider)
    author.doc.getMap('items').set('title', 'written by the owner')
    const check = client(editorServer, 'readonly')
    await waitFor(() => check.doc.getMap('items').get('title') === 'written by the owner')
    author.provider.disconnect()
    check.provider.disconnect()
    expect(await editorServer.stop()).toBe(0)
    viewerServer = await startServer({ args: ['--open'], dataDir: editorServer.dataDir, env: { TESSERA_TEST_VIEWER_ROOMS: 'readonly' } })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await viewerServer.dispose()
    rmSync(editorServer.dataDir, { recursive: true, force: true })
  })

  it('a viewer receives the document and awareness', async () => {
    const v1 = client(viewerServer, 'readonly')
    const v2 = client(viewerServer, 'readonly')
    await Promise.all([synced(v1.provider), synced(v2.provider)])
    expect(v1.doc.getMap('items').get('title')).toBe('written by the owner')
    v1.provider.awareness.setLocalStateField('user', { name: 'Viewer', color: '#0a0' })
    await waitFor(() => v2.provider.awareness.getStates().has(v1.doc.clientID), { message: 'viewer awareness to be relayed' })
  })

  it("a viewer's updates are dropped: not relayed, not stored, and counted", async () => {
    const v1 = client(viewerServer, 'readonly')
    const v2 = client(viewerServer, 'readonly')
    await Promise.all([synced(v1.provider), synced(v2.provider)])
    const before = await metric(viewerServer, 'tessera_viewer_writes_dropped_total')
    v1.doc.getMap('items').set('vandal', 'x')
    await waitFor(async () => (await metric(viewerServer, 'tessera_viewer_writes_dropped_total')) === before + 1, { message: 'dropped write to be counted' })
    const v3 = client(viewerServer, 'readonly')
    await synced(v3.provider)
    // joining sends only an empty update (no edits of its own), which is not a write
    await new Promise((r) => setTimeout(r, 300))
    expect(await metric(viewerServer, 'tessera_viewer_writes_dropped_total')).toBe(before + 1)
    expect(v3.doc.getMap('items').has('vandal')).toBe(false)
    expect(v2.doc.getMap('items').has('vandal')).toBe(false)
    expect(v3.doc.getMap('items').get('title')).toBe('written by the owner')
  })

  it('a viewer that writes is told so once with the protocol\'s permission-denied message, and stays connected', async () => {
    const ws = new WebSocket(`${viewerServer.wsUrl}/readonly`)
    const frames: Uint8Array[] = []
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
    const edit = (v: string) => {
      const d = new Y.Doc()
      d.getMap('items').set('vandal', v)
      return encodeUpdate(Y.encodeStateAsUpdate(d))
    }
    ws.send(edit('a'))
    ws.send(edit('b'))
    const denials = () =>
      frames.filter((f) => f[0] === 2).map((f) => {
        const d = decoding.createDecoder(f)
        decoding.readVarUint(d) // message type: auth
        return { type: decoding.readVarUint(d), reason: decoding.readVarString(d) }
      })
    await waitFor(() => denials().length > 0, { message: 'a permission-denied auth message' })
    await new Promise((r) => setTimeout(r, 300))
    expect(denials()).toEqual([{ type: 0, reason: expect.stringMatching(/read-only/) }])
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })

  it('other rooms on the same server stay writable', async () => {
    const a = client(viewerServer, 'writable')
    const b = client(viewerServer, 'writable')
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('items').set('ok', true)
    await waitFor(() => b.doc.getMap('items').get('ok') === true)
  })

  it('nothing a viewer sent is on disk after a restart', async () => {
    for (const c of clients) c.provider.disconnect()
    expect(await viewerServer.stop()).toBe(0)
    const again = await startServer({ args: ['--open'], dataDir: editorServer.dataDir })
    try {
      const r = client(again, 'readonly')
      await synced(r.provider)
      expect(r.doc.getMap('items').get('title')).toBe('written by the owner')
      expect(r.doc.getMap('items').has('vandal')).toBe(false)
    } finally {
      await again.stop()
    }
  })
})
