import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import { tmpDir } from '../../helpers/tmpDir'
import { api, errorCode, mint, SECRET_ARGS, TEST_SECRET } from '../sharing/helpers'

// `--create-rooms anyone|token` (CONTRACT §6, issue 16 rows 4–5): who may POST /api/rooms.
const run = promisify(execFile)
const BIN = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'tessera.js')
const tessera = (args: string[]) => run(process.execPath, [BIN, ...args], { encoding: 'utf8' })

describe('security: --create-rooms token', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ args: [...SECRET_ARGS, '--create-rooms', 'token'] })
  })
  afterAll(async () => {
    await server?.dispose()
  })

  it('refuses anonymous creation with 401, and editor or forged tokens too; nothing is created', async () => {
    const anonymous = await api(server, 'POST', '/api/rooms', { body: { title: 'spam' } })
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'token_required'])
    expect((await api(server, 'POST', '/api/rooms', { token: mint('ANY', 'editor'), body: {} })).status).toBe(401)
    expect((await api(server, 'POST', '/api/rooms', { token: mint('ANY', 'owner', { secret: 'another-secret-0123456789abcdef' }), body: {} })).status).toBe(401)
    expect((await api(server, 'POST', '/api/rooms', { token: mint('ANY', 'owner', { ttlSeconds: 0 }), body: {} })).status).toBe(401)
    const rooms = await tessera(['rooms', '--data', server.dataDir])
    expect(rooms.stdout.trim()).toBe('')
  })

  it('an owner token from `tessera token` creates a room; that room\'s owner token creates more', async () => {
    const { stdout } = await tessera(['token', 'admin', '--auth-secret', TEST_SECRET])
    const adminToken = stdout.trim()
    const first = await api(server, 'POST', '/api/rooms', { token: adminToken, body: { title: 'First' } })
    expect(first.status).toBe(201)
    const { ownerToken } = first.body as { ownerToken: string }
    expect((await api(server, 'POST', '/api/rooms', { token: ownerToken, body: { title: 'Second' } })).status).toBe(201)
  })
})

describe('security: --create-rooms defaults and bad values', () => {
  it('defaults to anyone, with and without --open', async () => {
    for (const args of [SECRET_ARGS, ['--open']]) {
      const server = await startServer({ args })
      try {
        expect((await api(server, 'POST', '/api/rooms', { body: { title: 'anyone' } })).status).toBe(201)
      } finally {
        await server.dispose()
      }
    }
  })

  it('an unknown policy stops the start with a clear message', async () => {
    const dir = tmpDir('tessera-create-rooms-')
    try {
      const failed = await tessera(['serve', '--port', '0', '--data', dir.dir, '--create-rooms', 'everyone']).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      )
      expect(failed?.code).toBe(2)
      expect(failed?.stderr).toContain('--create-rooms must be anyone or token')
    } finally {
      dir.remove()
    }
  })
})
