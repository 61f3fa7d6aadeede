import { Group, ItemText, Rect } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { fontFamilyOf, INK, paint, STICKY_PAD } from './style'

const RADIUS = 6

/**
 * A sticky note: a coloured rounded square with a soft drop shadow and wrapped text. The shadow is
 * an offset translucent rectangle rather than a canvas blur, which is far cheaper with many notes.
 */
export function StickyShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const { width: w, height: h } = item
  return (
    <Group {...node}>
      <Rect x={1} y={3} width={w - 2} height={h} cornerRadius={RADIUS} fill="rgba(15,23,42,0.10)" listening={false} perfectDrawEnabled={false} />
      <Rect
        width={w}
        height={h}
        cornerRadius={RADIUS}
        fill={paint(item.fill)}
        stroke={item.strokeWidth > 0 ? paint(item.stroke) : undefined}
        strokeWidth={item.strokeWidth}
        perfectDrawEnabled={false}
      />
      <ItemText
        x={STICKY_PAD}
        y={STICKY_PAD}
        width={Math.max(0, w - STICKY_PAD * 2)}
        height={Math.max(0, h - STICKY_PAD * 2)}
        text={item.text ?? ''}
        fontSize={item.fontSize ?? 20}
        fontFamily={fontFamilyOf(item.font)}
        align={item.align ?? 'left'}
        lineHeight={1.3}
        fill={INK}
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
    </Group>
  )
}
