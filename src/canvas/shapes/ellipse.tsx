import { Ellipse } from 'react-konva'
import type { Item } from '../../doc'
import { paint } from './style'

/** Konva ellipses are centred; items are positioned by their top-left corner. */
export function EllipseShape({ item }: { item: Item }) {
  return (
    <Ellipse
      x={item.width / 2}
      y={item.height / 2}
      radiusX={item.width / 2}
      radiusY={item.height / 2}
      fill={paint(item.fill)}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
