import type { CSSProperties } from 'react'
import type { Item } from '../../doc'
import { sceneToScreen } from '../camera'
import { wrapText } from '../export/textWrap'
import { DEFAULT_FRAME_TITLE, DEFAULT_LABEL_SIZE, FRAME_TITLE_GAP, FRAME_TITLE_SIZE, LABEL_LINE_HEIGHT, labelBox, labelColour } from '../shapes/labelLayout'
import { fontFamilyOf } from '../shapes/style'

/**
 * Where the inline editor sits for a shape's label: over the label's box, in its font, size,
 * colour and alignment, vertically centred on the text as the canvas draws it. A frame's title
 * is edited in place above the frame.
 */
export function labelEditorStyle(item: Item, camera: { x: number; y: number; zoom: number }, viewport: { width: number; height: number }): CSSProperties {
  const z = camera.zoom
  if (item.type === 'frame') {
    const p = sceneToScreen({ x: item.x, y: item.y - FRAME_TITLE_SIZE - FRAME_TITLE_GAP }, camera, viewport)
    return {
      left: p.x,
      top: p.y,
      width: Math.max(120, item.width) * z,
      height: FRAME_TITLE_SIZE * 1.4 * z,
      fontSize: FRAME_TITLE_SIZE * z,
      lineHeight: 1.2,
      fontFamily: fontFamilyOf(item.font),
      color: '#6b7280',
      background: 'transparent',
      padding: 0,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      transform: item.rotation ? `rotate(${item.rotation}deg)` : undefined,
      transformOrigin: `0 ${(FRAME_TITLE_SIZE + FRAME_TITLE_GAP) * z}px`,
    }
  }
  const b = labelBox(item)
  const size = item.fontSize ?? DEFAULT_LABEL_SIZE
  const lines = Math.max(1, wrapText(item.text ?? '', b.width, size).length)
  const textHeight = Math.min(b.height, lines * size * LABEL_LINE_HEIGHT)
  const top = b.y + (b.height - textHeight) / 2
  const p = sceneToScreen({ x: item.x + b.x, y: item.y + top }, camera, viewport)
  return {
    left: p.x,
    top: p.y,
    width: b.width * z,
    height: Math.max(textHeight, size * LABEL_LINE_HEIGHT) * z,
    fontSize: size * z,
    lineHeight: LABEL_LINE_HEIGHT,
    fontFamily: fontFamilyOf(item.font),
    textAlign: item.align ?? 'center',
    color: labelColour(item),
    background: 'transparent',
    padding: 0,
    opacity: item.opacity,
    transform: item.rotation ? `rotate(${item.rotation}deg)` : undefined,
    transformOrigin: `${-b.x * z}px ${-top * z}px`,
  }
}
