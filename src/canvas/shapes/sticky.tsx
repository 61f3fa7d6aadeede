import { Rect, Text } from 'react-konva'
import type { Item } from '../../doc'
import { FONT_FAMILY, INK, paint } from './style'

const PAD = 16
const RADIUS = 6

/**
 * A sticky note: a coloured rounded square with a soft drop shadow and wrapped text. The shadow is
 * two offset translucent rectangles rather than a canvas blur, which is far cheaper with many notes.
 */
export function StickyShape({ item }: { item: Item }) {
  const { width: w, height: h } = item
  return (
    <>
      <Rect x={1} y={6} width={w - 2} height={h} cornerRadius={RADIUS} fill="rgba(15,23,42,0.06)" listening={false} perfectDrawEnabled={false} />
      <Rect x={0} y={2} width={w} height={h} cornerRadius={RADIUS} fill="rgba(15,23,42,0.08)" listening={false} perfectDrawEnabled={false} />
      <Rect
        width={w}
        height={h}
        cornerRadius={RADIUS}
        fill={paint(item.fill)}
        stroke={item.strokeWidth > 0 ? paint(item.stroke) : undefined}
        strokeWidth={item.strokeWidth}
        perfectDrawEnabled={false}
      />
      <Text
        x={PAD}
        y={PAD}
        width={Math.max(0, w - PAD * 2)}
        height={Math.max(0, h - PAD * 2)}
        text={item.text ?? ''}
        fontSize={item.fontSize ?? 20}
        fontFamily={FONT_FAMILY}
        lineHeight={1.3}
        fill={INK}
        ellipsis
        listening={false}
        perfectDrawEnabled={false}
      />
    </>
  )
}
