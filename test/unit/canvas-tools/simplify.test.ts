import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { simplifyPoints } from '../../../src/canvas/simplify'

describe('simplifyPoints (Ramer–Douglas–Peucker)', () => {
  it('keeps the end points of a straight run and drops the middle', () => {
    expect(simplifyPoints([0, 0, 1, 0, 2, 0, 3, 0, 10, 0], 0.5)).toEqual([0, 0, 10, 0])
  })

  it('keeps a corner', () => {
    expect(simplifyPoints([0, 0, 5, 0, 10, 0, 10, 5, 10, 10], 0.5)).toEqual([0, 0, 10, 0, 10, 10])
  })

  it('keeps points that deviate more than the tolerance, drops those within', () => {
    expect(simplifyPoints([0, 0, 5, 0.4, 10, 0], 0.5)).toEqual([0, 0, 10, 0])
    expect(simplifyPoints([0, 0, 5, 0.6, 10, 0], 0.5)).toEqual([0, 0, 5, 0.6, 10, 0])
  })

  it('leaves one or two points alone and drops a dangling coordinate', () => {
    expect(simplifyPoints([], 1)).toEqual([])
    expect(simplifyPoints([1, 2], 1)).toEqual([1, 2])
    expect(simplifyPoints([1, 2, 3, 4, 5], 1)).toEqual([1, 2, 3, 4])
  })

  it('handles a closed loop (first = last point)', () => {
    const out = simplifyPoints([0, 0, 10, 0, 10, 10, 0, 10, 0, 0], 0.5)
    expect(out.length).toBeGreaterThanOrEqual(8)
    expect(out.slice(0, 2)).toEqual([0, 0])
    expect(out.slice(-2)).toEqual([0, 0])
  })

  it('does not overflow the stack on a long stroke', () => {
    const pts: number[] = []
    for (let i = 0; i < 12_000; i++) pts.push(i, (i % 2) * 3) // worst case: every point is kept
    expect(simplifyPoints(pts, 1).length).toBe(pts.length)
  })

  it('property: output is a subsequence keeping both ends, and every dropped point lies within tolerance of the result', () => {
    const pt = fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }))
    fc.assert(
      fc.property(fc.array(pt, { minLength: 2, maxLength: 60 }), fc.double({ min: 0.1, max: 20, noNaN: true }), (pairs, tol) => {
        const flat = pairs.flat()
        const out = simplifyPoints(flat, tol)
        expect(out.slice(0, 2)).toEqual(flat.slice(0, 2))
        expect(out.slice(-2)).toEqual(flat.slice(-2))
        // subsequence
        let j = 0
        for (let i = 0; i < flat.length && j < out.length; i += 2) if (flat[i] === out[j] && flat[i + 1] === out[j + 1]) j += 2
        expect(j).toBe(out.length)
        // each dropped point is within tol of the polyline
        for (let i = 0; i < flat.length; i += 2) expect(distToPolyline(flat[i]!, flat[i + 1]!, out)).toBeLessThanOrEqual(tol + 1e-9)
      }),
    )
  })
})

function distToPolyline(px: number, py: number, p: number[]): number {
  let best = Infinity
  for (let i = 0; i + 3 < p.length; i += 2) {
    const ax = p[i]!, ay = p[i + 1]!, bx = p[i + 2]!, by = p[i + 3]!
    const dx = bx - ax, dy = by - ay
    const len2 = dx * dx + dy * dy
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
    best = Math.min(best, Math.hypot(ax + t * dx - px, ay + t * dy - py))
  }
  if (p.length === 2) best = Math.hypot(px - p[0]!, py - p[1]!)
  return best
}
