import { Group, Rect } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { hasLabelText, ShapeLabel } from './label'
import { dashPattern, paint } from './style'
import { isSketch, SketchBox } from './sketchBox'

/** A rectangle; with a label it becomes a group of the box and its wrapped text. */
export function RectShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  const dash = dashPattern(item.dash, item.strokeWidth)
  const box = isSketch(item) ? (
    <SketchBox kind="rect" item={item} node={hasLabelText(item) ? undefined : node} />
  ) : (
    <Rect
      {...(hasLabelText(item) ? {} : node)}
      width={item.width}
      height={item.height}
      fill={paint(item.fill)}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      dash={dash}
      dashEnabled={dash !== undefined}
      cornerRadius={Math.min(4, item.width / 4, item.height / 4)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
  if (!hasLabelText(item)) return box
  return (
    <Group {...node}>
      {box}
      <ShapeLabel item={item} />
    </Group>
  )
}
