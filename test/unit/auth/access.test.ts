import { describe, expect, it } from 'vitest'
import { decideAccess, linkRole, type LinkCheck, type RoomAccess } from '../../../server/auth/access'
import type { Role } from '../../../server/auth/roles'
import type { VerifyResult } from '../../../server/auth/tokens'

const tok = (role: Role): VerifyResult => ({ ok: true, claims: { v: 1, room: 'R', role, exp: 9e9, iat: 0 } })
const bad = (code: 'malformed' | 'bad_signature' | 'expired' | 'wrong_room'): VerifyResult => ({ ok: false, code })

type Row = [string, VerifyResult | null, RoomAccess, Role | undefined, Role | [number, string]]

// [label, token, room access, needed role, expected role or [status, code]]
const secureTable: Row[] = [
  ['no token, private room', null, 'private', undefined, [401, 'token_required']],
  ['no token, view link', null, 'view', undefined, 'viewer'],
  ['no token, edit link', null, 'edit', undefined, 'editor'],
  ['viewer token, private', tok('viewer'), 'private', undefined, 'viewer'],
  ['editor token, private', tok('editor'), 'private', undefined, 'editor'],
  ['owner token, private', tok('owner'), 'private', undefined, 'owner'],
  ['viewer token, edit link is upgraded', tok('viewer'), 'edit', undefined, 'editor'],
  ['owner token, view link keeps owner', tok('owner'), 'view', undefined, 'owner'],
  ['expired token, private', bad('expired'), 'private', undefined, [401, 'token_expired']],
  ['forged token, private', bad('bad_signature'), 'private', undefined, [401, 'token_bad_signature']],
  ['malformed token, private', bad('malformed'), 'private', undefined, [401, 'token_malformed']],
  ['other room token, private', bad('wrong_room'), 'private', undefined, [403, 'token_wrong_room']],
  ['expired token, view link falls back to viewer', bad('expired'), 'view', undefined, 'viewer'],
  ['forged token, edit link falls back to editor', bad('bad_signature'), 'edit', undefined, 'editor'],
  ['editor token needing owner', tok('editor'), 'private', 'owner', [403, 'forbidden']],
  ['viewer token needing editor', tok('viewer'), 'view', 'editor', [403, 'forbidden']],
  ['owner token needing owner', tok('owner'), 'private', 'owner', 'owner'],
  ['no token needing owner on an edit link', null, 'edit', 'owner', [401, 'token_required']],
  ['expired token needing owner on an edit link', bad('expired'), 'edit', 'owner', [401, 'token_expired']],
]

// The table above is judged for a board whose owner lets the code alone open it (codeAccess),
// the rule of every link-shared board before link secrets.
describe('access decisions (secure mode, code access on)', () => {
  for (const [label, token, access, need, expected] of secureTable) {
    it(`${label} → ${Array.isArray(expected) ? expected.join(' ') : expected}`, () => {
      const d = decideAccess({ token, access, open: false, need, codeAccess: true })
      if (Array.isArray(expected)) {
        expect(d.ok).toBe(false)
        if (!d.ok) {
          expect([d.status, d.code]).toEqual(expected)
          expect(d.message.length).toBeGreaterThan(0)
        }
      } else {
        expect(d).toEqual({ ok: true, role: expected, canWrite: expected !== 'viewer' })
      }
    })
  }
})

type LinkRow = [string, VerifyResult | null, LinkCheck, boolean, RoomAccess, Role | [number, string]]
// [label, token, presented link secret, codeAccess, room access, expected role or [status, code]]
const linkTable: LinkRow[] = [
  ['the code alone, view access, no code access', null, null, false, 'view', [401, 'token_required']],
  ['the code alone, edit access, no code access', null, null, false, 'edit', [401, 'token_required']],
  ['the current link secret, view access', null, 'valid', false, 'view', 'viewer'],
  ['the current link secret, edit access', null, 'valid', false, 'edit', 'editor'],
  ['the current link secret of a private board', null, 'valid', false, 'private', [401, 'token_required']],
  ['a revoked link secret, even with code access', null, 'invalid', true, 'edit', [401, 'link_invalid']],
  ['a viewer token on an edit board without the link keeps viewer', tok('viewer'), null, false, 'edit', 'viewer'],
  ['an expired token on a view board without the link', bad('expired'), null, false, 'view', [401, 'token_expired']],
]

describe('access decisions with link secrets', () => {
  for (const [label, token, link, codeAccess, access, expected] of linkTable) {
    it(`${label} → ${Array.isArray(expected) ? expected.join(' ') : expected}`, () => {
      const d = decideAccess({ token, link, codeAccess, access, open: false })
      if (Array.isArray(expected)) expect(d).toMatchObject({ ok: false, status: expected[0], code: expected[1] })
      else expect(d).toEqual({ ok: true, role: expected, canWrite: expected !== 'viewer' })
    })
  }
})

describe('access decisions (--open)', () => {
  it('anyone may read and write any room, whatever its access', () => {
    for (const access of ['private', 'view', 'edit'] as const) {
      expect(decideAccess({ token: null, access, open: true })).toEqual({ ok: true, role: 'editor', canWrite: true })
      expect(decideAccess({ token: bad('bad_signature'), access, open: true, need: 'owner' }).ok).toBe(true)
    }
  })
  it('a viewer token is lifted to editor and an owner token stays owner', () => {
    expect(decideAccess({ token: tok('viewer'), access: 'private', open: true })).toMatchObject({ role: 'editor', canWrite: true })
    expect(decideAccess({ token: tok('owner'), access: 'private', open: true })).toMatchObject({ role: 'owner' })
  })
})

describe('linkRole', () => {
  it('maps access to the role a bare link grants', () => {
    expect(linkRole('private')).toBeNull()
    expect(linkRole('view')).toBe('viewer')
    expect(linkRole('edit')).toBe('editor')
  })
})
