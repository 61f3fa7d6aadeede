import { Line } from 'react-konva'
import type { Item } from '../../doc'
import { MIN_HIT_STROKE, paint } from './style'

export function LineShape({ item }: { item: Item }) {
  return (
    <Line
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
