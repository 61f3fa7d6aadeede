import { describe, expect, it } from 'vitest'
import { formatRelativeTime } from '../../../src/app/lobby/relativeTime'
import { effectiveRole } from '../../../src/app/share/boardRole'
import { shareLinks } from '../../../src/app/share/shareLinks'
import { roomEndFromClose } from '../../../src/app/share/useRoomEnded'
import { signToken } from '../../../server/auth/tokens'

const NOW = Date.UTC(2030, 5, 15, 12)

describe('relative last-opened time', () => {
  it('reads naturally', () => {
    expect(formatRelativeTime(NOW - 10_000, NOW)).toBe('just now')
    expect(formatRelativeTime(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago')
    expect(formatRelativeTime(NOW - 3 * 3600_000, NOW)).toBe('3 hours ago')
    expect(formatRelativeTime(NOW - 86400_000, NOW)).toBe('yesterday')
    expect(formatRelativeTime(NOW - 14 * 86400_000, NOW)).toBe('2 weeks ago')
  })
})

describe('board role in the browser', () => {
  const secret = Buffer.alloc(32, 3)
  const tok = (role: 'owner' | 'editor' | 'viewer', room = 'ROOM22') => signToken(secret, { room, role, now: NOW })
  it('comes from the token for this room, raised by link access', () => {
    expect(effectiveRole('ROOM22', tok('viewer'), 'private', NOW)).toBe('viewer')
    expect(effectiveRole('ROOM22', tok('viewer'), 'edit', NOW)).toBe('editor')
    expect(effectiveRole('ROOM22', tok('owner'), 'view', NOW)).toBe('owner')
    expect(effectiveRole('ROOM22', null, 'view', NOW)).toBe('viewer')
    expect(effectiveRole('ROOM22', tok('viewer', 'OTHER2'), 'view', NOW)).toBe('viewer')
    expect(effectiveRole('ROOM22', tok('owner', 'OTHER2'), 'view', NOW)).toBe('viewer')
    expect(effectiveRole('ROOM22', tok('viewer'), 'private', NOW + 400 * 86400_000)).toBe('editor')
  })
})

describe('share links', () => {
  it('carry tokens only in the fragment; a shared board is opened by its link secret, or by the bare code only when the owner allows it', () => {
    const l = shareLinks('http://h:1', 'K7P2QX', 'private', { editor: 'e.t', viewer: 'v.t' })
    expect(l).toEqual({ edit: 'http://h:1/r/K7P2QX#token=e.t', view: 'http://h:1/r/K7P2QX#token=v.t', anyone: null })
    expect(shareLinks('http://h:1', 'K7P2QX', 'private', {})).toEqual({ edit: null, view: null, anyone: null })
    // a private board has no "anyone" link even if a secret is known
    expect(shareLinks('http://h:1', 'K7P2QX', 'private', {}, { linkSecret: 'ls-x', codeAccess: true }).anyone).toBeNull()
    // shared by link: the link carries the secret
    const secret = 'http://h:1/r/K7P2QX#token=ls-abc'
    expect(shareLinks('http://h:1', 'K7P2QX', 'view', {}, { linkSecret: 'ls-abc', codeAccess: false })).toEqual({ edit: null, view: secret, anyone: secret })
    expect(shareLinks('http://h:1', 'K7P2QX', 'edit', {}, { linkSecret: 'ls-abc', codeAccess: false })).toEqual({ edit: secret, view: null, anyone: secret })
    // no secret known: the bare code is a link only when the owner chose "anyone with the code"
    expect(shareLinks('http://h:1', 'K7P2QX', 'view', {})).toEqual({ edit: null, view: null, anyone: null })
    expect(shareLinks('http://h:1', 'K7P2QX', 'edit', {}, { linkSecret: null, codeAccess: true })).toEqual({ edit: 'http://h:1/r/K7P2QX', view: null, anyone: 'http://h:1/r/K7P2QX' })
  })
})

describe('room ended', () => {
  it('close code 4404 means the owner deleted the board; other codes are not an end', () => {
    expect(roomEndFromClose(4404, 'room deleted')).toEqual({ kind: 'deleted', code: 4404, reason: 'room deleted' })
    expect(roomEndFromClose(4403, 'forbidden')?.kind).toBe('forbidden')
    expect(roomEndFromClose(1006, '')).toBeNull()
    expect(roomEndFromClose(1001, 'server shutting down')).toBeNull()
  })
})
