import type { Item, ItemPatch } from '../../doc'

export interface NodeTransform {
  x: number
  y: number
  rotation: number
  scaleX: number
  scaleY: number
}

const MIN_SIZE = 1

/** A scale this close to 1 is float noise (a rotation leaves 0.9999999999999996), not a resize. */
const SCALE_EPSILON = 1e-9

function cleanScale(s: number): number {
  const a = Math.abs(s)
  return Math.abs(a - 1) < SCALE_EPSILON ? 1 : a
}

/**
 * The doc patch for an item whose Konva node the transformer left at `t` (position, rotation and
 * a scale relative to the item's current size). Scale becomes real geometry: width/height, and for
 * line/arrow/path the points; a uniformly scaled text item also scales its font.
 */
export function resizePatch(item: Item, t: NodeTransform): ItemPatch {
  const sx = cleanScale(t.scaleX)
  const sy = cleanScale(t.scaleY)
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

/** Degrees within which two rotations count as the same axis (the doc keeps three decimals). */
const AXIS_TOLERANCE_DEG = 1e-3

/** True when `deg` is a multiple of 90° (within float and three-decimal rounding). */
export function isRightAngleMultiple(deg: number): boolean {
  const r = ((deg % 90) + 90) % 90
  return r < AXIS_TOLERANCE_DEG || 90 - r < AXIS_TOLERANCE_DEG
}

/**
 * Whether a transformer box at `boxRotation` must keep the proportions of what it resizes.
 * The box scales along its own axes; a node turned against those axes by anything but a multiple
 * of 90° would come out sheared (Konva then leaves a skew on the node, which items cannot store,
 * so the node would draw something else than the doc and other clients have). A uniform scale
 * commutes with every rotation, so such selections resize proportionally, by the corners only.
 */
export function mustKeepRatio(nodeRotations: readonly number[], boxRotation: number): boolean {
  return nodeRotations.some((r) => !isRightAngleMultiple(r - boxRotation))
}
