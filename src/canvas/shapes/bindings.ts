// Bound arrow and line ends (CONTRACT §3: startBinding/endBinding). Pure geometry: every reader
// draws a bound end from the target's *current* box, so an arrow follows a shape whoever moves
// it; a binding to a missing target is ignored and the stored point is drawn.
import type { Binding, Item, ItemType } from '../../doc'
import { pointsBox } from '../../doc'
import type { Point } from '../state/editorStore'
import { bendControl, isBent } from './curve'
import { toLocal, toScene } from './geometry'

/** What a binding needs to know about its target. */
export interface BindTarget {
  type: ItemType
  x: number
  y: number
  width: number
  height: number
  rotation: number
}

/** The fields of an arrow/line that binding resolution reads. */
export type Bindable = Pick<Item, 'x' | 'y' | 'points' | 'startBinding' | 'endBinding'>

/** Scene units between a bound tip and the target's outline. */
export const BIND_GAP = 6
/** A press inside this share of the box (around its centre) aims at the centre (tldraw's "imprecise" binding). */
const CENTRE_ZONE = 0.5

/** Types an arrow may bind to: everything with an area. */
export function canBindTo(type: ItemType): boolean {
  return type !== 'line' && type !== 'arrow' && type !== 'path' && type !== 'group'
}



/** The scene point of an anchor (0..1 in the target's box, rotation included). */
export function anchorPoint(t: BindTarget, anchor: readonly [number, number]): Point {
  return toScene(t, { x: anchor[0] * t.width, y: anchor[1] * t.height })
}

/** The binding for a tip released at `p` over `t`: the centre when near it, else that very point. */
export function bindingAt(t: BindTarget, id: string, p: Point): Binding {
  const l = toLocal(t, p)
  const ax = t.width > 0 ? Math.min(1, Math.max(0, l.x / t.width)) : 0.5
  const ay = t.height > 0 ? Math.min(1, Math.max(0, l.y / t.height)) : 0.5
  const inner = (1 - CENTRE_ZONE) / 2
  if (ax >= inner && ax <= 1 - inner && ay >= inner && ay <= 1 - inner) return { itemId: id, anchor: [0.5, 0.5] }
  return { itemId: id, anchor: [round4(ax), round4(ay)] }
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4
}

/** Whether scene point `p` lies inside the target's outline (ellipses by their curve). */
export function containsScenePoint(t: BindTarget, p: Point): boolean {
  const l = toLocal(t, p)
  if (t.type === 'ellipse') {
    const rx = t.width / 2
    const ry = t.height / 2
    if (rx <= 0 || ry <= 0) return false
    const nx = (l.x - rx) / rx
    const ny = (l.y - ry) / ry
    return nx * nx + ny * ny <= 1
  }
  return l.x >= 0 && l.y >= 0 && l.x <= t.width && l.y <= t.height
}

/**
 * Where the segment from `from` (usually outside) towards `to` (the anchor, inside) first meets the
 * target's outline, pulled back by `gap` towards `from`. When `from` is inside the target (or the
 * segment misses it) the tip goes to `to` itself.
 */
export function edgePoint(t: BindTarget, from: Point, to: Point, gap = BIND_GAP): Point {
  const a = toLocal(t, from)
  const b = toLocal(t, to)
  const dx = b.x - a.x
  const dy = b.y - a.y
  const len = Math.hypot(dx, dy)
  if (len === 0) return to
  const s = t.type === 'ellipse' ? enterEllipse(a, dx, dy, t.width, t.height) : enterBox(a, dx, dy, t.width, t.height)
  if (s === null || s <= 0) return to
  const back = Math.max(0, s - gap / len)
  return toScene(t, { x: a.x + dx * back, y: a.y + dy * back })
}

/** Smallest s in [0, 1] where a + s·d is inside the box [0,w]×[0,h] (Liang–Barsky), or null. */
function enterBox(a: Point, dx: number, dy: number, w: number, h: number): number | null {
  let lo = 0
  let hi = 1
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0
    const r = q / p
    if (p < 0) lo = Math.max(lo, r)
    else hi = Math.min(hi, r)
    return lo <= hi
  }
  if (!clip(-dx, a.x) || !clip(dx, w - a.x) || !clip(-dy, a.y) || !clip(dy, h - a.y)) return null
  return lo
}

