import { Shape } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { arrowheadsOf, paintLinear } from './linearPaint'
import { MIN_HIT_STROKE, dashPattern, paint } from './style'

/**
 * A line or arrow: polyline, optional dash, a head at either end (none/arrow/dot/bar). Bound ends
 * arrive already resolved (items/sceneModel.ts), so this draws what it is given.
 */
export function LinearShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const stroke = paint(item.stroke)
  const dash = dashPattern(item.dash, item.strokeWidth)
  return (
    <Shape
      {...node}
      sceneFunc={paintLinear}
      points={item.points ?? []}
      heads={arrowheadsOf(item)}
      stroke={stroke}
      fill={stroke}
      strokeWidth={item.strokeWidth}
      dash={dash}
      dashEnabled={dash !== undefined}
      lineCap="round"
      lineJoin="round"
      hitStrokeWidth={Math.max(item.strokeWidth, MIN_HIT_STROKE)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
