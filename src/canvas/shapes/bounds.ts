import type { Item } from '../../doc'
import { pointsBox } from '../../doc'
import type { Rect } from './geometry'
import { linearBox } from './curve'
import { expand, rotatedBounds } from './geometry'

/** Scene units above a frame that its title may take. */
export const FRAME_TITLE_SPACE = 24

/** What bounds need to know about an item (a full Item qualifies). */
export type Placed = Pick<Item, 'type' | 'x' | 'y' | 'width' | 'height' | 'rotation' | 'strokeWidth' | 'points'>

/** The item's box in its own (unrotated) frame, relative to (x, y). Point types use their points. */
export function localBox(item: Placed): Rect {
  if (item.points) {
    // a bent line/arrow is a curve that may bulge past its points
    const linear = item.type === 'line' || item.type === 'arrow'
    const { minX, minY, width, height } = linear ? linearBox(item.points) : pointsBox(item.points)
    return { x: minX, y: minY, width, height }
  }
  return { x: 0, y: 0, width: item.width, height: item.height }
}

/** Geometric scene bounds (rotation included, stroke excluded): snapping and marquee use these. */
export function itemBounds(item: Placed): Rect {
  return rotatedBounds(item.x, item.y, localBox(item), item.rotation)
}

/** Bounds of everything the item paints (stroke, arrowhead, shadow): culling uses these. */
export function paintBounds(item: Placed): Rect {
  return expand(itemBounds(item), paintPad(item))
}

/** How far an item paints past its geometric bounds (stroke, arrowhead, a frame's title, a note's shadow). */
export function paintPad(item: Pick<Placed, 'type' | 'strokeWidth'>): number {
  let pad = item.strokeWidth / 2 + 1
  if (item.type === 'arrow' || item.type === 'line') pad += Math.max(12, item.strokeWidth * 4)
  // a frame's title is drawn above its box
  if (item.type === 'frame') pad += FRAME_TITLE_SPACE
  if (item.type === 'sticky') pad += 12
  return pad
}
