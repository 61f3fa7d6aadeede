import type { Item } from '../../doc'
import { linearBox } from '../shapes/curve'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Axis-aligned scene bounds of one item, rotation included (Konva rotates a node about its own
 * (x, y), so the corners are rotated about the item's origin), with half the stroke width around.
 */
export function itemBounds(it: Item): Rect {
  const r = (it.rotation * Math.PI) / 180
  const cos = Math.cos(r), sin = Math.sin(r)
  // lines and arrows: the box of what their points draw (a bent one's curve may bulge past them)
  const box = (it.type === 'line' || it.type === 'arrow') && it.points && it.points.length >= 4 ? linearBox(it.points) : { minX: 0, minY: 0, width: it.width, height: it.height }
  const x0 = box.minX
  const y0 = box.minY
  const x1 = box.minX + box.width
  const y1 = box.minY + box.height
  const corners: [number, number][] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const [cx, cy] of corners) {
    const x = it.x + cx * cos - cy * sin
    const y = it.y + cx * sin + cy * cos
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  const pad = it.strokeWidth / 2 + (it.type === 'arrow' || it.type === 'line' ? Math.max(10, it.strokeWidth * 4) / 2 : 0)
  // a frame's title sits above its box
  const top = it.type === 'frame' ? 24 : 0
  return { x: minX - pad, y: minY - pad - top, width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad + top }
}

/** The union of the items' bounds, or null for none. */
export function unionBounds(items: readonly Item[]): Rect | null {
  if (items.every((it) => it.type === 'group')) return null
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const it of items) {
    if (it.type === 'group') continue // drawn by its members
    const b = itemBounds(it)
    minX = Math.min(minX, b.x)
    minY = Math.min(minY, b.y)
    maxX = Math.max(maxX, b.x + b.width)
    maxY = Math.max(maxY, b.y + b.height)
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}