/** Smallest s in [0, 1] where a + s·d is inside the ellipse inscribed in [0,w]×[0,h], or null. */
function enterEllipse(a: Point, dx: number, dy: number, w: number, h: number): number | null {
  const rx = w / 2
  const ry = h / 2
  if (rx <= 0 || ry <= 0) return null
  const px = (a.x - rx) / rx
  const py = (a.y - ry) / ry
  const qx = dx / rx
  const qy = dy / ry
  const A = qx * qx + qy * qy
  const B = 2 * (px * qx + py * qy)
  const C = px * px + py * py - 1
  if (C <= 0) return 0
  const disc = B * B - 4 * A * C
  if (disc < 0 || A === 0) return null
  const s = (-B - Math.sqrt(disc)) / (2 * A)
  return s >= 0 && s <= 1 ? s : null
}

/**
 * The absolute scene points of an arrow/line with its bound ends drawn from the targets' current
 * boxes, or null when no binding resolves (then the stored points are what is drawn).
 */
export function resolveBoundPoints(item: Bindable, lookup: (id: string) => BindTarget | undefined): number[] | null {
  const pts = item.points
  if (!pts || pts.length < 4) return null
  const st = item.startBinding ? lookup(item.startBinding.itemId) : undefined
  const en = item.endBinding ? lookup(item.endBinding.itemId) : undefined
  const s = st && canBindTo(st.type) ? st : undefined
  const e = en && canBindTo(en.type) ? en : undefined
  if (!s && !e) return null
  // (a bound arrow is drawn unrotated: its ends are where the targets are)
  const abs = pts.map((v, i) => v + (i % 2 === 0 ? item.x : item.y))
  const n = abs.length
  // first aim both bound ends at their anchors, then cut each at its target's outline, seen from
  // the neighbouring point (the other end for a straight arrow, a polyline's next point); a bent
  // (curved) arrow is cut along its end tangents, see aimCurve
  const sa = s ? anchorPoint(s, item.startBinding!.anchor) : null
  const ea = e ? anchorPoint(e, item.endBinding!.anchor) : null
  if (sa) [abs[0], abs[1]] = [sa.x, sa.y]
  if (ea) [abs[n - 2], abs[n - 1]] = [ea.x, ea.y]
  if (isBent(abs)) {
    aimCurve(abs, s && sa ? { t: s, anchor: sa } : null, e && ea ? { t: e, anchor: ea } : null)
    return abs
  }
  const afterStart = { x: abs[2]!, y: abs[3]! }
  const beforeEnd = { x: abs[n - 4]!, y: abs[n - 3]! }
  if (s && sa) {
    const p = edgePoint(s, afterStart, sa)
    ;[abs[0], abs[1]] = [p.x, p.y]
  }
  if (e && ea) {
    const p = edgePoint(e, beforeEnd, ea)
    ;[abs[n - 2], abs[n - 1]] = [p.x, p.y]
  }
  return abs
}

/** Rounds of aimCurve: each moves the control point by half of what the ends moved, so a few settle it. */
const AIM_ROUNDS = 4

/**
 * Cuts the bound ends of a bent arrow (three absolute points, ends at their anchors, changed in
 * place) at their targets' outlines along the curve's end tangents: each end goes where the line
 * from the curve's control point to the anchor enters the target. Moving an end moves the control
 * point (the curve keeps passing through the bend point), so this repeats until it settles; then
 * each head points straight at its anchor, as a straight bound arrow's does.
 */
function aimCurve(abs: number[], start: { t: BindTarget; anchor: Point } | null, end: { t: BindTarget; anchor: Point } | null): void {
  for (let round = 0; round < AIM_ROUNDS; round++) {
    const c = bendControl(abs[0]!, abs[1]!, abs[2]!, abs[3]!, abs[4]!, abs[5]!)
    if (start) {
      const p = edgePoint(start.t, c, start.anchor)
      ;[abs[0], abs[1]] = [p.x, p.y]
    }
    if (end) {
      const p = edgePoint(end.t, c, end.anchor)
      ;[abs[4], abs[5]] = [p.x, p.y]
    }
  }
}

/** Absolute points → {x, y, width, height, points relative to (x, y)}: how linear items are stored. */
export function boxOfAbsolute(abs: readonly number[]): { x: number; y: number; width: number; height: number; points: number[] } {
  if (abs.length < 2) return { x: 0, y: 0, width: 0, height: 0, points: [] }
  const { minX, minY, width, height } = pointsBox(abs)
  return { x: minX, y: minY, width, height, points: abs.map((v, i) => v - (i % 2 === 0 ? minX : minY)) }
}

/** The item with bound ends resolved (same object when nothing resolves). */
export function withResolvedEnds<T extends Bindable & { width: number; height: number; rotation: number }>(
  item: T,
  lookup: (id: string) => BindTarget | undefined,
): T {
  const abs = resolveBoundPoints(item, lookup)
  return abs ? { ...item, ...boxOfAbsolute(abs), rotation: 0 } : item
}

/** Which end of a linear item a point belongs to, by index into its points. */
export type End = 'start' | 'end'
