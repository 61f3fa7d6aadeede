import { Line } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { MIN_HIT_STROKE, paint } from './style'

/**
 * Freehand strokes. A little tension smooths sparse input; very dense strokes are drawn
 * straight (tension costs a spline per segment and adds nothing visible there).
 */
export function PathShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const points = item.points ?? []
  return (
    <Line
      {...node}
      points={points}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      tension={points.length < 400 ? 0.35 : 0}
      lineCap="round"
      lineJoin="round"
      hitStrokeWidth={Math.max(item.strokeWidth, MIN_HIT_STROKE)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
