import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { createRoom, SECRET_ARGS } from '../sharing/helpers'

/** Sends an upgrade request with `target` verbatim in the request line; resolves with the status line. */
function rawUpgrade(port: number, target: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let text = ''
    socket.on('error', () => resolve(text.split('\r\n')[0] ?? ''))
    socket.on('connect', () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    )
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')))
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''))
  })
}

/** POSTs `bytes` of body the way most clients do (all of it written before the reply is read); resolves with the status or the error code. */
function postBig(port: number, bytes: number, chunked: boolean): Promise<number | string> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (chunked) headers['transfer-encoding'] = 'chunked'
    else headers['content-length'] = String(bytes)
    let answered = false
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/rooms', headers }, (res) => {
      answered = true
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (e: NodeJS.ErrnoException) => answered || resolve(e.code ?? 'error'))
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    let sent = 0
    const write = (): void => {
      while (sent < bytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

describe('security: logs and request bodies', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: SECRET_ARGS })
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('a refused upgrade with the token in the path, after # or after ; never puts the token in a log line', async () => {
    const { room, ownerToken } = await createRoom(server, 'Logged')
    const attempts = [`/${ownerToken}`, `/${room}#token=${ownerToken}`, `/${room};token=${ownerToken}`, `/${room}/${ownerToken}`, `/%ZZ${room}?token=${ownerToken}`]
    for (const target of attempts) expect(await rawUpgrade(server.port, target)).toMatch(/^HTTP\/1\.1 4\d\d/)
    const out = server.output()
    expect(out.match(/upgrade refused/g)?.length ?? 0).toBeGreaterThanOrEqual(attempts.length)
    const signature = ownerToken.split('.')[1]!
    expect(out).not.toContain(signature)
    expect(out).not.toContain(ownerToken.split('.')[0]!)
  })

  it('an oversized body is answered 413, chunked or not, even to a client that writes it all before reading', async () => {
    expect(await postBig(server.port, 4 * 1024 * 1024, true)).toBe(413)
    expect(await postBig(server.port, 4 * 1024 * 1024, false)).toBe(413)
    // and the server is fine afterwards
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
