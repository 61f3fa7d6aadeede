import { Ellipse } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { paint } from './style'

/** Konva ellipses are centred; the negative offset draws it inside the item's top-left box. */
export function EllipseShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return (
    <Ellipse
      {...node}
      offsetX={-item.width / 2}
      offsetY={-item.height / 2}
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
