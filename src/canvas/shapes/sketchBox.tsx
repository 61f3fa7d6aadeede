import { Shape } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { paintCleanBox, paintSketchBox } from './sketchPaint'
import { dashPattern, paint } from './style'

/**
 * A rect or ellipse in the hand-drawn style (CONTRACT §3 `style: 'sketch'`): one Konva Shape in
 * the item's (0,0)–(width,height) box, painted from roughjs strokes seeded by the item id.
 * `node` is given when the box is the item's root node (no label around it).
 */
export function SketchBox({ kind, item, node }: { kind: 'rect' | 'ellipse'; item: Item; node?: ItemNodeProps }) {
  const dash = dashPattern(item.dash, item.strokeWidth)
  return (
    <Shape
      {...(node ?? {})}
      sceneFunc={paintSketchBox}
      hitFunc={paintCleanBox}
      sketchKind={kind}
      sketchId={item.id}
      width={item.width}
      height={item.height}
      fill={paint(item.fill)}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      dash={dash}
      dashEnabled={dash !== undefined}
      lineCap="round"
      lineJoin="round"
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}

/** Whether an item is drawn hand-drawn. */
export function isSketch(item: Pick<Item, 'style'>): boolean {
  return item.style === 'sketch'
}
