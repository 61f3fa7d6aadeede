import crypto from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { canWrite, maxRole, minRole, roleAtLeast, ROLES } from '../../../server/auth/roles'
import { MAX_TOKEN_LENGTH, signToken, verifyToken } from '../../../server/auth/tokens'

const secret = Buffer.from('a'.repeat(64), 'hex')
const otherSecret = Buffer.from('b'.repeat(64), 'hex')
const T0 = Date.UTC(2030, 0, 1)

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url')
}

describe('capability tokens', () => {
  afterEach(() => vi.restoreAllMocks())

  it('a signed token verifies and names its room, role and expiry', () => {
    const token = signToken(secret, { room: 'K7P2QX', role: 'editor', now: T0, ttlSeconds: 60 })
    const r = verifyToken(secret, token, { room: 'K7P2QX', now: T0 + 1000 })
    expect(r).toEqual({ ok: true, claims: { v: 1, room: 'K7P2QX', role: 'editor', iat: T0 / 1000, exp: T0 / 1000 + 60 } })
  })

  it('the compact form is base64url payload, a dot and a 32-byte base64url signature', () => {
    const token = signToken(secret, { room: 'r', role: 'viewer', now: T0 })
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))
    expect(payload).toMatchObject({ room: 'r', role: 'viewer' })
  })

  it('every role round-trips', () => {
    for (const role of ROLES) {
      const r = verifyToken(secret, signToken(secret, { room: 'x', role, now: T0 }), { now: T0 })
      expect(r.ok && r.claims.role).toBe(role)
    }
  })

  it('a token signed with another secret is refused as bad_signature', () => {
    const token = signToken(otherSecret, { room: 'K7P2QX', role: 'owner', now: T0 })
    expect(verifyToken(secret, token, { room: 'K7P2QX', now: T0 })).toEqual({ ok: false, code: 'bad_signature' })
  })

  it('a payload changed to another role keeps the old signature and is refused', () => {
    const token = signToken(secret, { room: 'K7P2QX', role: 'viewer', now: T0 })
    const [payload, sig] = token.split('.') as [string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const forged = `${b64(JSON.stringify({ ...claims, role: 'owner' }))}.${sig}`
    expect(verifyToken(secret, forged, { room: 'K7P2QX', now: T0 })).toEqual({ ok: false, code: 'bad_signature' })
  })

  it('a payload changed to another room is refused', () => {
    const token = signToken(secret, { room: 'AAAAAA', role: 'owner', now: T0 })
    const [payload, sig] = token.split('.') as [string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const forged = `${b64(JSON.stringify({ ...claims, room: 'BBBBBB' }))}.${sig}`
    expect(verifyToken(secret, forged, { room: 'BBBBBB', now: T0 })).toEqual({ ok: false, code: 'bad_signature' })
  })

  it('a flipped signature bit is refused', () => {
    const token = signToken(secret, { room: 'r', role: 'owner', now: T0 })
    const [payload, sig] = token.split('.') as [string, string]
    const bytes = Buffer.from(sig, 'base64url')
    bytes[31] = bytes[31]! ^ 1
    expect(verifyToken(secret, `${payload}.${bytes.toString('base64url')}`, { now: T0 })).toEqual({ ok: false, code: 'bad_signature' })
  })

  it('an expired token is refused, a token one second before expiry is not', () => {
    const token = signToken(secret, { room: 'r', role: 'owner', now: T0, ttlSeconds: 10 })
    expect(verifyToken(secret, token, { now: T0 + 9_000 }).ok).toBe(true)
    expect(verifyToken(secret, token, { now: T0 + 10_000 })).toEqual({ ok: false, code: 'expired' })
    expect(verifyToken(secret, token, { now: T0 + 86_400_000 })).toEqual({ ok: false, code: 'expired' })
  })

  it('a token for another room is refused as wrong_room', () => {
    const token = signToken(secret, { room: 'AAAAAA', role: 'owner', now: T0 })
    expect(verifyToken(secret, token, { room: 'BBBBBB', now: T0 })).toEqual({ ok: false, code: 'wrong_room' })
  })

  it('malformed input is refused as malformed, never throws', () => {
    const good = signToken(secret, { room: 'r', role: 'owner', now: T0 })
    const [payload, sig] = good.split('.') as [string, string]
    const inputs: unknown[] = [
      '',
      'abc',
      '.',
      `${payload}.`,
      `.${sig}`,
      `${payload}.${sig}.x`,
      `${payload}.${sig}=`,
      `${payload}.${sig.slice(0, 20)}`,
      `pay load.${sig}`,
      `${payload}+.${sig}`,
      'x'.repeat(MAX_TOKEN_LENGTH + 1),
      '\u0000.\u0000',
      42,
      null,
    ]
    for (const input of inputs) {
      expect(verifyToken(secret, input as string, { now: T0 })).toEqual({ ok: false, code: 'malformed' })
    }
  })

  it('a correctly signed payload that is not valid claims is malformed', () => {
    const sign = (p: string) => crypto.createHmac('sha256', secret).update(p).digest('base64url')
    const payloads = [b64('not json'), b64('[]'), b64(JSON.stringify({ v: 1, room: 'r', role: 'admin', exp: 9e9, iat: 0 })), b64(JSON.stringify({ v: 2, room: 'r', role: 'owner', exp: 9e9, iat: 0 })), b64(JSON.stringify({ v: 1, room: 'r', role: 'owner', exp: 9e9, iat: 0, extra: 1 })),
      ...[
        { room: 'r', role: 'owner', exp: 9e9, iat: 0 },
        { v: 1, room: '', role: 'owner', exp: 9e9, iat: 0 },
        { v: 1, room: 'r'.repeat(129), role: 'owner', exp: 9e9, iat: 0 },
        { v: 1, room: 7, role: 'owner', exp: 9e9, iat: 0 },
        { v: 1, room: 'r', role: 'owner', exp: '9e9', iat: 0 },
        { v: 1, room: 'r', role: 'owner', exp: 9e9 + 0.5, iat: 0 },
        { v: 1, room: 'r', role: 'owner', exp: 9e9, iat: -1 },
        { v: 1, room: 'r', role: 'owner', exp: 9e9 },
        { v: 1, room: 'r', role: 'owner', exp: 9e9, iat: 0, g: 0 },
        { v: 1, room: 'r', role: 'owner', exp: 9e9, iat: 0, g: 1.5 },
        { v: 1, room: 'r', role: 'toString', exp: 9e9, iat: 0 },
      ].map((c) => b64(JSON.stringify(c))),
      b64('{"v":1,"room":"r","role":"owner","exp":9e9,"iat":0,"__proto__":{"x":1}}'),
      b64('null'), b64('"owner"')]
    for (const p of payloads) {
      expect(verifyToken(secret, `${p}.${sign(p)}`, { now: T0 })).toEqual({ ok: false, code: 'malformed' })
    }
  })

  it('signatures are compared with crypto.timingSafeEqual', () => {
    const spy = vi.spyOn(crypto, 'timingSafeEqual')
    const token = signToken(secret, { room: 'r', role: 'owner', now: T0 })
    verifyToken(secret, token, { now: T0 })
    verifyToken(otherSecret, token, { now: T0 })
    expect(spy).toHaveBeenCalledTimes(2)
  })
})

describe('roles', () => {
  it('owner ⊇ editor ⊇ viewer', () => {
    expect(roleAtLeast('owner', 'editor')).toBe(true)
    expect(roleAtLeast('owner', 'viewer')).toBe(true)
    expect(roleAtLeast('editor', 'viewer')).toBe(true)
    expect(roleAtLeast('editor', 'owner')).toBe(false)
    expect(roleAtLeast('viewer', 'editor')).toBe(false)
    expect(roleAtLeast('viewer', 'viewer')).toBe(true)
    expect(maxRole('viewer', 'editor')).toBe('editor')
    expect(minRole('owner', 'viewer')).toBe('viewer')
    expect(ROLES.filter(canWrite)).toEqual(['editor', 'owner'])
  })
})
