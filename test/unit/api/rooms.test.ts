import Database from 'better-sqlite3'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRoomsApi } from '../../../server/api/rooms'
import { isRoomCode } from '../../../server/api/roomCodes'
import { createRoomsStore, migrateRooms, type RoomRecord } from '../../../server/api/roomsStore'
import { sendError } from '../../../server/api/httpJson'
import { signToken, verifyToken } from '../../../server/auth/tokens'
import { tmpDir } from '../../helpers/tmpDir'
import type { CreatedRoom } from '../../../src/app/api'

const secret = Buffer.from('c'.repeat(64), 'hex')

interface Harness {
  base: string
  ended: string[]
  changed: Array<[string, RoomRecord]>
  server: http.Server
  db: Database.Database
  open: { value: boolean }
}

function startApi(dbFile: string): Promise<Harness> {
  const db = new Database(dbFile)
  migrateRooms(db)
  const store = createRoomsStore(db)
  const ended: string[] = []
  const changed: Array<[string, RoomRecord]> = []
  const open = { value: false }
  const deps = {
    store,
    secret,
    get open() {
      return open.value
    },
    users: (room: string) => (room.length > 0 ? 3 : 0),
    endRoom: async (room: string) => {
      ended.push(room)
    },
    onRoomChanged: (room: string, record: RoomRecord) => {
      changed.push([room, record])
    },
  }
  const api = createRoomsApi(deps)
  const server = http.createServer((req, res) => {
    void api(req, res).then((handled) => {
      if (!handled) sendError(res, 404, 'not_found', 'no such route')
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ base: `http://127.0.0.1:${port}`, ended, changed, server, db, open })
    })
  })
}

