import { Rect, Text } from 'react-konva'
import type { Item } from '../../doc'
import { FONT_FAMILY, paint } from './style'

/**
 * A text item: the Y.Text content wrapped to the item's width. A transparent box under it keeps
 * the whole item clickable (also when empty or between glyphs).
 */
export function TextShape({ item }: { item: Item }) {
  return (
    <>
      <Rect width={item.width} height={item.height} fill="transparent" perfectDrawEnabled={false} />
      <Text
        text={item.text ?? ''}
        width={item.width}
        fontSize={item.fontSize ?? 24}
        fontFamily={FONT_FAMILY}
        lineHeight={1.25}
        fill={paint(item.fill)}
        listening={false}
        perfectDrawEnabled={false}
      />
    </>
  )
}
