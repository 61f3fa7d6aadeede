import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../helpers/server'
import path from 'node:path'
import Database from 'better-sqlite3'
import { api, createRoom, errorCode, mint, SECRET_ARGS, type CreatedRoom } from './helpers'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

// The rooms REST API (CONTRACT §6) through the real server, started without --open.
describe('REST /api/rooms (secure server)', () => {
  let server: RunningServer
  let room: CreatedRoom

  beforeAll(async () => {
    server = await startServer({ args: SECRET_ARGS })
    room = await createRoom(server, 'Planning')
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('POST creates a private room with a short code and three tokens', async () => {
    const r = await api(server, 'POST', '/api/rooms', { body: { title: '  Retro  ' } })
    expect(r.status).toBe(201)
    const b = r.body as CreatedRoom
    expect(b.room).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/)
    expect(b.title).toBe('Retro')
    expect(b.access).toBe('private')
    expect(Number.isNaN(Date.parse(b.createdAt))).toBe(false)
    for (const t of [b.ownerToken, b.editorToken, b.viewerToken]) expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(r.headers.get('cache-control')).toBe('no-store')
    // no title at all is fine too
    expect((await api(server, 'POST', '/api/rooms')).status).toBe(201)
  })

  it('POST refuses bad bodies: unknown field, wrong type, invalid JSON (400), too large (413)', async () => {
    const unknown = await api(server, 'POST', '/api/rooms', { body: { title: 'x', owner: 'me' } })
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'invalid_body'])
    const wrongType = await api(server, 'POST', '/api/rooms', { body: { title: 42 } })
    expect([wrongType.status, errorCode(wrongType)]).toEqual([400, 'invalid_body'])
    const longTitle = await api(server, 'POST', '/api/rooms', { body: { title: 'x'.repeat(201) } })
    expect(longTitle.status).toBe(400)
    const badJson = await api(server, 'POST', '/api/rooms', { rawBody: '{"title":' })
    expect([badJson.status, errorCode(badJson)]).toEqual([400, 'invalid_json'])
    const huge = await api(server, 'POST', '/api/rooms', { rawBody: JSON.stringify({ title: 'x'.repeat(100 * 1024) }) })
    expect([huge.status, errorCode(huge)]).toEqual([413, 'body_too_large'])
  })

  it('GET answers any role with the room record and the live user count', async () => {
    for (const token of [room.ownerToken, room.editorToken, room.viewerToken]) {
      const r = await api(server, 'GET', `/api/rooms/${room.room}`, { token })
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ room: room.room, title: 'Planning', access: 'private', users: 0 })
      const keys = ['access', 'codeAccess', 'createdAt', 'room', 'title', 'updatedAt', 'users']
      // only the owner reads the link secret back
      expect(Object.keys(r.body as object).sort()).toEqual(token === room.ownerToken ? [...keys, 'linkSecret'].sort() : keys)
    }
    // the token may also travel as the `token` query parameter
    expect((await api(server, 'GET', `/api/rooms/${room.room}`, { token: room.viewerToken, query: true })).status).toBe(200)
  })

  it('401 without a token or with a forged, malformed or expired one', async () => {
    const none = await api(server, 'GET', `/api/rooms/${room.room}`)
    expect([none.status, errorCode(none)]).toEqual([401, 'token_required'])
    const forged = await api(server, 'GET', `/api/rooms/${room.room}`, { token: mint(room.room, 'owner', { secret: 'not-the-server-secret' }) })
    expect([forged.status, errorCode(forged)]).toEqual([401, 'token_bad_signature'])
    const malformed = await api(server, 'GET', `/api/rooms/${room.room}`, { token: 'not-a-token' })
    expect(malformed.status).toBe(401)
    const expired = await api(server, 'GET', `/api/rooms/${room.room}`, { token: mint(room.room, 'owner', { now: Date.now() - 2 * 3600_000, ttlSeconds: 3600 }) })
    expect([expired.status, errorCode(expired)]).toEqual([401, 'token_expired'])
    // a tampered payload with the original signature
    const [, sig] = room.viewerToken.split('.')
    const payload = Buffer.from(JSON.stringify({ v: 1, room: room.room, role: 'owner', exp: 4102444800, iat: 1 })).toString('base64url')
    const tampered = await api(server, 'PATCH', `/api/rooms/${room.room}`, { token: `${payload}.${sig}`, body: { access: 'edit' } })
    expect(tampered.status).toBe(401)
  })

  it('403 for a token of another room or a role that is too weak', async () => {
    const other = await createRoom(server, 'Other')
    const wrongRoom = await api(server, 'GET', `/api/rooms/${room.room}`, { token: other.ownerToken })
    expect([wrongRoom.status, errorCode(wrongRoom)]).toEqual([403, 'token_wrong_room'])
    for (const token of [room.editorToken, room.viewerToken]) {
      expect((await api(server, 'PATCH', `/api/rooms/${room.room}`, { token, body: { title: 'hijacked' } })).status).toBe(403)
      expect((await api(server, 'DELETE', `/api/rooms/${room.room}`, { token })).status).toBe(403)
    }
    const after = await api(server, 'GET', `/api/rooms/${room.room}`, { token: room.ownerToken })
    expect((after.body as { title: string }).title).toBe('Planning')
  })

  it('404 for an unknown room (with a valid token for that id) and for unknown API paths', async () => {
    const r = await api(server, 'GET', '/api/rooms/ZZZZZZ', { token: mint('ZZZZZZ', 'owner') })
    expect([r.status, errorCode(r)]).toEqual([404, 'room_not_found'])
    // without a token an unknown room looks like a private one
    expect((await api(server, 'GET', '/api/rooms/ZZZZZZ')).status).toBe(401)
    const nested = await api(server, 'GET', `/api/rooms/${room.room}/extra`, { token: room.ownerToken })
    expect([nested.status, errorCode(nested)]).toEqual([404, 'not_found'])
    const badName = await api(server, 'GET', '/api/rooms/a%00b', { token: room.ownerToken })
    expect(badName.status).toBe(400)
    const put = await api(server, 'PUT', `/api/rooms/${room.room}`, { token: room.ownerToken })
    expect(put.status).toBe(405)
  })

  it('PATCH (owner) validates, updates title and access, and refuses unknown fields', async () => {
    const path = `/api/rooms/${room.room}`
    const unknown = await api(server, 'PATCH', path, { token: room.ownerToken, body: { title: 'x', public: true } })
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'invalid_body'])
    const badAccess = await api(server, 'PATCH', path, { token: room.ownerToken, body: { access: 'public' } })
    expect(badAccess.status).toBe(400)
    const nullBody = await api(server, 'PATCH', path, { token: room.ownerToken, rawBody: 'null' })
    expect([nullBody.status, errorCode(nullBody)]).toEqual([400, 'invalid_body'])
    const tooLarge = await api(server, 'PATCH', path, { token: room.ownerToken, rawBody: JSON.stringify({ title: 'y'.repeat(80 * 1024) }) })
    expect(tooLarge.status).toBe(413)
    const ok = await api(server, 'PATCH', path, { token: room.ownerToken, body: { title: 'Renamed', access: 'view' } })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ room: room.room, title: 'Renamed', access: 'view' })
    // access 'view': GET works with the link secret (the code alone only after codeAccess), PATCH still needs the owner
    expect((await api(server, 'GET', path)).status).toBe(401)
    expect((await api(server, 'GET', path, { token: room.linkSecret })).status).toBe(200)
    await api(server, 'PATCH', path, { token: room.ownerToken, body: { codeAccess: true } })
    expect((await api(server, 'GET', path)).status).toBe(200)
    expect((await api(server, 'PATCH', path, { body: { title: 'anon' } })).status).toBe(401)
    await api(server, 'PATCH', path, { token: room.ownerToken, body: { access: 'private' } })
    expect((await api(server, 'GET', path)).status).toBe(401)
  })

  it('DELETE (owner) removes the record: 204, then 404 for the owner', async () => {
    const doomed = await createRoom(server, 'Doomed')
    const r = await api(server, 'DELETE', `/api/rooms/${doomed.room}`, { token: doomed.ownerToken })
    expect(r.status).toBe(204)
    expect((await api(server, 'GET', `/api/rooms/${doomed.room}`, { token: doomed.ownerToken })).status).toBe(404)
    expect((await api(server, 'DELETE', `/api/rooms/${doomed.room}`, { token: doomed.ownerToken })).status).toBe(404)
  })

  it('DELETE right after a burst of edits leaves nothing stored, even once the pending compaction would have run', async () => {
    const doomed = await createRoom(server, 'Busy then gone')
    const editor = newClient(server.wsUrl, doomed.room, { params: { token: doomed.editorToken } })
    try {
      await synced(editor.provider)
      for (let i = 0; i < 700; i++) editor.doc.getMap('items').set(`k${i % 50}`, i) // over the 500-row compaction threshold
      const watcher = newClient(server.wsUrl, doomed.room, { params: { token: doomed.editorToken } })
      await synced(watcher.provider)
      await waitFor(() => watcher.doc.getMap('items').get('k49') === 699, { message: 'the burst to be stored' })
      watcher.destroy()
      expect((await api(server, 'DELETE', `/api/rooms/${doomed.room}`, { token: doomed.ownerToken })).status).toBe(204)
    } finally {
      editor.destroy()
    }
    await new Promise((r) => setTimeout(r, 2_000)) // past the 1 s quiet-compaction timer
    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { readonly: true })
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM updates WHERE room = ?').get(doomed.room)).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })

  it('never logs tokens', () => {
    const out = server.output()
    for (const t of [room.ownerToken, room.editorToken, room.viewerToken]) {
      expect(out).not.toContain(t)
      expect(out).not.toContain(t.split('.')[1]!)
    }
  })
})
