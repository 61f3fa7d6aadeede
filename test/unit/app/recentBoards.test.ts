import { describe, expect, it } from 'vitest'
import {
  findRecentBoard,
  forgetBoard,
  type KeyValueStorage,
  loadRecentBoards,
  MAX_RECENT_BOARDS,
  RECENT_BOARDS_KEY,
  rememberBoard,
  renameRecentBoard,
} from '../../../src/app/recentBoards'
import { decodeTokenClaims } from '../../../src/app/share/tokenClaims'
import { signToken } from '../../../server/auth/tokens'

/** A Web Storage stand-in backed by a Map (node has no localStorage). */
function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)) }
}

describe('recent boards', () => {
  it('starts empty and remembers a visit', () => {
    const s = memoryStorage()
    expect(loadRecentBoards(s)).toEqual([])
    rememberBoard({ room: 'AAAAAA', title: 'One', role: 'owner', token: 'tok-o', editorToken: 'tok-e', viewerToken: 'tok-v' }, s, 1000)
    expect(loadRecentBoards(s)).toEqual([
      { room: 'AAAAAA', title: 'One', role: 'owner', token: 'tok-o', lastOpened: 1000, editorToken: 'tok-e', viewerToken: 'tok-v' },
    ])
  })

  it('keeps the 15 most recent, newest first', () => {
    const s = memoryStorage()
    for (let i = 0; i < 20; i++) rememberBoard({ room: `room-${i}`, title: `T${i}` }, s, 1000 + i)
    const list = loadRecentBoards(s)
    expect(list).toHaveLength(MAX_RECENT_BOARDS)
    expect(list[0]!.room).toBe('room-19')
    expect(list.at(-1)!.room).toBe('room-5')
  })

  it('re-opening a board moves it to the top without duplicating it', () => {
    const s = memoryStorage()
    rememberBoard({ room: 'A' }, s, 1)
    rememberBoard({ room: 'B' }, s, 2)
    rememberBoard({ room: 'A' }, s, 3)
    expect(loadRecentBoards(s).map((b) => [b.room, b.lastOpened])).toEqual([
      ['A', 3],
      ['B', 2],
    ])
  })

  it('a weaker or missing token never replaces a stronger one; a stronger one does', () => {
    const s = memoryStorage()
    rememberBoard({ room: 'A', title: 'Mine', role: 'owner', token: 'owner-t', editorToken: 'e', viewerToken: 'v' }, s, 1)
    rememberBoard({ room: 'A', role: 'viewer', token: 'viewer-t' }, s, 2)
    rememberBoard({ room: 'A', token: null }, s, 3)
    expect(findRecentBoard('A', s)).toMatchObject({ title: 'Mine', role: 'owner', token: 'owner-t', editorToken: 'e', viewerToken: 'v', lastOpened: 3 })
    rememberBoard({ room: 'B', role: 'viewer', token: 'v1' }, s, 4)
    rememberBoard({ room: 'B', role: 'editor', token: 'e1' }, s, 5)
    expect(findRecentBoard('B', s)).toMatchObject({ role: 'editor', token: 'e1' })
  })

  it('forgets and renames boards', () => {
    const s = memoryStorage()
    rememberBoard({ room: 'A', title: 'a' }, s, 1)
    rememberBoard({ room: 'B', title: 'b' }, s, 2)
    renameRecentBoard('A', 'renamed', s)
    expect(findRecentBoard('A', s)).toMatchObject({ title: 'renamed', lastOpened: 1 })
    forgetBoard('A', s)
    expect(loadRecentBoards(s).map((b) => b.room)).toEqual(['B'])
  })

  it('corrupt storage is ignored, never thrown', () => {
    const s = memoryStorage()
    s.setItem(RECENT_BOARDS_KEY, '{not json')
    expect(loadRecentBoards(s)).toEqual([])
    s.setItem(RECENT_BOARDS_KEY, JSON.stringify({ room: 'x' }))
    expect(loadRecentBoards(s)).toEqual([])
    s.setItem(RECENT_BOARDS_KEY, JSON.stringify([{ room: 'ok', title: '', role: null, token: null, lastOpened: 1 }, { room: 5 }, null]))
    expect(loadRecentBoards(s).map((b) => b.room)).toEqual(['ok'])
  })

  it('a storage that throws on write does not break remembering', () => {
    const s: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => rememberBoard({ room: 'A' }, s)).not.toThrow()
    expect(loadRecentBoards(null)).toEqual([])
  })
})

describe('token claims in the browser', () => {
  it('reads room, role and expiry from a server token without verifying it', () => {
    const token = signToken(Buffer.alloc(32, 7), { room: 'K7P2QX', role: 'viewer', now: 1_000_000, ttlSeconds: 60 })
    expect(decodeTokenClaims(token)).toEqual({ room: 'K7P2QX', role: 'viewer', exp: 1060 })
  })

  it('anything else decodes to null', () => {
    for (const t of [null, '', 'abc', '!!!.x', `${btoa('{"room":1}')}.x`, `${btoa('"str"')}.x`]) expect(decodeTokenClaims(t)).toBeNull()
  })
})
