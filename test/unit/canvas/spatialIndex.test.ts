import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { SpatialIndex } from '../../../src/canvas/items/spatialIndex'
import { intersects, type Rect } from '../../../src/canvas/shapes/geometry'

const sorted = (a: string[]) => [...a].sort()

describe('SpatialIndex', () => {
  it('finds items touching the query area and nothing else', () => {
    const idx = new SpatialIndex(100)
    idx.set('a', { x: 0, y: 0, width: 10, height: 10 })
    idx.set('b', { x: 500, y: 500, width: 10, height: 10 })
    idx.set('c', { x: 95, y: 95, width: 20, height: 20 }) // spans four cells
    expect(sorted(idx.query({ x: -5, y: -5, width: 120, height: 120 }))).toEqual(['a', 'c'])
    expect(idx.query({ x: 200, y: 200, width: 100, height: 100 })).toEqual([])
    expect(idx.query({ x: 505, y: 505, width: 1, height: 1 })).toEqual(['b'])
  })

  it('updates incrementally: moving an item moves it between buckets', () => {
    const idx = new SpatialIndex(100)
    idx.set('a', { x: 0, y: 0, width: 10, height: 10 })
    idx.set('a', { x: 1000, y: 1000, width: 10, height: 10 })
    expect(idx.query({ x: 0, y: 0, width: 50, height: 50 })).toEqual([])
    expect(idx.query({ x: 990, y: 990, width: 50, height: 50 })).toEqual(['a'])
    expect(idx.size).toBe(1)
    expect(idx.delete('a')).toBe(true)
    expect(idx.query({ x: 990, y: 990, width: 50, height: 50 })).toEqual([])
    expect(idx.delete('a')).toBe(false)
  })

  it('a small move within the cells an item covers leaves its buckets alone', () => {
    const idx = new SpatialIndex(512)
    for (let i = 0; i < 300; i++) idx.set(`r${i}`, { x: i * 1024 + 10, y: 10, width: 120, height: 90 })
    const added = vi.spyOn(Set.prototype, 'add')
    const removed = vi.spyOn(Set.prototype, 'delete')
    try {
      added.mockClear()
      removed.mockClear()
      for (let i = 0; i < 300; i++) idx.set(`r${i}`, { x: i * 1024 + 17, y: 7, width: 121, height: 90 })
      const calls = [added.mock.calls.length, removed.mock.calls.length]
      // before: each item taken out of its bucket and put back (a nudge of 10,000 did it 10,000 times)
      expect(calls).toEqual([0, 0])
    } finally {
      added.mockRestore()
      removed.mockRestore()
    }
    expect(idx.get('r5')).toEqual({ x: 5137, y: 7, width: 121, height: 90 })
    expect(idx.query({ x: 5120, y: 0, width: 18, height: 8 })).toEqual(['r5'])
    expect(idx.query({ x: 5120, y: 0, width: 16, height: 5 })).toEqual([])
    // across a cell edge it moves between buckets as before
    idx.set('r0', { x: 500, y: 10, width: 120, height: 90 })
    expect(idx.query({ x: 600, y: 50, width: 1, height: 1 })).toEqual(['r0'])
  })

  it('keeps huge items in the large list and still finds them', () => {
    const idx = new SpatialIndex(10, 4)
    idx.set('huge', { x: -1e6, y: -1e6, width: 2e6, height: 2e6 })
    expect(idx.query({ x: 5, y: 5, width: 1, height: 1 })).toEqual(['huge'])
    idx.set('huge', { x: 0, y: 0, width: 1, height: 1 })
    expect(idx.query({ x: 500, y: 500, width: 1, height: 1 })).toEqual([])
  })

  it('agrees with a brute-force scan after random sets and deletes', () => {
    const rect = fc.record({
      x: fc.integer({ min: -2000, max: 2000 }),
      y: fc.integer({ min: -2000, max: 2000 }),
      width: fc.integer({ min: 0, max: 1500 }),
      height: fc.integer({ min: 0, max: 1500 }),
    })
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 0, max: 30 }), r: rect }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 30 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.array(rect, { minLength: 1, maxLength: 5 }), (ops, queries) => {
        const idx = new SpatialIndex(256, 16)
        const truth = new Map<string, Rect>()
        for (const o of ops) {
          if (o.kind === 'set') {
            idx.set(String(o.id), o.r)
            truth.set(String(o.id), o.r)
          } else {
            idx.delete(String(o.id))
            truth.delete(String(o.id))
          }
        }
        for (const q of queries) {
          const expected = [...truth].filter(([, r]) => intersects(r, q)).map(([id]) => id)
          expect(sorted(idx.query(q))).toEqual(sorted(expected))
        }
      }),
      { seed: 42, numRuns: 200 },
    )
  })
})
