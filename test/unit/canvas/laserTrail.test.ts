import { describe, expect, it } from 'vitest'
import { appendPoint, fadeOf, LASER_TTL_MS, pointAges, pruneTrail } from '../../../src/canvas/laser/trail'
import { parsePresence } from '../../../src/awareness/presence'

describe('laser trail', () => {
  it('keeps only the last second of points', () => {
    let t: number[] = []
    for (let ms = 0; ms <= 3000; ms += 50) t = appendPoint(t, ms, 0, ms)
    const times = t.filter((_, i) => i % 3 === 2)
    expect(times[0]).toBeGreaterThanOrEqual(3000 - LASER_TTL_MS)
    expect(times.at(-1)).toBe(3000)
    expect(times.length).toBe(21)
  })

  it('merges points that come faster than the minimum step, so a second stays small enough for awareness', () => {
    let t: number[] = []
    for (let ms = 0; ms <= 1000; ms += 4) t = appendPoint(t, ms, ms, ms) // 250 Hz pointer
    expect(t.length / 3).toBeLessThanOrEqual(80)
    // and what it produces is a valid awareness laser field
    const s = parsePresence({ user: { name: 'a', color: '#000' }, cursor: null, selection: [], viewport: { x: 0, y: 0, zoom: 1, pageId: 'p' }, following: null, laser: t })
    expect(s?.laser).toEqual(t)
  })

  it('rounds coordinates to 0.1 and times to whole ms (smaller sends)', () => {
    expect(appendPoint([], 1.23456, -7.891, 12.7)).toEqual([1.2, -7.9, 13])
  })

  it('ages points by how far they are behind the newest, plus the time since it arrived — no shared clock needed', () => {
    const trail = [0, 0, 100, 1, 1, 400, 2, 2, 900]
    expect(pointAges(trail, 0)).toEqual([800, 500, 0])
    expect(pointAges(trail, 250)).toEqual([1050, 750, 250])
    expect(pointAges([], 10)).toEqual([])
  })

  it('fades from 1 to 0 over the TTL', () => {
    expect(fadeOf(0)).toBe(1)
    expect(fadeOf(LASER_TTL_MS / 2)).toBeCloseTo(0.5)
    expect(fadeOf(LASER_TTL_MS + 1)).toBe(0)
  })

  it('prunes by time', () => {
    expect(pruneTrail([0, 0, 10, 1, 1, 20, 2, 2, 30], 20)).toEqual([1, 1, 20, 2, 2, 30])
    expect(pruneTrail([0, 0, 10], 11)).toEqual([])
  })
})
