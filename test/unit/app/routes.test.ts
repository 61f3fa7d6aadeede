import { describe, expect, it } from 'vitest'
import { boardPath, parseRoute, tokenFromHash } from '../../../src/app/routes'

describe('parseRoute', () => {
  it('maps / to the lobby and /r/<room> to a board', () => {
    expect(parseRoute('/')).toEqual({ name: 'lobby' })
    expect(parseRoute('/r/K7P2QX')).toEqual({ name: 'board', room: 'K7P2QX' })
    expect(parseRoute('/r/team_board-2.v1/')).toEqual({ name: 'board', room: 'team_board-2.v1' })
  })

  it('refuses room names the server would refuse (CONTRACT §2)', () => {
    for (const p of ['/r/.hidden', '/r/a%20b', '/r/' + 'x'.repeat(129), '/r/', '/r/a/b', '/rooms/abc'])
      expect(parseRoute(p).name).toBe('notFound')
    expect(parseRoute('/r/' + 'x'.repeat(128)).name).toBe('board')
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
