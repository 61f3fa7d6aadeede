import { describe, expect, it } from 'vitest'
import { createRosterTracker } from '../../../src/awareness/roster'
import type { Peer } from '../../../src/awareness/types'

const peer = (clientId: number, name: string): Peer => ({
  clientId,
  user: { name, color: '#000000' },
  cursor: null,
  selection: [],
  viewport: { x: 0, y: 0, zoom: 1, pageId: 'page-1' },
  following: null,
})

describe('roster tracker', () => {
  it('announces joins and leaves while connected, silently learns the users present at connect', () => {
    const r = createRosterTracker(1_000, 1_500, 2_000)
    expect(r.update([peer(2, 'Ann')], 0, 100)).toEqual([])
    expect(r.update([peer(2, 'Ann'), peer(3, 'Ben')], 0, 2_000)).toEqual([{ type: 'joined', clientId: 3, name: 'Ben' }])
    expect(r.update([peer(3, 'Ben')], 0, 3_000)).toEqual([]) // maybe just a reconnect
    expect(r.update([peer(3, 'Ben')], 0, 5_000)).toEqual([{ type: 'left', clientId: 2, name: 'Ann' }])
    expect(r.update([peer(3, 'Ben')], 0, 9_000)).toEqual([])
  })

  it('does not announce a leave when the user comes back quickly, or when we drop right after', () => {
    const r = createRosterTracker(1_000, 1_500, 2_000)
    r.update([peer(2, 'Ann')], 0, 5_000)
    expect(r.update([], 0, 6_000)).toEqual([])
    expect(r.update([peer(2, 'Ann')], 0, 6_500)).toEqual([])
    expect(r.update([peer(2, 'Ann')], 0, 9_000)).toEqual([])
    expect(r.update([], 0, 10_000)).toEqual([]) // server closed their socket first…
    expect(r.update([], null, 10_100)).toEqual([]) // …then ours
    expect(r.update([], 12_000, 13_500)).toEqual([]) // Ann reconnects later than us
    expect(r.update([peer(2, 'Ann')], 12_000, 13_600)).toEqual([])
    expect(r.update([peer(2, 'Ann')], 12_000, 20_000)).toEqual([])
  })

  it('stays quiet through a reconnect', () => {
    const r = createRosterTracker(1_000, 1_500, 2_000)
    r.update([peer(2, 'Ann')], 0, 5_000)
    expect(r.update([], null, 6_000)).toEqual([]) // socket closed: all remote states dropped
    expect(r.update([], 7_000, 7_000)).toEqual([])
    expect(r.update([peer(2, 'Ann')], 7_000, 7_200)).toEqual([])
    expect(r.update([peer(2, 'Ann')], 7_000, 9_000)).toEqual([])
  })
})
