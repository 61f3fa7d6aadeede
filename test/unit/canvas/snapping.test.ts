import { describe, expect, it } from 'vitest'
import { snapMove } from '../../../src/canvas/snapping'

const box = (x: number, y: number, width = 100, height = 50) => ({ x, y, width, height })

describe('snapMove', () => {
  it('snaps a left edge to another left edge within the threshold and draws a guide', () => {
    const r = snapMove(box(204, 300), [box(200, 0, 60, 40)], 6)
    expect(r.dx).toBe(-4)
    expect(r.dy).toBe(0)
    expect(r.guides).toEqual([{ axis: 'x', pos: 200, start: 0, end: 350 }])
  })

  it('snaps centres to centres', () => {
    // moving centre y = 120 + 25 = 145; target centre y = 100 + 50 = 150
    const r = snapMove(box(1000, 120), [box(0, 100, 80, 100)], 6)
    expect(r.dy).toBe(5)
    expect(r.dx).toBe(0)
    expect(r.guides.some((g) => g.axis === 'y' && g.pos === 150)).toBe(true)
  })

  it('snaps a right edge to a left edge (touching boxes)', () => {
    const r = snapMove(box(97, 500), [box(200, 0)], 6) // right edge 197 → 200
    expect(r.dx).toBe(3)
  })

  it('picks the nearest candidate on each axis independently', () => {
    const r = snapMove(box(103, 203), [box(100, 0), box(0, 205)], 6)
    expect(r.dx).toBe(-3)
    expect(r.dy).toBe(2)
  })

  it('does not snap beyond the threshold', () => {
    const r = snapMove(box(210, 300), [box(200, 0)], 6)
    expect(r).toEqual({ dx: 0, dy: 0, guides: [] })
  })

  it('reports a guide for an exact alignment that needs no correction', () => {
    const r = snapMove(box(200, 300), [box(200, 0)], 6)
    expect(r.dx).toBe(0)
    expect(r.guides.length).toBeGreaterThan(0)
  })

  it('does nothing without other items', () => {
    expect(snapMove(box(1, 2), [], 6)).toEqual({ dx: 0, dy: 0, guides: [] })
  })
})
