import { describe, expect, it } from 'vitest'
import type Konva from 'konva'
import type { Context } from 'konva/lib/Context'
import type { Item } from '../../../src/doc'
import { endTangents, isBent, linearBox, quadAt, quadOf, sampleQuad, subQuad, trimParam, type Pt } from '../../../src/canvas/shapes/curve'
import { paintLinear } from '../../../src/canvas/shapes/linearPaint'
import { localBox, paintBounds } from '../../../src/canvas/shapes/bounds'
import { sketchOf } from '../../../src/canvas/shapes/sketch'
import { exportSvg } from '../../../src/canvas/export/svg'
import { itemBounds as exportBounds } from '../../../src/canvas/export/bounds'
import { resolveBoundPoints, BIND_GAP, type BindTarget } from '../../../src/canvas/shapes/bindings'

// a strongly bent arrow: from (0,0) to (400,0), its bend handle dragged to (200,200)
const BENT = [0, 0, 200, 200, 400, 0]
// a lopsided one whose curve bulges past its points on the left
const LOPSIDED = [0, 0, 0, 100, 200, 0]

const dist = (a: Pt, b: Pt) => Math.hypot(a.x - b.x, a.y - b.y)
const unit = (from: Pt, to: Pt): Pt => {
  const d = dist(from, to)
  return { x: (to.x - from.x) / d, y: (to.y - from.y) / d }
}
/** Distance from p to the nearest of many points along the curve. */
const offCurve = (points: number[], p: Pt) => Math.min(...sampleQuad(quadOf(points), 2000).map((s) => dist(s, p)))

/** A Konva context and shape stand-in that records the path a sceneFunc traces. */
function record(attrs: Record<string, unknown>) {
  const calls: { op: string; args: number[] }[] = []
  const ctx = new Proxy({}, { get: (_t, op: string) => (...args: number[]) => void calls.push({ op, args }) }) as unknown as Context
  const shape = { getAttr: (k: string) => attrs[k], strokeWidth: () => 2 } as unknown as Konva.Shape
  return { ctx, shape, calls }
}

