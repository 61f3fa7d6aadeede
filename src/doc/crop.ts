// An image's crop (README, "The document"): which part of the source image an `image` item shows,
// as fractions 0..1 of the source's width and height. The item's box is where that part is drawn
// (stretched to it, as the whole image is without a crop). Absent: the whole image. A malformed
// crop from another client is dropped (the image is then shown whole), never the item with it.
import * as z from 'zod'
import type { Crop } from './itemTypes'

/** Slack for rounding when a crop reaches the source's edge (x + width ≤ 1). */
const EDGE_SLACK = 1e-6
const unitCoord = z.number().finite().min(0).max(1)
const unitSize = z.number().finite().gt(0).max(1)

export const cropSchema = z
  .object({ x: unitCoord, y: unitCoord, width: unitSize, height: unitSize })
  .refine((c) => c.x + c.width <= 1 + EDGE_SLACK && c.y + c.height <= 1 + EDGE_SLACK, { message: 'expected a crop inside the image (x + width ≤ 1, y + height ≤ 1)' })

/** The crop that shows the whole image. */
export const FULL_CROP: Readonly<Crop> = Object.freeze({ x: 0, y: 0, width: 1, height: 1 })

/** A crop read leniently: a valid one (fields copied), else undefined. */
export function readCrop(v: unknown): Crop | undefined {
  const r = cropSchema.safeParse(v)
  return r.success ? { x: r.data.x, y: r.data.y, width: r.data.width, height: r.data.height } : undefined
}

/** Whether a crop shows the whole image (then it need not be stored). */
export function isFullCrop(c: Crop | undefined): boolean {
  return !c || (c.x <= EDGE_SLACK && c.y <= EDGE_SLACK && c.width >= 1 - EDGE_SLACK && c.height >= 1 - EDGE_SLACK)
}
