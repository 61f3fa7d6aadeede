import { ItemText } from '../konva'
import type { Item } from '../../doc'
import { fontFamilyOf, INK, paint } from './style'

export const LABEL_PADDING = 8
export const LABEL_LINE_HEIGHT = 1.25
export const DEFAULT_LABEL_SIZE = 20

/** The box a label wraps in, relative to the item: an ellipse's inscribed rectangle, a shape's padded box. */
export function labelBox(item: Pick<Item, 'type' | 'width' | 'height'>): { x: number; y: number; width: number; height: number } {
  const inset = item.type === 'ellipse' ? 0.1464 : 0
  const x = item.width * inset + LABEL_PADDING
  const y = item.height * inset + LABEL_PADDING
  return { x, y, width: Math.max(0, item.width - 2 * x), height: Math.max(0, item.height - 2 * y) }
}

/** Colour of a shape's label: its stroke, or ink when the stroke is invisible. */
export function labelColour(item: Pick<Item, 'stroke'>): string {
  return !item.stroke || item.stroke === 'transparent' ? INK : paint(item.stroke)
}

/** A shape's label (CONTRACT §3 `text` on rect/ellipse/frame): wrapped, centred vertically, in its font and alignment. */
export function ShapeLabel({ item }: { item: Item }) {
  const b = labelBox(item)
  return (
    <ItemText
      x={b.x}
      y={b.y}
      width={b.width}
      height={b.height}
      text={item.text ?? ''}
      fontSize={item.fontSize ?? DEFAULT_LABEL_SIZE}
      fontFamily={fontFamilyOf(item.font)}
      align={item.align ?? 'center'}
      verticalAlign="middle"
      lineHeight={LABEL_LINE_HEIGHT}
      fill={labelColour(item)}
      wrap="word"
      ellipsis
      listening={false}
      perfectDrawEnabled={false}
    />
  )
}

/** Whether an item has a label worth drawing. */
export function hasLabelText(item: Pick<Item, 'text'>): boolean {
  return !!item.text && item.text.length > 0
}
