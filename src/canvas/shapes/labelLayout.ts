import type { Item } from '../../doc'
import { INK, paint } from './style'

/**
 * Where a shape's label and a frame's title sit and in which colour, as plain numbers: shared by
 * the canvas (label.tsx, frame.tsx), the text editor overlay and the SVG export. Kept out of the
 * React components so the export chunk does not pull in Konva.
 */
export const LABEL_PADDING = 8
export const LABEL_LINE_HEIGHT = 1.25
export const DEFAULT_LABEL_SIZE = 20

/** The box a label wraps in, relative to the item: an ellipse's inscribed rectangle, a shape's padded box. */
export function labelBox(item: Pick<Item, 'type' | 'width' | 'height'>): { x: number; y: number; width: number; height: number } {
  const inset = item.type === 'ellipse' ? 0.1464 : 0
  const x = item.width * inset + LABEL_PADDING
  const y = item.height * inset + LABEL_PADDING
  return { x, y, width: Math.max(0, item.width - 2 * x), height: Math.max(0, item.height - 2 * y) }
}

/** Colour of a shape's label: its stroke, or ink when the stroke is invisible. */
export function labelColour(item: Pick<Item, 'stroke'>): string {
  return !item.stroke || item.stroke === 'transparent' ? INK : paint(item.stroke)
}

export const FRAME_TITLE_SIZE = 14
export const FRAME_TITLE_GAP = 6
export const DEFAULT_FRAME_TITLE = 'Frame'
