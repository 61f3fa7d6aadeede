import { Rect } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { paint } from './style'

export function RectShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return (
    <Rect
      {...node}
      width={item.width}
      height={item.height}
      fill={paint(item.fill)}
      stroke={paint(item.stroke)}
      strokeWidth={item.strokeWidth}
      cornerRadius={Math.min(4, item.width / 4, item.height / 4)}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  )
}
