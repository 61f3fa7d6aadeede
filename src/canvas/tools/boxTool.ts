import type { ItemType } from '../../doc'
import type { Point, ToolId } from '../state/editorStore'
import { createDragTool } from './shapeTool'
import { getToolStyle, lookOf } from './toolStyle'
import type { Tool } from './types'

export const DEFAULT_BOX_SIZE = 100

/** The rectangle spanned by two corners; with `square`, both sides take the longer length. */
export function boxFromCorners(a: Point, b: Point, square: boolean): { x: number; y: number; width: number; height: number } {
  let w = b.x - a.x
  let h = b.y - a.y
  if (square) {
    const s = Math.max(Math.abs(w), Math.abs(h))
    w = Math.sign(w || 1) * s
    h = Math.sign(h || 1) * s
  }
  return { x: Math.min(a.x, a.x + w), y: Math.min(a.y, a.y + h), width: Math.abs(w), height: Math.abs(h) }
}

/** rect and ellipse: drag out a box (Shift = square/circle); a click makes a default-size one centred there. */
export function createBoxTool(id: ToolId, type: Extract<ItemType, 'rect' | 'ellipse'>): Tool {
  return createDragTool({
    id,
    cursor: 'crosshair',
    init: (ctx, p) => {
      const s = getToolStyle(ctx.store)
      return { type, x: p.x, y: p.y, width: 0, height: 0, fill: s.fill, stroke: s.stroke, strokeWidth: s.strokeWidth, opacity: s.opacity, ...lookOf(s) }
    },
    drag: (_ctx, start, now, e) => () => boxFromCorners(start, now, e.shiftKey),
    clickPatch: (_ctx, p) => ({
      x: p.x - DEFAULT_BOX_SIZE / 2,
      y: p.y - DEFAULT_BOX_SIZE / 2,
      width: DEFAULT_BOX_SIZE,
      height: DEFAULT_BOX_SIZE,
    }),
  })
}
