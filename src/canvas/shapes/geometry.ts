/** Axis-aligned rectangles in scene units and the few operations the editor needs on them. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
}

export function containsPoint(r: Rect, p: { x: number; y: number }): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height
}

export function expand(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + by * 2, height: r.height + by * 2 }
}

/** The smallest rectangle containing every input; null for none. */
export function union(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of rects) {
    minX = Math.min(minX, r.x)
    minY = Math.min(minY, r.y)
    maxX = Math.max(maxX, r.x + r.width)
    maxY = Math.max(maxY, r.y + r.height)
  }
  if (minX === Infinity) return null
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}

/** A rectangle from two corner points in any order (marquee). */
export function rectFromPoints(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) }
}

/**
 * Bounds of a local box (lx, ly, w, h) after rotating by `deg` around the origin (ox, oy) —
 * items rotate around their top-left corner (x, y), as Konva nodes do.
 */
export function rotatedBounds(ox: number, oy: number, local: Rect, deg: number): Rect {
  if (deg % 360 === 0) return { x: ox + local.x, y: oy + local.y, width: local.width, height: local.height }
  const rad = (deg * Math.PI) / 180
  const cos = Math.cos(rad)
  const sin = Math.sin(rad)
  const xs = [local.x, local.x + local.width]
  const ys = [local.y, local.y + local.height]
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const lx of xs)
    for (const ly of ys) {
      const x = ox + lx * cos - ly * sin
      const y = oy + lx * sin + ly * cos
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}

/** A frame in the scene: an origin and a rotation (degrees) about it, as items have. */
export interface Frame {
  x: number
  y: number
  rotation?: number
}

/** A scene point in the frame's own (unrotated) coordinates. */
export function toLocal(f: Frame, p: { x: number; y: number }): { x: number; y: number } {
  const dx = p.x - f.x
  const dy = p.y - f.y
  if (!f.rotation) return { x: dx, y: dy }
  const r = (-f.rotation * Math.PI) / 180
  return { x: dx * Math.cos(r) - dy * Math.sin(r), y: dx * Math.sin(r) + dy * Math.cos(r) }
}

/** A point in the frame's own coordinates, in the scene. */
export function toScene(f: Frame, p: { x: number; y: number }): { x: number; y: number } {
  if (!f.rotation) return { x: f.x + p.x, y: f.y + p.y }
  const r = (f.rotation * Math.PI) / 180
  return { x: f.x + p.x * Math.cos(r) - p.y * Math.sin(r), y: f.y + p.x * Math.sin(r) + p.y * Math.cos(r) }
}
