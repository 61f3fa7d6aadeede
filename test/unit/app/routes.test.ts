import { describe, expect, it } from 'vitest'
import { boardPath, isRoomName, parseRoute, tokenFromHash } from '../../../src/app/routes'
import { isValidRoomName } from '../../../server/roomName'

describe('parseRoute', () => {
  it('maps / to the lobby and /r/<room> to a board', () => {
    expect(parseRoute('/')).toEqual({ name: 'lobby' })
    expect(parseRoute('/r/K7P2QX')).toEqual({ name: 'board', room: 'K7P2QX' })
    expect(parseRoute('/r/team_board-2.v1/')).toEqual({ name: 'board', room: 'team_board-2.v1' })
  })

  it('takes any room name the server takes, percent-decoded (CONTRACT §2)', () => {
    for (const room of ['org/doc', 'doc:123', 'my doc', 'café', 'test-@y/websocket', '.hidden', 'a?b#c', 'x'.repeat(512)]) {
      expect(parseRoute(boardPath(room))).toEqual({ name: 'board', room })
    }
    expect(parseRoute('/r/org/doc')).toEqual({ name: 'board', room: 'org/doc' })
    expect(parseRoute('/r/my%20doc')).toEqual({ name: 'board', room: 'my doc' })
  })

  it('refuses room names the server would refuse', () => {
    for (const p of ['/r/', '/r/' + 'x'.repeat(513), '/r/a%00b', '/r/a%0Ab', '/rooms/abc']) expect(parseRoute(p).name).toBe('notFound')
  })

  it('agrees with the server on what a room name is', () => {
    for (const name of ['', 'a', 'org/doc', 'é'.repeat(256), 'é'.repeat(257), 'a\u0000b', 'a\u007fb', 'c1\u0085', '🙂'.repeat(128), '🙂'.repeat(129)])
      expect(isRoomName(name), JSON.stringify(name)).toBe(isValidRoomName(name))
  })

  it('a malformed percent-escape is a not-found page, not an exception', () => {
    expect(parseRoute('/r/%E0%A4%A')).toEqual({ name: 'notFound', path: '/r/%E0%A4%A' })
    expect(parseRoute('/r/%')).toEqual({ name: 'notFound', path: '/r/%' })
  })
})

describe('tokens in the fragment', () => {
  it('reads token= and ignores other fragment parameters', () => {
    expect(tokenFromHash('#token=abc.def')).toBe('abc.def')
    expect(tokenFromHash('#x=1&token=t%2B1')).toBe('t+1')
    expect(tokenFromHash('')).toBeNull()
    expect(tokenFromHash('#token=')).toBeNull()
  })

  it('boardPath puts the token after # so it never reaches the server', () => {
    expect(boardPath('K7P2QX')).toBe('/r/K7P2QX')
    const p = boardPath('K7P2QX', 'a+b/c')
    expect(p.split('#')[0]).toBe('/r/K7P2QX')
    expect(tokenFromHash('#' + p.split('#')[1])).toBe('a+b/c')
    expect(parseRoute(p.split('#')[0]!)).toEqual({ name: 'board', room: 'K7P2QX' })
  })
})
