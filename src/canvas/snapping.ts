import type { Rect } from './shapes/geometry'

/**
 * Snapping of a moving box to other items' edges and centres (pure maths).
 * A guide is a line to draw while snapped: vertical ('x') at scene x = pos spanning start..end in y,
 * or horizontal ('y') at scene y = pos spanning start..end in x.
 */
export interface Guide {
  axis: 'x' | 'y'
  pos: number
  start: number
  end: number
}

export interface SnapResult {
  /** correction to add to the proposed movement */
  dx: number
  dy: number
  guides: Guide[]
}

/** Screen pixels within which an edge or centre snaps. */
export const SNAP_DISTANCE_PX = 6

const EPS = 1e-6

function xs(r: Rect): number[] {
  return [r.x, r.x + r.width / 2, r.x + r.width]
}
function ys(r: Rect): number[] {
  return [r.y, r.y + r.height / 2, r.y + r.height]
}

function bestOffset(moving: number[], targets: readonly Rect[], lines: (r: Rect) => number[], threshold: number): number | null {
  let best: number | null = null
  for (const t of targets)
    for (const tv of lines(t))
      for (const mv of moving) {
        const d = tv - mv
        if (Math.abs(d) <= threshold && (best === null || Math.abs(d) < Math.abs(best))) best = d
      }
  return best
}

/** Snaps `moving` (already at its proposed position) to `others`; threshold in scene units. */
export function snapMove(moving: Rect, others: readonly Rect[], threshold: number): SnapResult {
  const dx = bestOffset(xs(moving), others, xs, threshold) ?? 0
  const dy = bestOffset(ys(moving), others, ys, threshold) ?? 0
  const snapped: Rect = { ...moving, x: moving.x + dx, y: moving.y + dy }
  const guides: Guide[] = []
  const snappedX = dx !== 0 || hasAlignment(xs(snapped), others, xs)
  const snappedY = dy !== 0 || hasAlignment(ys(snapped), others, ys)
  if (snappedX) guides.push(...alignedGuides('x', snapped, others))
  if (snappedY) guides.push(...alignedGuides('y', snapped, others))
  return { dx, dy, guides }
}

function hasAlignment(moving: number[], others: readonly Rect[], lines: (r: Rect) => number[]): boolean {
  return others.some((o) => lines(o).some((v) => moving.some((m) => Math.abs(v - m) < EPS)))
}

/** One guide per aligned coordinate, spanning the moving box and every box aligned with it there. */
function alignedGuides(axis: 'x' | 'y', m: Rect, others: readonly Rect[]): Guide[] {
  const lines = axis === 'x' ? xs : ys
  const spanOf = (r: Rect): [number, number] => (axis === 'x' ? [r.y, r.y + r.height] : [r.x, r.x + r.width])
  const byPos = new Map<number, [number, number]>()
  for (const mv of lines(m))
    for (const o of others)
      if (lines(o).some((v) => Math.abs(v - mv) < EPS)) {
        const [a0, a1] = spanOf(m)
        const [b0, b1] = spanOf(o)
        const prev = byPos.get(mv) ?? [a0, a1]
        byPos.set(mv, [Math.min(prev[0], b0), Math.max(prev[1], b1)])
      }
  return [...byPos].map(([pos, [start, end]]) => ({ axis, pos, start, end }))
}
