import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { makeReceiveOnly } from '../../../src/room/offline/receiveOnly'

// The server runs with --open, so it would accept and relay anything a client sends: whatever
// the editor never receives, the view-link client really never sent.
let server: RunningServer

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
})

afterAll(async () => {
  await server?.dispose()
})

describe('a board opened with a view link', () => {
  it('receives the scene and live edits but never sends its own document changes', async () => {
    const room = `viewer-${Date.now()}`
    const editor = newClient(server.wsUrl, room)
    await synced(editor.provider)
    editor.doc.getMap('items').set('e1', new Y.Map())

    // the viewer's doc already holds a change of its own (e.g. from its local copy) before it connects
    const viewerDoc = new Y.Doc()
    viewerDoc.getMap('items').set('viewer-before-connect', new Y.Map())
    const viewer = newClient(server.wsUrl, room, { doc: viewerDoc, connect: false })
    makeReceiveOnly(viewer.provider)
    viewer.provider.connect()
    await synced(viewer.provider)
    await waitFor(() => viewer.doc.getMap('items').has('e1'), { timeout: 10_000, message: 'viewer to receive the scene' })

    // a live edit made on the viewer
    viewer.doc.getMap('items').set('viewer-live', new Y.Map())
    // ...followed on the same socket by an awareness change; once the editor has that, it would
    // also have any document update the viewer sent before it (one socket, processed in order)
    viewer.provider.awareness.setLocalStateField('marker', 1)
    await waitFor(() => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.marker === 1, { timeout: 10_000, message: 'editor to see the viewer marker' })
    // and a reconnect, whose handshake would carry anything the server lacks
    viewer.provider.disconnect()
    viewer.provider.connect()
    await synced(viewer.provider)
    viewer.provider.awareness.setLocalStateField('marker', 2)
    await waitFor(() => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.marker === 2, { timeout: 10_000, message: 'editor to see the second marker' })

    // live edits from the editor still reach the viewer
    editor.doc.getMap('items').set('e2', new Y.Map())
    await waitFor(() => viewer.doc.getMap('items').has('e2'), { timeout: 10_000, message: 'viewer to receive a live edit' })

    expect(editor.doc.getMap('items').has('viewer-before-connect')).toBe(false)
    expect(editor.doc.getMap('items').has('viewer-live')).toBe(false)
    const fresh = newClient(server.wsUrl, room)
    await synced(fresh.provider)
    expect([...fresh.doc.getMap('items').keys()].sort()).toEqual(['e1', 'e2'])

    fresh.destroy()
    viewer.destroy()
    editor.destroy()
  })

  it('a stock provider (the control) does send the same changes', async () => {
    const room = `viewer-control-${Date.now()}`
    const editor = newClient(server.wsUrl, room)
    await synced(editor.provider)
    const doc = new Y.Doc()
    doc.getMap('items').set('before-connect', new Y.Map())
    const other = newClient(server.wsUrl, room, { doc })
    await synced(other.provider)
    other.doc.getMap('items').set('live', new Y.Map())
    await waitFor(() => editor.doc.getMap('items').has('before-connect') && editor.doc.getMap('items').has('live'), { timeout: 10_000, message: 'editor to receive both' })
    other.destroy()
    editor.destroy()
  })
})
