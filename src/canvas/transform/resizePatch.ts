import type { Item, ItemPatch } from '../../doc'

export interface NodeTransform {
  x: number
  y: number
  rotation: number
  scaleX: number
  scaleY: number
}

const MIN_SIZE = 1

/**
 * The doc patch for an item whose Konva node the transformer left at `t` (position, rotation and
 * a scale relative to the item's current size). Scale becomes real geometry: width/height, and for
 * line/arrow/path the points; a uniformly scaled text item also scales its font.
 */
export function resizePatch(item: Item, t: NodeTransform): ItemPatch {
  const sx = Math.abs(t.scaleX)
  const sy = Math.abs(t.scaleY)
  const patch: ItemPatch = {
    x: t.x,
    y: t.y,
    rotation: normaliseDegrees(t.rotation),
    width: Math.max(item.width * sx, item.points ? 0 : MIN_SIZE),
    height: Math.max(item.height * sy, item.points ? 0 : MIN_SIZE),
  }
  if (item.points) patch.points = item.points.map((v, i) => (i % 2 === 0 ? v * sx : v * sy))
  if (item.type === 'text' && item.fontSize !== undefined && Math.abs(sx - sy) < 1e-3 && sx !== 1)
    patch.fontSize = Math.max(4, Math.round(item.fontSize * sy * 10) / 10)
  return patch
}

/** (-180, 180] so rotation values stay small and comparable. */
export function normaliseDegrees(d: number): number {
  let r = d % 360
  if (r > 180) r -= 360
  if (r <= -180) r += 360
  return Math.round(r * 1000) / 1000
}
