import { describe, expect, it } from 'vitest'
import { derivePeers, initials, peersSelectingOn, spotlightPeer, visibleCursors } from '../../../src/awareness/peers'
import { createCursorActivity } from '../../../src/awareness/cursorActivity'

const state = (name: string, extra: Record<string, unknown> = {}) => ({
  user: { name, color: '#1971c2' },
  cursor: { x: 1, y: 2, pageId: 'page-1' },
  selection: [],
  viewport: { x: 0, y: 0, zoom: 1, pageId: 'page-1' },
  following: null,
  ...extra,
})

describe('derivePeers', () => {
  it('lists valid remote states sorted by clientID, without self and without malformed ones', () => {
    const states = new Map<number, unknown>([
      [30, state('Cee')],
      [1, state('Me')],
      [20, state('Bee')],
      [25, { user: { name: 'Broken' } }],
      [26, {}],
      [27, 'garbage'],
    ])
    const peers = derivePeers(states, 1)
    expect(peers.map((p) => [p.clientId, p.user.name])).toEqual([
      [20, 'Bee'],
      [30, 'Cee'],
    ])
  })

  it('filters cursors by page and idleness', () => {
    const peers = derivePeers(
      new Map<number, unknown>([
        [2, state('A')],
        [3, state('B', { cursor: { x: 0, y: 0, pageId: 'page-2' } })],
        [4, state('C', { cursor: null })],
        [5, state('D')],
      ]),
      1,
    )
    const moved = new Map([
      [2, 10_000],
      [5, 1_000],
    ])
    expect(visibleCursors(peers, 'page-1', moved, 12_000).map((p) => p.clientId)).toEqual([2])
    expect(visibleCursors(peers, 'page-2', moved, 12_000).map((p) => p.clientId)).toEqual([3])
  })

  it('finds selections on a page and the presenter', () => {
    const peers = derivePeers(
      new Map<number, unknown>([
        [2, state('A', { selection: ['x'] })],
        [3, state('B', { selection: ['y'], viewport: { x: 0, y: 0, zoom: 1, pageId: 'page-2' } })],
        [4, state('C', { spotlight: true })],
        [5, state('D', { spotlight: true })],
      ]),
      1,
    )
    expect(peersSelectingOn(peers, 'page-1').map((p) => p.clientId)).toEqual([2])
    expect(spotlightPeer(peers)?.clientId).toBe(4)
    expect(spotlightPeer(peers.slice(0, 2))).toBeNull()
  })

  it('makes initials', () => {
    expect(initials('Quick Otter')).toBe('QO')
    expect(initials('ada')).toBe('AD')
    expect(initials('  ')).toBe('?')
    expect(initials('Jean Luc Picard')).toBe('JP')
  })
})

describe('cursor activity', () => {
  it('tracks the time of the last real move per peer and forgets peers that left', () => {
    const act = createCursorActivity()
    const peers = (x: number) => derivePeers(new Map<number, unknown>([[2, state('A', { cursor: { x, y: 0, pageId: 'page-1' } })]]), 1)
    act.update(peers(1), 100)
    act.update(peers(1), 5_000) // heartbeat, same position
    expect(act.lastMoved().get(2)).toBe(100)
    act.update(peers(2), 6_000)
    expect(act.lastMoved().get(2)).toBe(6_000)
    act.update([], 7_000)
    expect(act.lastMoved().has(2)).toBe(false)
  })
})
