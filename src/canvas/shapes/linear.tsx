import { Shape } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { arrowheadsOf, paintLinear } from './linearPaint'
import { MIN_HIT_STROKE, dashPattern, paint } from './style'
import { isSketch } from './sketchBox'
import { paintSketchLinear } from './sketchPaint'

/**
 * A line or arrow: polyline, optional dash, a head at either end (none/arrow/dot/bar). Bound ends
 * arrive already resolved (items/sceneModel.ts), so this draws what it is given. In the sketch
 * style the same polyline and heads are drawn by hand; hit tests always use the clean ones.
 */
export function LinearShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const stroke = paint(item.stroke)
  const dash = dashPattern(item.dash, item.strokeWidth)
  return (
    <Shape
      {...node}
      sceneFunc={isSketch(item) ? paintSketchLinear : paintLinear}
      hitFunc={paintLinear}
      sketchId={item.id}
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
