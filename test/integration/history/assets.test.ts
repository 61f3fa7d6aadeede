import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import path from 'node:path'
import { startServer, type RunningServer } from '../../helpers/server'
import { api, createRoom, SECRET_ARGS, type CreatedRoom } from '../sharing/helpers'
import { DATABASE_FILE } from '../../../server/storage/sqlite'

// Files stored with rooms (CONTRACT §7) through the real server and SQLite.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jpeg body')])
const GIF = Buffer.from('GIF89a gif body')
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 body')])

async function upload(server: RunningServer, room: string, body: Buffer, token?: string, type = 'image/png') {
  const headers: Record<string, string> = { 'Content-Type': type }
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`${server.url}/api/rooms/${room}/assets`, { method: 'POST', headers, body: new Uint8Array(body) })
  return { status: res.status, body: (await res.json()) as { assetId?: string; url?: string; error?: { code: string } } }
}

async function download(server: RunningServer, url: string, token?: string) {
  const res = await fetch(`${server.url}${url}${token ? `?token=${token}` : ''}`)
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

async function metric(server: RunningServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
  return m ? Number(m[1]) : NaN
}

describe('room files (secure server)', () => {
  let server: RunningServer
  let room: CreatedRoom

  beforeAll(async () => {
    server = await startServer({ args: [...SECRET_ARGS, '--max-asset-bytes', '4096'] })
    room = await createRoom(server, 'Files')
  })
  afterAll(async () => {
    await server.dispose()
  })

  it('an editor uploads an image and any member downloads the same bytes with a long cache lifetime', async () => {
    const up = await upload(server, room.room, PNG, room.editorToken)
    expect(up.status).toBe(201)
    expect(up.body.assetId).toMatch(/^[0-9a-f]{64}$/)
    expect(up.body.url).toBe(`/api/rooms/${room.room}/assets/${up.body.assetId}`)
    const got = await download(server, up.body.url!, room.viewerToken)
    expect(got.status).toBe(200)
    expect(got.bytes.equals(PNG)).toBe(true)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('cache-control')).toContain('max-age=31536000')
    expect(got.headers.get('cache-control')).toContain('immutable')
  })

  it('the type comes from the magic bytes: JPEG, GIF and WebP are accepted, text named as a PNG is not', async () => {
    for (const [bytes, type] of [[JPEG, 'image/jpeg'], [GIF, 'image/gif'], [WEBP, 'image/webp']] as const) {
      const up = await upload(server, room.room, bytes, room.editorToken, 'application/octet-stream')
      expect(up.status).toBe(201)
      expect((await download(server, up.body.url!, room.editorToken)).headers.get('content-type')).toBe(type)
    }
    const fake = await upload(server, room.room, Buffer.from('<svg onload="alert(1)"></svg>'), room.editorToken, 'image/png')
    expect([fake.status, fake.body.error?.code]).toEqual([415, 'unsupported_type'])
    const empty = await upload(server, room.room, Buffer.alloc(0), room.editorToken)
    expect(empty.status).toBe(400)
  })

  it('a file over the size limit is refused with 413 and nothing is stored', async () => {
    const before = await metric(server, 'tessera_assets')
    const big = Buffer.concat([PNG, Buffer.alloc(5000, 7)])
    const up = await upload(server, room.room, big, room.editorToken)
    expect([up.status, up.body.error?.code]).toEqual([413, 'body_too_large'])
    expect(await metric(server, 'tessera_assets')).toBe(before)
  })

  it('the same file uploaded twice is stored once, and /metrics counts files and bytes', async () => {
    const other = Buffer.concat([PNG, Buffer.from('another')])
    const before = await metric(server, 'tessera_assets')
    const a = await upload(server, room.room, other, room.editorToken)
    const b = await upload(server, room.room, other, room.ownerToken)
    expect(a.body.assetId).toBe(b.body.assetId)
    expect(await metric(server, 'tessera_assets')).toBe(before + 1)
    expect(await metric(server, 'tessera_asset_bytes')).toBeGreaterThanOrEqual(other.length)
  })

  it('viewers and callers without a token cannot upload; without a token nothing is served', async () => {
    const up = await upload(server, room.room, PNG, room.editorToken)
    expect((await upload(server, room.room, PNG, room.viewerToken)).status).toBe(403)
    expect((await upload(server, room.room, PNG)).status).toBe(401)
    expect((await download(server, up.body.url!)).status).toBe(401)
    expect((await download(server, `/api/rooms/${room.room}/assets/${'0'.repeat(64)}`, room.viewerToken)).status).toBe(404)
  })

  it('deleting the room removes its files', async () => {
    const doomed = await createRoom(server, 'Doomed')
    const up = await upload(server, doomed.room, Buffer.concat([PNG, Buffer.from('doomed')]), doomed.editorToken)
    expect(up.status).toBe(201)
    expect((await api(server, 'DELETE', `/api/rooms/${doomed.room}`, { token: doomed.ownerToken })).status).toBe(204)
    expect((await download(server, up.body.url!, doomed.ownerToken)).status).toBe(404)
    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { readonly: true })
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM assets WHERE room = ?').get(doomed.room)).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })
})

describe('room files (--open)', () => {
  it('need no token to upload or download', async () => {
    const server = await startServer({ args: ['--open'] })
    try {
      const up = await upload(server, 'open-room', GIF)
      expect(up.status).toBe(201)
      expect((await download(server, up.body.url!)).bytes.equals(GIF)).toBe(true)
    } finally {
      await server.dispose()
    }
  })
})
