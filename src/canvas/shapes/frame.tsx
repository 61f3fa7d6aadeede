import { Group, ItemText, Rect } from '../konva'
import type { Item } from '../../doc'
import type { ItemNodeProps } from './nodeProps'
import { fontFamilyOf, paint } from './style'
import { DEFAULT_FRAME_TITLE, FRAME_TITLE_GAP, FRAME_TITLE_SIZE } from './labelLayout'

export { DEFAULT_FRAME_TITLE, FRAME_TITLE_GAP, FRAME_TITLE_SIZE }

/**
 * A frame: a titled box that holds the items whose parentId it is. Like tldraw's, its inside is
 * not a click target (a press there starts a marquee or reaches the children); the title is
 * (select, drag, double-click to rename). The title is the frame's label (`text`).
 */
export function FrameShape({ item, node }: { item: Item; node: ItemNodeProps }) {
  return (
    <Group {...node}>
      <Rect
        width={item.width}
        height={item.height}
        fill={paint(item.fill)}
        stroke={paint(item.stroke)}
        strokeWidth={item.strokeWidth}
        cornerRadius={4}
        listening={false}
        perfectDrawEnabled={false}
      />
      <ItemText
        y={-(FRAME_TITLE_SIZE + FRAME_TITLE_GAP)}
        width={Math.max(40, item.width)}
        text={item.text || DEFAULT_FRAME_TITLE}
        fontSize={FRAME_TITLE_SIZE}
        fontFamily={fontFamilyOf(item.font)}
        fill="#6b7280"
        wrap="none"
        ellipsis
        perfectDrawEnabled={false}
      />
    </Group>
  )
}
