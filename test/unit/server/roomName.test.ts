import { describe, expect, it } from 'vitest'
import { isValidRoomName, redactUrl, roomFromUrl, tokenFromUrl } from '../../../server/roomName'
import { resolveStaticPath, isAppRoute } from '../../../server/static'

describe('roomName', () => {
  it.each(['a', 'K7P2QX', 'my-room_1.2', 'x'.repeat(128), '-dash', '_under'])('accepts %s', (name) => {
    expect(isValidRoomName(name)).toBe(true)
  })
  it.each(['', '.hidden', '..', 'a b', 'a/b', 'café', 'x'.repeat(129), 'a?b', 'a%20b'])('refuses %j', (name) => {
    expect(isValidRoomName(name)).toBe(false)
  })
  it('takes the room from the URL path and ignores the query string', () => {
    expect(roomFromUrl('/board-1?token=abc&x=1')).toEqual({ ok: true, room: 'board-1' })
    expect(roomFromUrl('/').ok).toBe(false)
    expect(roomFromUrl('/r/board').ok).toBe(false)
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
    expect(isAppRoute('/r/a/b')).toBe(false)
    expect(isAppRoute('/assets/x.js')).toBe(false)
  })
})