describe('rooms REST API', () => {
  let h: Harness
  let remove: () => void
  let dbFile: string

  beforeAll(async () => {
    const t = tmpDir('tessera-rooms-api-')
    remove = t.remove
    dbFile = path.join(t.dir, 'tessera.sqlite')
    h = await startApi(dbFile)
  })
  afterAll(async () => {
    await new Promise<void>((r) => h.server.close(() => r()))
    h.db.close()
    remove()
  })
  beforeEach(() => {
    h.open.value = false
    h.ended.length = 0
    h.changed.length = 0
  })

  const call = (method: string, p: string, opts: { token?: string; body?: unknown; raw?: string; query?: boolean } = {}) => {
    const headers: Record<string, string> = {}
    if (opts.token && !opts.query) headers.Authorization = `Bearer ${opts.token}`
    if (opts.body !== undefined || opts.raw !== undefined) headers['Content-Type'] = 'application/json'
    const url = `${h.base}${p}${opts.token && opts.query ? `?token=${encodeURIComponent(opts.token)}` : ''}`
    return fetch(url, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) })
  }
  const create = async (body: unknown = { title: 'Plan' }): Promise<CreatedRoom> => {
    const res = await call('POST', '/api/rooms', { body })
    expect(res.status).toBe(201)
    return (await res.json()) as CreatedRoom
  }
  const expectError = async (res: Response, status: number, code?: string) => {
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(Object.keys(body)).toEqual(['error'])
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message'])
    expect(typeof body.error.message).toBe('string')
    if (code) expect(body.error.code).toBe(code)
  }

  describe('POST /api/rooms', () => {
    it('creates a private room with a short code and three tokens for it', async () => {
      const r = await create({ title: '  Roadmap  ' })
      expect(isRoomCode(r.room)).toBe(true)
      expect(r.title).toBe('Roadmap')
      expect(r.access).toBe('private')
      expect(Number.isNaN(Date.parse(r.createdAt))).toBe(false)
      for (const [key, role] of [['ownerToken', 'owner'], ['editorToken', 'editor'], ['viewerToken', 'viewer']] as const) {
        const v = verifyToken(secret, r[key], { room: r.room })
        expect(v.ok && v.claims.role).toBe(role)
      }
      expect(h.changed).toMatchObject([[r.room, { title: 'Roadmap', access: 'private', codeAccess: false }]])
    })

    it('the title is optional; an empty body works', async () => {
      const res = await fetch(`${h.base}/api/rooms`, { method: 'POST' })
      expect(res.status).toBe(201)
      expect(((await res.json()) as CreatedRoom).title).toBe('')
      expect((await create({})).title).toBe('')
    })

    it('responses are not cacheable', async () => {
      const res = await call('POST', '/api/rooms', { body: {} })
      expect(res.headers.get('cache-control')).toBe('no-store')
    })

    it('unknown fields, wrong types, long titles and bad JSON are 400', async () => {
      await expectError(await call('POST', '/api/rooms', { body: { title: 'x', owner: 'me' } }), 400, 'invalid_body')
      await expectError(await call('POST', '/api/rooms', { body: { title: 5 } }), 400, 'invalid_body')
      await expectError(await call('POST', '/api/rooms', { body: { title: 'x'.repeat(201) } }), 400, 'invalid_body')
      await expectError(await call('POST', '/api/rooms', { body: [] }), 400, 'invalid_body')
      await expectError(await call('POST', '/api/rooms', { raw: '{"title":' }), 400, 'invalid_json')
    })

    it('a body over 64 KB is 413', async () => {
      await expectError(await call('POST', '/api/rooms', { raw: JSON.stringify({ title: 'x'.repeat(70_000) }) }), 413, 'body_too_large')
    })

    it('a streamed body over 64 KB (no Content-Length) is 413', async () => {
      const chunks = [new TextEncoder().encode('{"title":"'), new Uint8Array(70_000).fill(120)]
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (const ch of chunks) c.enqueue(ch)
          c.close()
        },
      })
      const res = await fetch(`${h.base}/api/rooms`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
      await expectError(res, 413, 'body_too_large')
    })

    it('other methods on the collection are 405', async () => {
      const res = await call('GET', '/api/rooms')
      expect(res.headers.get('allow')).toBe('POST')
      await expectError(res, 405, 'method_not_allowed')
    })
  })

  describe('GET /api/rooms/:room', () => {
    it('any role reads title, access, timestamps and the user count', async () => {
      const r = await create({ title: 'Read me' })
      for (const token of [r.ownerToken, r.editorToken, r.viewerToken]) {
        const res = await call('GET', `/api/rooms/${r.room}`, { token })
        expect(res.status).toBe(200)
        const body = await res.json()
        const base = { room: r.room, title: 'Read me', access: 'private', codeAccess: false, createdAt: r.createdAt, updatedAt: r.createdAt, users: 3 }
        // the owner also reads the current link secret
        expect(body).toEqual(token === r.ownerToken ? { ...base, linkSecret: expect.stringMatching(/^ls-/) } : base)
      }
    })

    it('the token may come from ?token=', async () => {
      const r = await create()
      expect((await call('GET', `/api/rooms/${r.room}`, { token: r.viewerToken, query: true })).status).toBe(200)
    })

    it('a private room without a token is 401, with a forged or expired token 401', async () => {
      const r = await create()
      await expectError(await call('GET', `/api/rooms/${r.room}`), 401, 'token_required')
      const forged = signToken(Buffer.from('d'.repeat(64), 'hex'), { room: r.room, role: 'owner' })
      await expectError(await call('GET', `/api/rooms/${r.room}`, { token: forged }), 401, 'token_bad_signature')
      const expired = signToken(secret, { room: r.room, role: 'owner', now: Date.now() - 10_000, ttlSeconds: 1 })
      await expectError(await call('GET', `/api/rooms/${r.room}`, { token: expired }), 401, 'token_expired')
      await expectError(await call('GET', `/api/rooms/${r.room}`, { token: 'garbage' }), 401, 'token_malformed')
    })

    it("another room's token is 403", async () => {
      const a = await create()
      const b = await create()
      await expectError(await call('GET', `/api/rooms/${a.room}`, { token: b.ownerToken }), 403, 'token_wrong_room')
    })

    it('a room shared by link is readable with its link secret, and without one only with code access', async () => {
      const r = await create()
      expect((await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { access: 'view' } })).status).toBe(200)
      await expectError(await call('GET', `/api/rooms/${r.room}`), 401, 'token_required')
      expect((await call('GET', `/api/rooms/${r.room}`, { token: (r as unknown as { linkSecret: string }).linkSecret })).status).toBe(200)
      expect((await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { codeAccess: true } })).status).toBe(200)
      const res = await call('GET', `/api/rooms/${r.room}`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { access: string }).access).toBe('view')
    })

    it('an unknown room is 404 for a valid token, 401 without one (existence is not revealed)', async () => {
      const token = signToken(secret, { room: 'ZZZZZZ', role: 'viewer' })
      await expectError(await call('GET', '/api/rooms/ZZZZZZ', { token }), 404, 'room_not_found')
      await expectError(await call('GET', '/api/rooms/ZZZZZZ'), 401)
    })

    it('an invalid room name is 400', async () => {
      await expectError(await call('GET', `/api/rooms/${'a'.repeat(513)}`), 400, 'invalid_room')
      await expectError(await call('GET', '/api/rooms/a%00b'), 400, 'invalid_room')
      await expectError(await call('GET', '/api/rooms/%E0%A4%A'), 400, 'invalid_room')
    })

    it('any name a y-websocket room may have is a room here too, percent-encoded (CONTRACT §2)', async () => {
      for (const name of ['org/doc', 'doc:123', 'my doc', 'café', 'test-@y/websocket', '.hidden', 'x'.repeat(512)]) {
        const token = signToken(secret, { room: 'ZZZZZZ', role: 'viewer' })
        // a valid name: judged like any unknown room (401 without a token), never refused as a name
        await expectError(await call('GET', `/api/rooms/${encodeURIComponent(name)}`), 401)
        await expectError(await call('GET', `/api/rooms/${encodeURIComponent(name)}`, { token }), 403)
      }
    })

    it('other paths are left to the caller', async () => {
      await expectError(await call('GET', '/api/rooms/a/b'), 404, 'not_found')
      await expectError(await call('GET', '/api/other'), 404, 'not_found')
    })
  })

  describe('PATCH /api/rooms/:room', () => {
    it('the owner changes title and access; the change is reported and persisted', async () => {
      const r = await create({ title: 'Old' })
      h.changed.length = 0
      const res = await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { title: 'New', access: 'edit' } })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { title: string; access: string; updatedAt: string; createdAt: string }
      expect(body).toMatchObject({ room: r.room, title: 'New', access: 'edit', users: 3 })
      expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(body.createdAt))
      expect(h.changed).toMatchObject([[r.room, { title: 'New', access: 'edit' }]])
      const row = h.db.prepare('SELECT title, access FROM rooms WHERE id = ?').get(r.room)
      expect(row).toEqual({ title: 'New', access: 'edit' })
    })

    it('a partial patch leaves other fields alone', async () => {
      const r = await create({ title: 'Keep' })
      const res = await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { access: 'view' } })
      expect(await res.json()).toMatchObject({ title: 'Keep', access: 'view' })
    })

    it('editors and viewers are 403, no token 401', async () => {
      const r = await create()
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.editorToken, body: { title: 'x' } }), 403, 'forbidden')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.viewerToken, body: { title: 'x' } }), 403, 'forbidden')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { body: { title: 'x' } }), 401)
      expect(h.changed.filter(([room]) => room === r.room)).toHaveLength(1)
    })

    it('even an edit link does not let anyone rename the room', async () => {
      const r = await create()
      await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { access: 'edit' } })
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { body: { title: 'pwned' } }), 401, 'token_required')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.editorToken, body: { title: 'pwned' } }), 403)
    })

    it('unknown fields and invalid values are 400', async () => {
      const r = await create()
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { title: 'x', color: 'red' } }), 400, 'invalid_body')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { access: 'public' } }), 400, 'invalid_body')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: 'private' }), 400, 'invalid_body')
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, raw: 'nope' }), 400, 'invalid_json')
    })

    it('a body over 64 KB is 413', async () => {
      const r = await create()
      await expectError(await call('PATCH', `/api/rooms/${r.room}`, { token: r.ownerToken, body: { title: 'x'.repeat(70_000) } }), 413)
    })

    it('an unknown room is 404 for a valid owner token', async () => {
      const token = signToken(secret, { room: 'YYYYYY', role: 'owner' })
      await expectError(await call('PATCH', '/api/rooms/YYYYYY', { token, body: { title: 'x' } }), 404, 'room_not_found')
    })
  })

  describe('DELETE /api/rooms/:room', () => {
    it('the owner deletes the room: 204, the session is ended and the record is gone', async () => {
      const r = await create()
      const res = await call('DELETE', `/api/rooms/${r.room}`, { token: r.ownerToken })
      expect(res.status).toBe(204)
      expect(await res.text()).toBe('')
      expect(h.ended).toEqual([r.room])
      await expectError(await call('GET', `/api/rooms/${r.room}`, { token: r.ownerToken }), 404)
      await expectError(await call('DELETE', `/api/rooms/${r.room}`, { token: r.ownerToken }), 404)
      expect(h.ended).toEqual([r.room])
    })

    it('editors and viewers are 403, no token 401, and nothing is ended', async () => {
      const r = await create()
      await expectError(await call('DELETE', `/api/rooms/${r.room}`, { token: r.editorToken }), 403)
      await expectError(await call('DELETE', `/api/rooms/${r.room}`, { token: r.viewerToken }), 403)
      await expectError(await call('DELETE', `/api/rooms/${r.room}`), 401)
      expect(h.ended).toEqual([])
      expect((await call('GET', `/api/rooms/${r.room}`, { token: r.viewerToken })).status).toBe(200)
    })

    it('other methods on a room are 405', async () => {
      const r = await create()
      await expectError(await call('PUT', `/api/rooms/${r.room}`, { token: r.ownerToken, body: {} }), 405, 'method_not_allowed')
    })
  })

  describe('--open', () => {
    it('no token is needed for anything', async () => {
      const r = await create()
      h.open.value = true
      expect((await call('GET', `/api/rooms/${r.room}`)).status).toBe(200)
      expect((await call('PATCH', `/api/rooms/${r.room}`, { body: { title: 'open' } })).status).toBe(200)
      expect((await call('DELETE', `/api/rooms/${r.room}`)).status).toBe(204)
      await expectError(await call('GET', `/api/rooms/${r.room}`), 404)
    })
  })

  it('records survive a restart of the store on the same file', async () => {
    const r = await create({ title: 'Durable' })
    const db2 = new Database(dbFile, { readonly: true })
    try {
      expect(await createRoomsStore(db2).get(r.room)).toMatchObject({ id: r.room, title: 'Durable', access: 'private' })
    } finally {
      db2.close()
    }
  })
})
