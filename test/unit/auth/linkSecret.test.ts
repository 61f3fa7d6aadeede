import { describe, expect, it } from 'vitest'
import { isLinkSecretShaped, linkSecretFor, linkSecretMatches, newLinkNonce } from '../../../server/auth/linkSecret'
import { redactSecrets } from '../../../server/logRedact'

const secret = Buffer.from('unit-test-signing-secret-0123456789', 'utf8')

describe('link secrets', () => {
  it('derive from the signing secret, the room and the nonce: the same inputs give the same link', () => {
    const a = linkSecretFor(secret, 'ROOM42', 'n1')
    expect(a).toMatch(/^ls-[A-Za-z0-9_-]{43}$/)
    expect(linkSecretFor(secret, 'ROOM42', 'n1')).toBe(a)
    expect(linkSecretFor(secret, 'ROOM43', 'n1')).not.toBe(a)
    expect(linkSecretFor(secret, 'ROOM42', 'n2')).not.toBe(a)
    expect(linkSecretFor(Buffer.from('another-secret-0123456789abcdef'), 'ROOM42', 'n1')).not.toBe(a)
  })

  it('match only the current secret of that room (a new nonce revokes the old one)', () => {
    const current = linkSecretFor(secret, 'R', 'old')
    expect(linkSecretMatches(secret, 'R', 'old', current)).toBe(true)
    expect(linkSecretMatches(secret, 'R', newLinkNonce(), current)).toBe(false)
    expect(linkSecretMatches(secret, 'S', 'old', current)).toBe(false)
    for (const bad of ['', 'ls-', `${current}x`, current.slice(0, -1), current.replace('ls-', 'lx-'), `ls-${'é'.repeat(43)}`]) {
      expect(linkSecretMatches(secret, 'R', 'old', bad)).toBe(false)
    }
  })

  it('are told apart from signed tokens, and never survive a log line', () => {
    const s = linkSecretFor(secret, 'R', '')
    expect(isLinkSecretShaped(s)).toBe(true)
    expect(isLinkSecretShaped('eyJ2IjoxfQ.abc')).toBe(false)
    expect(redactSecrets(`GET /R?token=${s}`)).not.toContain(s.slice(3))
    expect(redactSecrets(`opened /r/R#${s}`)).not.toContain(s.slice(3))
  })

  it('new nonces do not repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newLinkNonce()))
    expect(seen.size).toBe(200)
  })
})
