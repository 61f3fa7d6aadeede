import { Arrow } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { MIN_HIT_STROKE, paint } from './style'

/** A line with an arrowhead at its last point, sized from the stroke width. */
export function ArrowShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const head = Math.max(10, item.strokeWidth * 4)
  const stroke = paint(item.stroke)
  return (
    <Arrow
      {...node}
      points={item.points ?? []}
      stroke={stroke}
      fill={stroke}
      strokeWidth={item.strokeWidth}
      pointerLength={head}
      pointerWidth={head * 0.85}
      lineCap="round"
      lineJoin="round"
      hitStrokeWidth={Math.max(item.strokeWidth, MIN_HIT_STROKE)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