describe('a bent line or arrow is a curve through its bend handle', () => {
  it('three points are a curve; two or four and more stay straight segments', () => {
    expect(isBent(BENT)).toBe(true)
    expect(isBent([0, 0, 10, 10])).toBe(false)
    expect(isBent([0, 0, 10, 10, 20, 0, 30, 10])).toBe(false)
  })

  it('the curve starts and ends at the tips and passes through the handle halfway', () => {
    const q = quadOf(BENT)
    expect(quadAt(q, 0)).toEqual({ x: 0, y: 0 })
    expect(quadAt(q, 1)).toEqual({ x: 400, y: 0 })
    expect(quadAt(q, 0.5)).toEqual({ x: 200, y: 200 })
    // and is not the two straight segments through it: at a quarter it is 35 units off the first one
    const quarter = quadAt(q, 0.25)
    expect(Math.abs(quarter.y - quarter.x) / Math.SQRT2).toBeGreaterThan(30)
  })

  it('each end is aimed along the curve: the head direction is the tangent at that end', () => {
    const q = quadOf(BENT)
    const t = endTangents(BENT)
    const h = 1e-6
    const endDir = unit(quadAt(q, 1 - h), quadAt(q, 1))
    const headDir = unit(t.end.from, t.end.tip)
    expect(headDir.x).toBeCloseTo(endDir.x, 4)
    expect(headDir.y).toBeCloseTo(endDir.y, 4)
    const startDir = unit(quadAt(q, h), quadAt(q, 0))
    const startHead = unit(t.start.from, t.start.tip)
    expect(startHead.x).toBeCloseTo(startDir.x, 4)
    expect(startHead.y).toBeCloseTo(startDir.y, 4)
    // the straight case keeps aiming from the neighbouring point
    expect(endTangents([0, 0, 10, 0, 10, 10, 20, 10]).end.from).toEqual({ x: 10, y: 10 })
  })

  it('its box is the curve’s own extent, which may bulge past the points', () => {
    for (const pts of [BENT, LOPSIDED]) {
      const b = linearBox(pts)
      const s = sampleQuad(quadOf(pts), 4000)
      const xs = s.map((p) => p.x)
      const ys = s.map((p) => p.y)
      expect(b.minX).toBeCloseTo(Math.min(...xs), 3)
      expect(b.minX + b.width).toBeCloseTo(Math.max(...xs), 3)
      expect(b.minY).toBeCloseTo(Math.min(...ys), 3)
      expect(b.minY + b.height).toBeCloseTo(Math.max(...ys), 3)
    }
    expect(linearBox(LOPSIDED).minX).toBeCloseTo(-25, 6) // left of every point
    // the editor's bounds (culling, marquee, outlines) use it too
    const placed = { type: 'arrow' as const, x: 100, y: 100, width: 200, height: 100, rotation: 0, strokeWidth: 2, points: LOPSIDED }
    expect(localBox(placed).x).toBeCloseTo(-25, 6)
    expect(paintBounds(placed).x).toBeLessThan(100 - 25)
    expect(localBox({ ...placed, type: 'path' }).x).toBe(0) // pen paths are unchanged
  })

  it('a line stops inside an arrowhead along the curve, never past its middle', () => {
    const q = quadOf(BENT)
    const t0 = trimParam(q, 12, true)
    const t1 = trimParam(q, 12, false)
    expect(dist(quadAt(q, t0), { x: 0, y: 0 })).toBeCloseTo(12, 3)
    expect(dist(quadAt(q, t1), { x: 400, y: 0 })).toBeCloseTo(12, 3)
    expect(trimParam(quadOf([0, 0, 2, 2, 4, 0]), 50, true)).toBe(0.5)
    // a piece of the curve lies on the curve
    const part = subQuad(q, t0, t1)
    for (const s of sampleQuad(part, 20)) expect(offCurve(BENT, s)).toBeLessThan(0.5)
  })

  it('the canvas (and its hit test, the same function) traces the curve, heads along the tangents', () => {
    const { ctx, shape, calls } = record({ points: BENT, heads: { start: 'none', end: 'arrow' } })
    paintLinear(ctx, shape)
    const curve = calls.find((c) => c.op === 'quadraticCurveTo')
    expect(curve).toBeDefined()
    expect(calls.filter((c) => c.op === 'lineTo').length).toBe(2) // only the arrowhead's two sides
    const start = calls.find((c) => c.op === 'moveTo')!.args
    expect(start).toEqual([0, 0])
    // the head: its tip at the end, its base centred on the tangent line behind it
    const moves = calls.filter((c) => c.op === 'moveTo')
    const tip = moves[1]!.args
    expect(tip).toEqual([400, 0])
    const sides = calls.filter((c) => c.op === 'lineTo').map((c) => ({ x: c.args[0]!, y: c.args[1]! }))
    const base = { x: (sides[0]!.x + sides[1]!.x) / 2, y: (sides[0]!.y + sides[1]!.y) / 2 }
    const t = endTangents(BENT)
    const want = unit(t.end.from, t.end.tip)
    const got = unit(base, { x: 400, y: 0 })
    expect(got.x).toBeCloseTo(want.x, 6)
    expect(got.y).toBeCloseTo(want.y, 6)
  })

  it('the hand-drawn style follows the same curve', () => {
    const sk = sketchOf({ kind: 'linear', points: BENT, strokeWidth: 2, heads: { start: 'none', end: 'none' } }, 5)
    const samples: Pt[] = []
    for (const set of sk.sets) {
      let at: Pt = { x: 0, y: 0 }
      for (const { op, data: d } of set.ops) {
        if (op === 'move') at = { x: d[0]!, y: d[1]! }
        else if (op === 'bcurveTo') {
          for (let i = 0; i <= 20; i++) {
            const t = i / 20
            const a = (1 - t) ** 3, b = 3 * t * (1 - t) ** 2, c = 3 * t * t * (1 - t), e = t ** 3
            samples.push({ x: a * at.x + b * d[0]! + c * d[2]! + e * d[4]!, y: a * at.y + b * d[1]! + c * d[3]! + e * d[5]! })
          }
          at = { x: d[4]!, y: d[5]! }
        }
      }
    }
    expect(samples.length).toBeGreaterThan(0)
    // every stroke stays near the curve, and the strokes reach its quarter point (the polyline is 35 units away)
    for (const s of samples) expect(offCurve(BENT, s)).toBeLessThan(10)
    const quarter = quadAt(quadOf(BENT), 0.25)
    expect(Math.min(...samples.map((s) => dist(s, quarter)))).toBeLessThan(6)
  })

  it('SVG and PNG export draw the curve, heads along the tangent, inside the exported bounds', () => {
    const arrow: Item = { id: 'a1', type: 'arrow', pageId: 'p', index: 'a0', x: 100, y: 100, width: 200, height: 100, rotation: 0, opacity: 1, fill: 'transparent', stroke: '#1e1e1e', strokeWidth: 2, points: LOPSIDED }
    const { svg, bounds } = exportSvg([arrow], { padding: 0 })
    const q = quadOf(LOPSIDED)
    expect(svg).toContain(`<path d="M0 0Q${q.cx} ${q.cy} 200 0"`)
    expect(svg).not.toContain('<polyline')
    // the curve bulges to x = 75 in the scene: the export's box reaches it
    expect(bounds.x).toBeLessThanOrEqual(75)
    expect(exportBounds(arrow).x).toBeLessThanOrEqual(75 - 1)
    // the arrowhead: a triangle with its tip at the end, its axis on the end tangent
    const head = /<path d="M200 0L([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)Z"/.exec(svg)
    expect(head).not.toBeNull()
    const [, ax, ay, bx, by] = head!.map(Number)
    const got = unit({ x: (ax! + bx!) / 2, y: (ay! + by!) / 2 }, { x: 200, y: 0 })
    const want = unit({ x: q.cx, y: q.cy }, { x: 200, y: 0 })
    expect(got.x).toBeCloseTo(want.x, 2)
    expect(got.y).toBeCloseTo(want.y, 2)
  })
})

describe('a bent arrow bound to a shape', () => {
  const box = (x: number, y: number): BindTarget => ({ type: 'rect', x, y, width: 100, height: 100, rotation: 0 })

  it('keeps its bend point and aims its bound end along the curve at the anchor, stopping at the outline', () => {
    const targets: Record<string, BindTarget> = { b: box(200, 200) }
    const arrow = { x: 0, y: 0, points: [0, 0, 250, 0, 260, 260], endBinding: { itemId: 'b', anchor: [0.5, 0.5] as [number, number] } }
    const abs = resolveBoundPoints(arrow, (id) => targets[id])!
    expect(abs.slice(0, 4)).toEqual([0, 0, 250, 0])
    // came from above: stops a gap short of the top edge (the gap measured along its slanted approach)
    expect(abs[5]).toBeLessThan(200)
    expect(abs[5]).toBeGreaterThanOrEqual(200 - BIND_GAP - 1e-9)
    expect(abs[4]).toBeGreaterThan(200)
    // the end tangent (control point → tip) runs on into the anchor (250, 250)
    const t = endTangents(abs)
    const along = unit(t.end.from, t.end.tip)
    const toAnchor = unit(t.end.tip, { x: 250, y: 250 })
    expect(along.x).toBeCloseTo(toAnchor.x, 2)
    expect(along.y).toBeCloseTo(toAnchor.y, 2)
  })
})
