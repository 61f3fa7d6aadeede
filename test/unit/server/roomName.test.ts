import { describe, expect, it } from 'vitest'
import { encodeRoomName, isValidRoomName, redactUrl, roomFromUrl, tokenFromUrl } from '../../../server/roomName'
import { resolveStaticPath, isAppRoute } from '../../../server/static'

describe('roomName', () => {
  it.each(['a', 'K7P2QX', 'my-room_1.2', 'x'.repeat(512), '.hidden', '..', 'org/doc', 'doc:123', 'my doc', 'café', 'test-@y/websocket', 'a?b', '日本語', '🙂'])(
    'accepts %j (any name npx y-websocket accepts)', (name) => {
      expect(isValidRoomName(name)).toBe(true)
    },
  )
  it.each(['', 'x'.repeat(513), 'é'.repeat(257), 'a\u0000b', 'a\nb', 'tab\there', 'del\u007f', 'c1\u0085'])('refuses %j', (name) => {
    expect(isValidRoomName(name)).toBe(false)
  })
  it('takes the room from the URL path, percent-decoded, and ignores the query string', () => {
    expect(roomFromUrl('/board-1?token=abc&x=1')).toEqual({ ok: true, room: 'board-1' })
    expect(roomFromUrl('/org/doc')).toEqual({ ok: true, room: 'org/doc' })
    expect(roomFromUrl('/org%2Fdoc')).toEqual({ ok: true, room: 'org/doc' })
    expect(roomFromUrl('/org-doc')).toEqual({ ok: true, room: 'org-doc' })
    expect(roomFromUrl('/my%20doc')).toEqual({ ok: true, room: 'my doc' })
    expect(roomFromUrl('/caf%C3%A9')).toEqual({ ok: true, room: 'café' })
    expect(roomFromUrl('/collab/x?token=t')).toEqual({ ok: true, room: 'collab/x' })
    expect(roomFromUrl('/doc:123')).toEqual({ ok: true, room: 'doc:123' })
    expect(roomFromUrl('/a%3Fb?x=1')).toEqual({ ok: true, room: 'a?b' })
    expect(roomFromUrl('/').ok).toBe(false)
    expect(roomFromUrl('/?token=x').ok).toBe(false)
    expect(roomFromUrl('/caf%C3').ok).toBe(false)
    expect(roomFromUrl('/a%00b').ok).toBe(false)
  })
  it('encodes a room as one path segment that decodes back to it', () => {
    for (const name of ['org/doc', 'my doc', 'café', 'a?b#c', '100%']) {
      expect(encodeRoomName(name)).not.toMatch(/[/?# ]/)
      expect(roomFromUrl(`/${encodeRoomName(name)}`)).toEqual({ ok: true, room: name })
    }
  })
  it('reads the token parameter and redacts it for logs', () => {
    expect(tokenFromUrl('/room?token=s3cret')).toBe('s3cret')
    expect(tokenFromUrl('/room')).toBeNull()
    expect(redactUrl('/room?token=s3cret&a=1')).not.toContain('s3cret')
    expect(redactUrl('/room?a=1')).toBe('/room?a=1')
  })
})

describe('static paths', () => {
  const root = '/srv/dist'
  it('resolves files inside the root only', () => {
    expect(resolveStaticPath(root, '/assets/a.js')).toBe('/srv/dist/assets/a.js')
    expect(resolveStaticPath(root, '/../etc/passwd')).toBe('/srv/dist/etc/passwd')
    expect(resolveStaticPath(root, '/%2e%2e%2fsecret')).toBe('/srv/dist/secret')
    expect(resolveStaticPath(root, '/a%00b')).toBeNull()
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull()
  })
  it('knows the app routes that get index.html', () => {
    expect(isAppRoute('/')).toBe(true)
    expect(isAppRoute('/r/K7P2QX')).toBe(true)
    expect(isAppRoute('/r/a/b')).toBe(true) // room 'a/b'
    expect(isAppRoute('/r/org%2Fdoc')).toBe(true)
    expect(isAppRoute('/r/')).toBe(false)
    expect(isAppRoute('/assets/x.js')).toBe(false)
  })
})
