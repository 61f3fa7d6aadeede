import type { ComponentType } from 'react'
import type { Item, ItemType } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { ArrowShape } from './arrow'
import { EllipseShape } from './ellipse'
import { FrameShape } from './frame'
import { GroupShape } from './group'
import { LineShape } from './line'
import { PathShape } from './path'
import { RectShape } from './rect'
import { StickyShape } from './sticky'
import { TextShape } from './text'
import { ImageShape } from './image'

export { itemBounds, paintBounds, localBox } from './bounds'
export type { ItemNodeProps } from './nodeProps'

/** How each item type draws itself; `node` goes on the root Konva node (placement and identity). */
export const SHAPES: Record<ItemType, ComponentType<{ item: Item; node: ItemNodeProps }>> = {
  rect: RectShape,
  ellipse: EllipseShape,
  line: LineShape,
  arrow: ArrowShape,
  path: PathShape,
  text: TextShape,
  sticky: StickyShape,
  group: GroupShape,
  frame: FrameShape,
  image: ImageShape,
}
