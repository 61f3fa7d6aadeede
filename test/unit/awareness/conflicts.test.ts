import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { conflictNotice, peerEditingAny, peersEditingOn } from '../../../src/awareness/conflicts'
import { derivePeers } from '../../../src/awareness/peers'
import { MAX_LASER_POINTS, parsePresence, updateLocalPresence } from '../../../src/awareness/presence'
import { MAX_PUBLISHED_IDS, stateFromStore } from '../../../src/awareness/publish'

const valid = {
  user: { name: 'Quick Otter', color: '#e03131' },
  cursor: { x: 10, y: 20, pageId: 'page-1' },
  selection: ['a'],
  viewport: { x: 0, y: 0, zoom: 1, pageId: 'page-1' },
  following: null,
}

describe('awareness laser and editing fields', () => {
  it('keeps a well-formed laser trail and editing list', () => {
    const s = parsePresence({ ...valid, laser: [1, 2, 0, 3, 4, 16], editing: ['a', 'b'] })
    expect(s?.laser).toEqual([1, 2, 0, 3, 4, 16])
    expect(s?.editing).toEqual(['a', 'b'])
  })

  it('drops a malformed laser or editing field but keeps the rest of the state', () => {
    const bad: unknown[] = [[1, 2], [1, 2, 'x'], [1, NaN, 0], [1, 2, -5], 'laser', new Array((MAX_LASER_POINTS + 1) * 3).fill(0)]
    for (const laser of bad) {
      const s = parsePresence({ ...valid, laser })
      expect(s, JSON.stringify(laser).slice(0, 40)).not.toBeNull()
      expect(s?.laser).toBeUndefined()
      expect(s?.cursor).toEqual(valid.cursor)
    }
    for (const editing of [[1], [''], 'a', [{}]]) {
      const s = parsePresence({ ...valid, editing })
      expect(s).not.toBeNull()
      expect(s?.editing).toBeUndefined()
    }
  })

  it('empty laser/editing lists are left out of the published state', () => {
    const aw = new Awareness(new Y.Doc())
    updateLocalPresence(aw, { ...valid, editing: ['a'] })
    expect(aw.getLocalState()).toHaveProperty('editing', ['a'])
    expect(updateLocalPresence(aw, { editing: [] })).toBe(true)
    expect(aw.getLocalState()).not.toHaveProperty('editing')
    expect(updateLocalPresence(aw, { editing: [] })).toBe(false)
    aw.destroy()
  })

  it('what is dragged and what is typed in are both published as editing', () => {
    const base = { selection: [], pageId: 'p', camera: { x: 0, y: 0, zoom: 1 }, pointer: null }
    expect(stateFromStore({ ...base, gestureIds: ['a', 'b'], editingId: null }).editing).toEqual(['a', 'b'])
    expect(stateFromStore({ ...base, gestureIds: [], editingId: 't' }).editing).toEqual(['t'])
    expect(stateFromStore(base).editing).toEqual([])
  })

  it('a selection of 10,000 items is published as its first MAX_PUBLISHED_IDS ids, so each cursor send stays small', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `item-${i}`)
    const base = { selection: ids, pageId: 'p', camera: { x: 0, y: 0, zoom: 1 }, pointer: { x: 1, y: 2 }, gestureIds: ids }
    const s = stateFromStore(base)
    expect(s.selection).toEqual(ids.slice(0, MAX_PUBLISHED_IDS))
    expect(s.editing).toEqual(ids.slice(0, MAX_PUBLISHED_IDS))
    expect(JSON.stringify(s).length).toBeLessThan(10_000)
  })
})

describe('conflicts', () => {
  const states = new Map<number, unknown>([
    [1, { ...valid, editing: ['x'] }],
    [2, { ...valid, user: { name: 'Ada', color: '#1971c2' }, editing: ['y'], viewport: { ...valid.viewport, pageId: 'page-2' } }],
    [3, { ...valid }],
  ])
  const peers = derivePeers(states, 99)

  it('lists the peers editing on a page', () => {
    expect(peersEditingOn(peers, 'page-1').map((p) => p.clientId)).toEqual([1])
    expect(peersEditingOn(peers, 'page-2').map((p) => p.clientId)).toEqual([2])
  })

  it('finds who else has an item in hand', () => {
    expect(peerEditingAny(peers, ['q', 'y'])?.user.name).toBe('Ada')
    expect(peerEditingAny(peers, ['q'])).toBeNull()
    expect(peerEditingAny(peers, [])).toBeNull()
  })

  it('names them in the notice', () => {
    expect(conflictNotice('Ada', false)).toMatch(/^Ada is moving this too/)
    expect(conflictNotice('Ada', true)).toMatch(/^Ada is typing here too/)
  })
})
