import { FULL_CROP, isFullCrop, type Crop } from '../../doc'
import { toLocal, toScene, type Rect } from '../shapes/geometry'
import type { Point } from '../state/editorStore'
import type { CropEdge } from '../tools/types'

/** Konva name of the crop handles (stageInput maps a press on one to a `handle`). */
export const CROP_HANDLE = 'tsr-crop-handle'

/** Scene units an image's visible part keeps at least on each side while cropping. */
export const MIN_CROP_SIZE = 8

/** What cropping needs to know of an image item. */
export interface Croppable {
  x: number
  y: number
  width: number
  height: number
  rotation: number
  crop?: Crop
}

/** The new geometry of a cropped image: its box (where the visible part is drawn) and crop (null: all of it). */
export interface CropResult {
  x: number
  y: number
  width: number
  height: number
  crop: Crop | null
}

/**
 * The whole source image's box in the item's own frame (relative to x, y, before rotation): the
 * visible part (0, 0, width, height) is the crop's share of it.
 */
export function sourceBox(it: Croppable): Rect {
  const c = it.crop ?? FULL_CROP
  const w = it.width / c.width
  const h = it.height / c.height
  return { x: -c.x * w, y: -c.y * h, width: w, height: h }
}



const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

/** A crop kept inside 0..1 whatever the rounding; null when it shows the whole image. */
function tidy(c: Crop): Crop | null {
  const x = clamp(c.x, 0, 1)
  const y = clamp(c.y, 0, 1)
  const out = { x, y, width: clamp(c.width, 1e-6, 1 - x), height: clamp(c.height, 1e-6, 1 - y) }
  return isFullCrop(out) ? null : out
}

/**
 * Where an image ends up when the crop handle `edge` of `start` (the item as it was when the drag
 * began) is dragged to scene point `p` (`from`: where the drag began, for 'move'). The source image
 * stays where it is on the canvas: an edge trims (or uncovers) it up to the source's own edge, and
 * 'move' slides the source under the visible window. Pure.
 */
export function cropTo(start: Croppable, edge: CropEdge, p: Point, from: Point): CropResult {
  const src = sourceBox(start)
  const l = toLocal(start, p)
  if (edge === 'move') {
    const f = toLocal(start, from)
    // the image follows the pointer under a fixed window
    const sx = clamp(src.x + (l.x - f.x), start.width - src.width, 0)
    const sy = clamp(src.y + (l.y - f.y), start.height - src.height, 0)
    const crop = tidy({ x: -sx / src.width, y: -sy / src.height, width: start.width / src.width, height: start.height / src.height })
    return { x: start.x, y: start.y, width: start.width, height: start.height, crop }
  }
  let left = 0
  let top = 0
  let right = start.width
  let bottom = start.height
  const minW = Math.min(MIN_CROP_SIZE, start.width)
  const minH = Math.min(MIN_CROP_SIZE, start.height)
  if (edge.includes('w')) left = clamp(l.x, src.x, right - minW)
  if (edge.includes('e')) right = clamp(l.x, left + minW, src.x + src.width)
  if (edge.includes('n')) top = clamp(l.y, src.y, bottom - minH)
  if (edge.includes('s')) bottom = clamp(l.y, top + minH, src.y + src.height)
  const crop = tidy({ x: (left - src.x) / src.width, y: (top - src.y) / src.height, width: (right - left) / src.width, height: (bottom - top) / src.height })
  const origin = toScene(start, { x: left, y: top })
  return { x: origin.x, y: origin.y, width: right - left, height: bottom - top, crop }
}

/** Where each handle sits in the item's own frame: corners and edge middles of the visible part. */
export function cropHandlePoints(width: number, height: number): { edge: Exclude<CropEdge, 'move'>; x: number; y: number }[] {
  return [
    { edge: 'nw', x: 0, y: 0 },
    { edge: 'n', x: width / 2, y: 0 },
    { edge: 'ne', x: width, y: 0 },
    { edge: 'e', x: width, y: height / 2 },
    { edge: 'se', x: width, y: height },
    { edge: 's', x: width / 2, y: height },
    { edge: 'sw', x: 0, y: height },
    { edge: 'w', x: 0, y: height / 2 },
  ]
}
