import { describe, expect, it } from 'vitest'
import { localAccess, localDbName, parseLocalDbName, tokenRole } from '../../../src/room/offline/accessLevel'

/** A token shaped like the server's: base64url(JSON claims) + '.' + signature (not checked client-side). */
function token(claims: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(claims)).toString('base64url') + '.c2lnbmF0dXJl'
}

describe('access level of a board opening', () => {
  it('reads the role from the token payload', () => {
    expect(tokenRole(token({ v: 1, room: 'R', role: 'viewer', exp: 1, iat: 0 }))).toBe('viewer')
    expect(tokenRole(token({ v: 1, room: 'R', role: 'editor', exp: 1, iat: 0 }))).toBe('editor')
    expect(tokenRole(token({ v: 1, room: 'R', role: 'owner', exp: 1, iat: 0 }))).toBe('owner')
  })

  it('gives no role for missing, malformed or unknown-role tokens', () => {
    expect(tokenRole(null)).toBeNull()
    expect(tokenRole('')).toBeNull()
    expect(tokenRole('not base64 !.x')).toBeNull()
    expect(tokenRole(Buffer.from('not json').toString('base64url') + '.x')).toBeNull()
    expect(tokenRole(token({ role: 'admin' }))).toBeNull()
    expect(tokenRole(Buffer.from('[1,2]').toString('base64url') + '.x')).toBeNull()
  })

  it('treats viewers and unreadable tokens as view-only, no token and writers as editing', () => {
    expect(localAccess(null)).toBe('edit')
    expect(localAccess(token({ role: 'editor' }))).toBe('edit')
    expect(localAccess(token({ role: 'owner' }))).toBe('edit')
    expect(localAccess(token({ role: 'viewer' }))).toBe('view')
    expect(localAccess('garbage')).toBe('view')
  })

  it('keeps separate local databases per room and per access level', () => {
    const names = new Set([
      localDbName('K7P2QX', 'edit'),
      localDbName('K7P2QX', 'view'),
      localDbName('K7P2QX.view', 'edit'),
      localDbName('other', 'edit'),
    ])
    expect(names.size).toBe(4)
    expect(localDbName('K7P2QX', 'edit')).toBe('tessera:K7P2QX')
  })

  it('maps database names back to rooms and ignores foreign databases', () => {
    expect(parseLocalDbName(localDbName('a.b-c_d', 'view'))).toEqual({ room: 'a.b-c_d', access: 'view' })
    expect(parseLocalDbName(localDbName('room1', 'edit'))).toEqual({ room: 'room1', access: 'edit' })
    expect(parseLocalDbName('some-other-app')).toBeNull()
    expect(parseLocalDbName('tessera:')).toBeNull()
    expect(parseLocalDbName('tessera:a:b')).toBeNull()
    // any room name (CONTRACT §2) round-trips, even one that ends in ':view'
    for (const room of ['org/doc', 'doc:123', 'x:view', 'café', 'my doc', '.hidden']) {
      expect(parseLocalDbName(localDbName(room, 'edit'))).toEqual({ room, access: 'edit' })
      expect(parseLocalDbName(localDbName(room, 'view'))).toEqual({ room, access: 'view' })
    }
    // the names of older versions keep their databases
    expect(localDbName('K7P2QX', 'view')).toBe('tessera:K7P2QX:view')
  })
})
