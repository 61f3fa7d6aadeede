import type Konva from 'konva'
import type { Context } from 'konva/lib/Context'
import type { ArrowheadKind, Arrowheads, Item } from '../../doc'
import { endTangents, isBent, quadOf, subQuad, trimParam } from './curve'

/** Arrowheads of an item, with the type's default (an arrow points at its end, a line has none). */
export function arrowheadsOf(item: Pick<Item, 'type' | 'arrowheads'>): Arrowheads {
  return item.arrowheads ?? (item.type === 'arrow' ? { start: 'none', end: 'arrow' } : { start: 'none', end: 'none' })
}

/** Length of an arrowhead for a stroke width (scene units). */
export function headLength(strokeWidth: number): number {
  return Math.max(10, strokeWidth * 4)
}

/**
 * Konva sceneFunc of lines and arrows: the polyline, or the curve of a bent one (curve.ts), dashed
 * when the node has a dash, with a head at each end along the end tangents. Reads `points` and
 * `heads` from the node's attributes, so a drag preview that sets `points` on the node
 * (tools/draftPreview.ts) draws the same as React would. The hit graph runs the same function,
 * so heads are clickable too (and a curve is hit along the curve).
 */
export function paintLinear(ctx: Context, shape: Konva.Shape): void {
  const pts = shape.getAttr('points') as number[] | undefined
  const heads = shape.getAttr('heads') as Arrowheads | undefined
  if (!pts || pts.length < 4) return
  const n = pts.length
  const sw = shape.strokeWidth()
  const len = headLength(sw)
  const start = heads?.start ?? 'none'
  const end = heads?.end ?? 'none'
  // an arrow tip is the head's point: the line stops inside the head so its round cap stays hidden
  const trimS = start === 'arrow' ? len * 0.6 : 0
  const trimE = end === 'arrow' ? len * 0.6 : 0
  ctx.beginPath()
  if (isBent(pts)) {
    const q = quadOf(pts)
    const c = subQuad(q, trimParam(q, trimS, true), trimParam(q, trimE, false))
    ctx.moveTo(c.x0, c.y0)
    ctx.quadraticCurveTo(c.cx, c.cy, c.x1, c.y1)
  } else {
    const s = trimmed(pts[0]!, pts[1]!, pts[2]!, pts[3]!, trimS)
    const e = trimmed(pts[n - 2]!, pts[n - 1]!, pts[n - 4]!, pts[n - 3]!, trimE)
    ctx.moveTo(s.x, s.y)
    for (let i = 2; i < n - 2; i += 2) ctx.lineTo(pts[i]!, pts[i + 1]!)
    ctx.lineTo(e.x, e.y)
  }
  ctx.strokeShape(shape)
  // heads point along the end tangents (the neighbouring point, or a curve's control point)
  const t = endTangents(pts)
  if (start !== 'none') head(ctx, shape, start, t.start.tip.x, t.start.tip.y, t.start.from.x, t.start.from.y, sw, len)
  if (end !== 'none') head(ctx, shape, end, t.end.tip.x, t.end.tip.y, t.end.from.x, t.end.from.y, sw, len)
}

/** The point `by` units from (x, y) towards (towardsX, towardsY), never past the midpoint. */
function trimmed(x: number, y: number, towardsX: number, towardsY: number, by: number): { x: number; y: number } {
  const d = Math.hypot(towardsX - x, towardsY - y)
  if (by === 0 || d === 0) return { x, y }
  const t = Math.min(by, d / 2) / d
  return { x: x + (towardsX - x) * t, y: y + (towardsY - y) * t }
}

/** One head at tip (x, y), the line coming from (fx, fy). Filled, never dashed. */
function head(ctx: Context, shape: Konva.Shape, kind: ArrowheadKind, x: number, y: number, fx: number, fy: number, sw: number, len: number): void {
  const d = Math.hypot(x - fx, y - fy) || 1
  const ux = (x - fx) / d
  const uy = (y - fy) / d
  const nx = -uy
  const ny = ux
  ctx.beginPath()
  if (kind === 'arrow') {
    const w = len * 0.45
    ctx.moveTo(x, y)
    ctx.lineTo(x - ux * len + nx * w, y - uy * len + ny * w)
    ctx.lineTo(x - ux * len - nx * w, y - uy * len - ny * w)
    ctx.closePath()
  } else if (kind === 'dot') {
    ctx.arc(x, y, Math.max(3, sw * 1.6), 0, Math.PI * 2, false)
  } else if (kind === 'bar') {
    const w = len * 0.55
    const t = Math.max(1, sw) / 2
    ctx.moveTo(x + nx * w + ux * t, y + ny * w + uy * t)
    ctx.lineTo(x - nx * w + ux * t, y - ny * w + uy * t)
    ctx.lineTo(x - nx * w - ux * t, y - ny * w - uy * t)
    ctx.lineTo(x + nx * w - ux * t, y + ny * w - uy * t)
    ctx.closePath()
  }
  ctx.fillShape(shape)
}
