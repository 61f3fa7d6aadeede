import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newClient, synced } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { api, createRoom, mint, rawConnect, SECRET_ARGS, TEST_SECRET } from './helpers'

/** The debug-level (pino level 20) JSON log lines in the server's output. */
function debugLines(output: string): Array<{ level: number; msg?: string }> {
  const lines: Array<{ level: number; msg?: string }> = []
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown }
      if (entry.level === 20) lines.push({ level: 20, msg: typeof entry.msg === 'string' ? entry.msg : undefined })
    } catch {
      // not a log line
    }
  }
  return lines
}

// CONTRACT §6: tokens are never logged — not at debug level, not in refused upgrades, not in errors.
let server: RunningServer

beforeAll(async () => {
  server = await startServer({ args: [...SECRET_ARGS, '--debug'] })
})
afterAll(async () => {
  await server?.dispose()
})

describe('logs', () => {
  it('never contain a token or the signing secret, even with --debug', async () => {
    const created = await createRoom(server, 'Logged board')
    const { room, ownerToken, editorToken, viewerToken } = created
    // REST with the token in the header and in the query
    expect((await api(server, 'GET', `/api/rooms/${room}`, { token: viewerToken })).status).toBe(200)
    expect((await api(server, 'GET', `/api/rooms/${room}`, { token: editorToken, query: true })).status).toBe(200)
    expect((await api(server, 'PATCH', `/api/rooms/${room}`, { token: editorToken, body: { title: 'x' } })).status).toBe(403)
    // a sync connection with a token, and refused upgrades with a forged and a foreign token
    const c = newClient(server.wsUrl, room, { params: { token: editorToken } })
    await synced(c.provider)
    c.doc.getMap('items').set('probe', 1)
    const forged = editorToken.slice(0, -4) + 'AAAA'
    const foreign = mint('OTHER1', 'owner')
    expect((await rawConnect(server.wsUrl, `/${room}?token=${encodeURIComponent(forged)}`)).status).toBe(401)
    expect((await rawConnect(server.wsUrl, `/${room}?token=${encodeURIComponent(foreign)}`)).status).toBe(403)
    c.destroy()
    expect((await api(server, 'DELETE', `/api/rooms/${room}`, { token: ownerToken })).status).toBe(204)

    // --debug is in effect: debug-level lines (pino level 20) were written, e.g. for the sync connection.
    await waitFor(() => debugLines(server.output()).some((l) => l.msg === 'connection closed'), { message: 'a debug line for the closed connection' })
    const debug = debugLines(server.output())
    expect(debug.length).toBeGreaterThanOrEqual(1)
    expect(debug.map((l) => l.msg)).toContain('connection opened')

    const out = server.output()
    expect(out.length).toBeGreaterThan(0)
    expect(out).toContain('upgrade refused') // the refusals were logged…
    for (const secret of [ownerToken, editorToken, viewerToken, forged, foreign, TEST_SECRET]) {
      expect(out).not.toContain(secret) // …without the token
      expect(out).not.toContain(secret.split('.')[1] ?? secret) // nor its signature part
    }
  })
})
