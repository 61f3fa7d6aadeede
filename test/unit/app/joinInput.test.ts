import { describe, expect, it } from 'vitest'
import { ROOM_CODE_ALPHABET as SERVER_ALPHABET, generateRoomCode, normalizeRoomCode } from '../../../server/api/roomCodes'
import { normalizeCode, parseJoinInput, ROOM_CODE_ALPHABET } from '../../../src/app/lobby/joinInput'

describe('join by code input', () => {
  it('uses the same alphabet and normalisation as the server', () => {
    expect(ROOM_CODE_ALPHABET).toBe(SERVER_ALPHABET)
    for (const s of ['k7p2qx', ' K7P 2QX ', 'k7p-2qx', 'K7P2Q0', 'abc', 'aaaaaaa', 'zz-zz-zz']) {
      expect(normalizeCode(s)).toBe(normalizeRoomCode(s))
    }
    for (let i = 0; i < 50; i++) {
      const c = generateRoomCode()
      expect(normalizeCode(c.toLowerCase())).toBe(c)
    }
  })

  it('a typed code in lower case or with spaces and dashes becomes the canonical code', () => {
    expect(parseJoinInput('k7p2qx')).toEqual({ ok: true, room: 'K7P2QX', token: null })
    expect(parseJoinInput('  k7p 2qx ')).toEqual({ ok: true, room: 'K7P2QX', token: null })
    expect(parseJoinInput('K7P-2QX')).toEqual({ ok: true, room: 'K7P2QX', token: null })
  })

  it('a pasted board link gives its room and fragment token', () => {
    expect(parseJoinInput('http://localhost:1234/r/K7P2QX#token=abc.def')).toEqual({ ok: true, room: 'K7P2QX', token: 'abc.def' })
    expect(parseJoinInput('/r/my-room')).toEqual({ ok: true, room: 'my-room', token: null })
    expect(parseJoinInput('http://h:1234/r/org%2Fdoc#token=t')).toEqual({ ok: true, room: 'org/doc', token: 't' })
    expect(parseJoinInput('http://h:1234/r/caf%C3%A9')).toEqual({ ok: true, room: 'café', token: null })
  })

  it('a plain room name is kept as typed', () => {
    expect(parseJoinInput('team-notes')).toEqual({ ok: true, room: 'team-notes', token: null })
    expect(parseJoinInput('org/doc')).toEqual({ ok: true, room: 'org/doc', token: null })
  })

  it('empty and impossible input is refused with a message', () => {
    for (const s of ['', '   ', 'not a room!', 'https://x/r/a%00b', 'https://x/r/%E0%A4%A']) {
      const r = parseJoinInput(s)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0)
    }
  })
})
