import { Line } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { MIN_HIT_STROKE, paint } from './style'

export function LineShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return (
    <Line
      {...node}
      points={item.points ?? []}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      lineCap="round"
      lineJoin="round"
      hitStrokeWidth={Math.max(item.strokeWidth, MIN_HIT_STROKE)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
