import { ItemText } from '../konva'
import type { Item } from '../../doc'
import { fontFamilyOf } from './style'
import { DEFAULT_LABEL_SIZE, LABEL_LINE_HEIGHT, LABEL_PADDING, labelBox, labelColour } from './labelLayout'

export { DEFAULT_LABEL_SIZE, LABEL_LINE_HEIGHT, LABEL_PADDING, labelBox, labelColour }

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
