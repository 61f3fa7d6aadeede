import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type RunningServer } from '../../helpers/server'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'

/** The extensions the server agreed to for a client that offers permessage-deflate (as `ws` and browsers do). */
async function negotiated(server: RunningServer, room: string): Promise<string> {
  const ws = new WebSocket(`${server.wsUrl}/${room}`, { perMessageDeflate: true })
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)))
  const ext = ws.extensions
  ws.terminate()
  return ext
}

describe('sync server: --ws-deflate', () => {
  const servers: RunningServer[] = []
  const clients: Client[] = []
  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of servers) await s.dispose()
  })

  it('by default no compression is agreed', async () => {
    const server = await startServer({ args: ['--open'] })
    servers.push(server)
    expect(await negotiated(server, 'plain')).toBe('')
  })

  it('with --ws-deflate a client that offers it gets compressed messages, and two stock clients still sync edits and presence', async () => {
    const server = await startServer({ args: ['--open', '--ws-deflate'] })
    servers.push(server)
    expect(await negotiated(server, 'deflated')).toMatch(/^permessage-deflate/)
    const a = newClient(server.wsUrl, 'deflated')
    const b = newClient(server.wsUrl, 'deflated')
    clients.push(a, b)
    await Promise.all([synced(a.provider), synced(b.provider)])
    a.doc.getMap('m').set('text', 'x'.repeat(5000))
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await waitFor(() => b.doc.getMap('m').get('text') === 'x'.repeat(5000), { message: 'the edit to arrive' })
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 1, { message: 'the cursor to arrive' })
    const late = newClient(server.wsUrl, 'deflated')
    clients.push(late)
    await synced(late.provider)
    expect(late.doc.getMap('m').get('text')).toBe('x'.repeat(5000))
  })
})
