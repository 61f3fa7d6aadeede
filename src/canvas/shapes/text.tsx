import { ItemText } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { fontFamilyOf, paint } from './style'

/**
 * A text item: the Y.Text content wrapped to the item's width. Konva's text hit region is its
 * whole box, so the item is clickable between glyphs too.
 */
export function TextShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return (
    <ItemText
      {...node}
      text={item.text ?? ''}
      width={item.width}
      fontSize={item.fontSize ?? 24}
      fontFamily={fontFamilyOf(item.font)}
        align={item.align ?? 'left'}
      lineHeight={1.25}
      fill={paint(item.fill)}
      perfectDrawEnabled={false}
    />
  )
}
