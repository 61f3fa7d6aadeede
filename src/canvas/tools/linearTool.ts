import type { ToolId } from '../state/editorStore'
import { boxOfPoints, createDragTool, snap45 } from './shapeTool'
import { getToolStyle } from './toolStyle'
import type { Tool } from './types'

export const DEFAULT_LINE_LENGTH = 100

/**
 * line and arrow: drag from start to end (Shift snaps to 45°). Stored normalised: (x, y) is the
 * top-left of the bounding box and `points` are relative to it, so width/height are the real bounds.
 */
export function createLinearTool(id: ToolId, type: 'line' | 'arrow'): Tool {
  return createDragTool({
    id,
    cursor: 'crosshair',
    init: (ctx, p) => {
      const s = getToolStyle(ctx.store)
      return { type, x: p.x, y: p.y, width: 0, height: 0, points: [0, 0, 0, 0], fill: 'transparent', stroke: s.stroke, strokeWidth: s.strokeWidth, opacity: s.opacity }
    },
    drag: (_ctx, start, now, e) => () => {
      let dx = now.x - start.x
      let dy = now.y - start.y
      if (e.shiftKey) ({ x: dx, y: dy } = snap45(dx, dy))
      return boxOfPoints([start.x, start.y, start.x + dx, start.y + dy])
    },
    clickPatch: (_ctx, p) => boxOfPoints([p.x, p.y, p.x + DEFAULT_LINE_LENGTH, p.y]),
  })
}
