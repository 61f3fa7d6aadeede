// The bent line or arrow (CONTRACT §3 keeps `points`; README "Scene document" says how they read):
// a line/arrow with exactly three points is a smooth curve through its middle point, a quadratic
// Bézier whose control point puts the curve through that point halfway along (as tldraw's bend
// and Excalidraw's curved arrows look). Two points are a straight line, four or more a polyline.
// Pure geometry, shared by the canvas (clean and sketch), the SVG/PNG export, hit tests, bounds
// and bindings, so the curve is the same wherever the arrow is drawn.

import { pointsBox } from '../../doc'

export interface Pt {
  x: number
  y: number
}

/** Whether these flat points are drawn as a curve: exactly three points. */
export function isBent(points: readonly number[]): boolean {
  return points.length === 6
}

/** The control point of the quadratic from p0 to p2 that passes through m at t = ½. */
export function bendControl(x0: number, y0: number, mx: number, my: number, x2: number, y2: number): Pt {
  return { x: 2 * mx - (x0 + x2) / 2, y: 2 * my - (y0 + y2) / 2 }
}

/** A quadratic Bézier: start, control, end. */
export interface Quad {
  x0: number
  y0: number
  cx: number
  cy: number
  x1: number
  y1: number
}

/** The curve of three flat points (p0, bend, p2). */
export function quadOf(points: readonly number[]): Quad {
  const [x0, y0, mx, my, x1, y1] = points as [number, number, number, number, number, number]
  const c = bendControl(x0, y0, mx, my, x1, y1)
  return { x0, y0, cx: c.x, cy: c.y, x1, y1 }
}

export function quadAt(q: Quad, t: number): Pt {
  const a = (1 - t) * (1 - t)
  const b = 2 * t * (1 - t)
  const c = t * t
  return { x: a * q.x0 + b * q.cx + c * q.x1, y: a * q.y0 + b * q.cy + c * q.y1 }
}

/** The derivative B'(t). */
function quadSlope(q: Quad, t: number): Pt {
  return { x: 2 * ((1 - t) * (q.cx - q.x0) + t * (q.x1 - q.cx)), y: 2 * ((1 - t) * (q.cy - q.y0) + t * (q.y1 - q.cy)) }
}

/** The part of the curve between parameters a < b, as a quadratic of its own. */
export function subQuad(q: Quad, a: number, b: number): Quad {
  const s = quadAt(q, a)
  const e = quadAt(q, b)
  const d = quadSlope(q, a)
  return { x0: s.x, y0: s.y, cx: s.x + ((b - a) / 2) * d.x, cy: s.y + ((b - a) / 2) * d.y, x1: e.x, y1: e.y }
}

/** Axis extent of one coordinate of a quadratic (p0, c, p1): the ends and the turning point. */
function extent(p0: number, c: number, p1: number): [number, number] {
  let lo = Math.min(p0, p1)
  let hi = Math.max(p0, p1)
  const den = p0 - 2 * c + p1
  if (den !== 0) {
    const t = (p0 - c) / den
    if (t > 0 && t < 1) {
      const v = (1 - t) * (1 - t) * p0 + 2 * t * (1 - t) * c + t * t * p1
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
  }
  return [lo, hi]
}

/** Box of what a line/arrow's points draw: the curve's own extent when bent, else the points' box. */
export function linearBox(points: readonly number[]): { minX: number; minY: number; width: number; height: number } {
  if (isBent(points)) {
    const q = quadOf(points)
    const [minX, maxX] = extent(q.x0, q.cx, q.x1)
    const [minY, maxY] = extent(q.y0, q.cy, q.y1)
    if ([minX, maxX, minY, maxY].every(Number.isFinite)) return { minX, minY, width: maxX - minX, height: maxY - minY }
  }
  return pointsBox(points)
}

/**
 * Where a head at an end is aimed from: the tip and a point behind it on the end's tangent. For a
 * straight line or polyline that is the neighbouring point; for a curve, its control point (the
 * tangent at an end of a quadratic runs through the control point). Falls back to the other end
 * when the two coincide.
 */
export function endTangents(points: readonly number[]): { start: { tip: Pt; from: Pt }; end: { tip: Pt; from: Pt } } {
  const n = points.length
  const first = { x: points[0]!, y: points[1]! }
  const last = { x: points[n - 2]!, y: points[n - 1]! }
  if (isBent(points)) {
    const q = quadOf(points)
    const c = { x: q.cx, y: q.cy }
    const same = (a: Pt, b: Pt) => Math.hypot(a.x - b.x, a.y - b.y) < 1e-9
    return { start: { tip: first, from: same(c, first) ? last : c }, end: { tip: last, from: same(c, last) ? first : c } }
  }
  return { start: { tip: first, from: { x: points[2]!, y: points[3]! } }, end: { tip: last, from: { x: points[n - 4]!, y: points[n - 3]! } } }
}

/**
 * The parameter t at which the curve is `by` units (straight-line distance) from its start tip
 * (`fromStart`) or its end tip, never past the middle (t = ½): where a line stops inside an arrowhead.
 */
export function trimParam(q: Quad, by: number, fromStart: boolean): number {
  if (by <= 0) return fromStart ? 0 : 1
  const tip = fromStart ? { x: q.x0, y: q.y0 } : { x: q.x1, y: q.y1 }
  const dist = (s: number) => {
    const p = quadAt(q, fromStart ? s : 1 - s)
    return Math.hypot(p.x - tip.x, p.y - tip.y)
  }
  // never past the middle, as a straight line is never trimmed past its midpoint
  if (dist(0.5) <= by) return 0.5
  let lo = 0
  let hi = 0.5
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2
    if (dist(mid) < by) lo = mid
    else hi = mid
  }
  return fromStart ? hi : 1 - hi
}

/** Points along the curve (t = 0 … 1), for tests and anything that needs a polyline of it. */
export function sampleQuad(q: Quad, steps: number): Pt[] {
  const out: Pt[] = []
  for (let i = 0; i <= steps; i++) out.push(quadAt(q, i / steps))
  return out
}
