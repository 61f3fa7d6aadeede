import { describe, expect, it } from 'vitest'
import { anchorPoint, bindingAt, boxOfAbsolute, edgePoint, resolveBoundPoints, withResolvedEnds, BIND_GAP, type BindTarget } from '../../../src/canvas/shapes/bindings'

const box = (x: number, y: number, w = 100, h = 100, type: BindTarget['type'] = 'rect', rotation = 0): BindTarget => ({ type, x, y, width: w, height: h, rotation })

describe('binding geometry', () => {
  it('an anchor is a point in the target box, rotation included', () => {
    expect(anchorPoint(box(0, 0), [0.5, 0.5])).toEqual({ x: 50, y: 50 })
    const p = anchorPoint(box(0, 0, 100, 100, 'rect', 90), [1, 0])
    expect(p.x).toBeCloseTo(0)
    expect(p.y).toBeCloseTo(100)
  })

  it('a tip released near the centre binds to the centre, elsewhere to that very point', () => {
    expect(bindingAt(box(0, 0), 'a', { x: 55, y: 40 })).toEqual({ itemId: 'a', anchor: [0.5, 0.5] })
    expect(bindingAt(box(0, 0), 'a', { x: 5, y: 90 })).toEqual({ itemId: 'a', anchor: [0.05, 0.9] })
  })

  it('a bound tip stops at the rectangle outline, a gap short of it', () => {
    const p = edgePoint(box(100, 0), { x: 0, y: 50 }, { x: 150, y: 50 })
    expect(p.x).toBeCloseTo(100 - BIND_GAP)
    expect(p.y).toBeCloseTo(50)
  })

  it('a bound tip stops at an ellipse curve, not at its box', () => {
    // diagonal approach: the box corner is at (100,0); the ellipse curve is further in
    const t = box(100, 0, 100, 100, 'ellipse')
    const p = edgePoint(t, { x: 0, y: -100 }, { x: 150, y: 50 }, 0)
    const nx = (p.x - 150) / 50
    const ny = (p.y - 50) / 50
    expect(nx * nx + ny * ny).toBeCloseTo(1, 5)
  })

  it('a tip starting inside the target goes to the anchor', () => {
    expect(edgePoint(box(0, 0), { x: 10, y: 10 }, { x: 50, y: 50 })).toEqual({ x: 50, y: 50 })
  })

  it('an arrow bound at both ends runs between the two outlines, whatever its stored points say', () => {
    const targets: Record<string, BindTarget> = { a: box(0, 0), b: box(300, 0) }
    const arrow = { x: 999, y: 999, points: [0, 0, 10, 10], startBinding: { itemId: 'a', anchor: [0.5, 0.5] as [number, number] }, endBinding: { itemId: 'b', anchor: [0.5, 0.5] as [number, number] } }
    const abs = resolveBoundPoints(arrow, (id) => targets[id])!
    expect(abs[0]).toBeCloseTo(100 + BIND_GAP)
    expect(abs[1]).toBeCloseTo(50)
    expect(abs[2]).toBeCloseTo(300 - BIND_GAP)
    expect(abs[3]).toBeCloseTo(50)
    // the target moves: the end follows
    targets.b = box(300, 200)
    const moved = resolveBoundPoints(arrow, (id) => targets[id])!
    expect(moved[3]).toBeGreaterThan(150)
  })

  it('a binding to a missing item is ignored: the stored points are drawn', () => {
    const arrow = { x: 5, y: 5, points: [0, 0, 10, 10], startBinding: { itemId: 'gone', anchor: [0.5, 0.5] as [number, number] } }
    expect(resolveBoundPoints(arrow, () => undefined)).toBeNull()
    const item = { ...arrow, width: 10, height: 10, rotation: 0 }
    expect(withResolvedEnds(item, () => undefined)).toBe(item)
  })

  it('a bent arrow keeps its middle point and stops its bound end at the outline (aimed along the curve: unit depth/curve)', () => {
    const targets: Record<string, BindTarget> = { b: box(200, 200) }
    const arrow = { x: 0, y: 0, points: [0, 0, 250, 0, 260, 260], endBinding: { itemId: 'b', anchor: [0.5, 0.5] as [number, number] } }
    const abs = resolveBoundPoints(arrow, (id) => targets[id])!
    expect(abs.slice(0, 4)).toEqual([0, 0, 250, 0])
    expect(abs[5]).toBeLessThan(200) // came from above: stops at the top edge, a gap short of it
    expect(abs[5]).toBeGreaterThanOrEqual(200 - BIND_GAP - 1e-9)
  })

  it('resolved points are stored as a box with relative points', () => {
    expect(boxOfAbsolute([10, 20, 30, 5])).toEqual({ x: 10, y: 5, width: 20, height: 15, points: [0, 15, 20, 0] })
  })
})
