import type { ComponentType } from 'react'
import type { Item, ItemType } from '../../doc'
import { ArrowShape } from './arrow'
import { EllipseShape } from './ellipse'
import { LineShape } from './line'
import { PathShape } from './path'
import { RectShape } from './rect'
import { StickyShape } from './sticky'
import { TextShape } from './text'

export { itemBounds, paintBounds, localBox } from './bounds'

/** How each item type draws itself, in the item's local frame (the item node supplies x, y, rotation). */
export const SHAPES: Record<ItemType, ComponentType<{ item: Item }>> = {
  rect: RectShape,
  ellipse: EllipseShape,
  line: LineShape,
  arrow: ArrowShape,
  path: PathShape,
  text: TextShape,
  sticky: StickyShape,
}
