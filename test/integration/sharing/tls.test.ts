import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { synced } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { tmpDir } from '../../helpers/tmpDir'
import { waitFor } from '../../helpers/waitFor'
import { createRoom, rawConnect, SECRET_ARGS } from './helpers'

/** `ws` that accepts our self-signed test certificate, scoped to this file (no process-wide env change). */
class InsecureWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { rejectUnauthorized: false })
  }
}

// --tls-cert/--tls-key: https and wss on one port, with a certificate made for this test.
describe('TLS (wss) with a self-signed certificate', () => {
  let server: RunningServer
  const certs = tmpDir('tessera-tls-')
  const providers: WebsocketProvider[] = []

  beforeAll(async () => {
    const key = path.join(certs.dir, 'key.pem')
    const cert = path.join(certs.dir, 'cert.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    })
    server = await startServer({ args: [...SECRET_ARGS, '--tls-cert', cert, '--tls-key', key] })
  })
  afterAll(async () => {
    for (const p of providers) p.destroy()
    await server?.dispose()
    certs.remove()
  })

  it('prints an https listening line', () => {
    expect(server.url.startsWith('https://')).toBe(true)
    expect(server.wsUrl.startsWith('wss://')).toBe(true)
    expect(server.output()).toMatch(/tessera listening on https:\/\/127\.0\.0\.1:\d+/)
  })

  it('serves the REST API over https', async () => {
    // fetch has no per-request TLS option; node:https has one.
    const https = await import('node:https')
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${server.url}/healthz`, { rejectUnauthorized: false }, (res) => {
          let text = ''
          res.on('data', (d: Buffer) => (text += d.toString()))
          res.on('end', () => resolve(text))
        })
        .on('error', reject)
    })
    expect(JSON.parse(body)).toMatchObject({ ok: true })
  })

  it('a stock WebsocketProvider syncs over wss, and access checks still apply', async () => {
    const room = await createRoomTls(server)
    const mk = (token: string) => {
      const doc = new Y.Doc()
      const p = new WebsocketProvider(server.wsUrl, room.room, doc, {
        WebSocketPolyfill: InsecureWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
      })
      providers.push(p)
      return { doc, p }
    }
    const a = mk(room.editorToken)
    const b = mk(room.viewerToken)
    await Promise.all([synced(a.p), synced(b.p)])
    a.doc.getMap('items').set('over-tls', true)
    await waitFor(() => b.doc.getMap('items').get('over-tls') === true, { message: 'the update over wss' })
    const refused = await rawConnect(server.wsUrl, `/${room.room}`, { rejectUnauthorized: false })
    expect(refused).toMatchObject({ status: 401, frames: 0 })
  })

  it('a plain ws:// client gets no sync data from the TLS port', async () => {
    const r = await rawConnect(server.wsUrl.replace('wss://', 'ws://'), '/anything')
    expect(r.frames).toBe(0)
    expect(r.status).not.toBe(101)
  })
})

/** POST /api/rooms over https with the test certificate accepted. */
async function createRoomTls(server: RunningServer) {
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  // Scoped to this one call in this test process: fetch has no per-request TLS option.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  try {
    return await createRoom(server, 'Over TLS')
  } finally {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous
  }
}
