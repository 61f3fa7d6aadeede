import { Ellipse, Group } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { hasLabelText, ShapeLabel } from './label'
import { dashPattern, paint } from './style'
import { isSketch, SketchBox } from './sketchBox'

/**
 * Konva ellipses are centred; the negative offset draws it inside the item's top-left box.
 * A sketch ellipse is drawn in that box directly (shapes/sketchBox.tsx).
 */
export function EllipseShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const dash = dashPattern(item.dash, item.strokeWidth)
  const shape = isSketch(item) ? (
    <SketchBox kind="ellipse" item={item} node={hasLabelText(item) ? undefined : node} />
  ) : (
    <Ellipse
      {...(hasLabelText(item) ? {} : node)}
      offsetX={-item.width / 2}
      offsetY={-item.height / 2}
      radiusX={item.width / 2}
      radiusY={item.height / 2}
      fill={paint(item.fill)}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      dash={dash}
      dashEnabled={dash !== undefined}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
  if (!hasLabelText(item)) return shape
  return (
    <Group {...node}>
      {shape}
      <ShapeLabel item={item} />
    </Group>
  )
}
