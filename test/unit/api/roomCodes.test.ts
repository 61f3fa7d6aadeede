import { describe, expect, it } from 'vitest'
import { generateRoomCode, isRoomCode, normalizeRoomCode, ROOM_CODE_ALPHABET } from '../../../server/api/roomCodes'

describe('room codes', () => {
  it('the alphabet has no look-alike characters', () => {
    for (const c of '01ILOU') expect(ROOM_CODE_ALPHABET).not.toContain(c)
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(ROOM_CODE_ALPHABET.length)
    expect(ROOM_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/)
  })

  it('generated codes are 6 symbols of the alphabet and differ', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 500; i++) {
      const c = generateRoomCode()
      expect(c).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{6}$`))
      expect(isRoomCode(c)).toBe(true)
      codes.add(c)
    }
    expect(codes.size).toBeGreaterThan(495)
  })

  it('every symbol is reachable and bytes past the last full cycle are skipped (no modulo bias)', () => {
    // A source yielding 255 (rejected) then a counting sequence.
    let next = 0
    const source = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 255 : next++ % 256))
    const seen = new Set<string>()
    for (let i = 0; i < 20; i++) for (const ch of generateRoomCode(source)) seen.add(ch)
    expect([...seen].sort().join('')).toBe([...ROOM_CODE_ALPHABET].sort().join(''))
  })

  it('a broken random source raises instead of looping forever', () => {
    expect(() => generateRoomCode((n) => new Uint8Array(n).fill(250))).toThrow()
  })

  it('typed codes normalise: lower case, spaces, dashes', () => {
    expect(normalizeRoomCode('k7p2qx')).toBe('K7P2QX')
    expect(normalizeRoomCode(' K7P 2QX ')).toBe('K7P2QX')
    expect(normalizeRoomCode('k7p-2qx')).toBe('K7P2QX')
    expect(normalizeRoomCode('K7P_2Q.X')).toBe('K7P2QX')
  })

  it('non-codes normalise to null', () => {
    for (const s of ['', 'K7P2Q', 'K7P2QXX', 'K7P2Q0', 'K7P2QI', 'hello!', 'my-room']) expect(normalizeRoomCode(s)).toBeNull()
  })
})
