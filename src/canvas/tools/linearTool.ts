import { sceneModelFor } from '../items/sceneModel'
import type { Point, ToolId } from '../state/editorStore'
import { bindingUnder, boundPatch } from './bindTarget'
import { boxOfPoints, createDragTool, snap45 } from './shapeTool'
import { getToolStyle, lookOf } from './toolStyle'
import type { Tool } from './types'

export const DEFAULT_LINE_LENGTH = 100

function endPoints(start: Point, now: Point, shift: boolean): number[] {
  let dx = now.x - start.x
  let dy = now.y - start.y
  if (shift) ({ x: dx, y: dy } = snap45(dx, dy))
  return [start.x, start.y, start.x + dx, start.y + dy]
}

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
      return { type, x: p.x, y: p.y, width: 0, height: 0, points: [0, 0, 0, 0], fill: 'transparent', stroke: s.stroke, strokeWidth: s.strokeWidth, opacity: s.opacity, ...lookOf(s) }
    },
    drag: (_ctx, start, now, e) => () => boxOfPoints(endPoints(start, now, e.shiftKey)),
    // drawn from or to a shape: that end binds to it (CONTRACT §3), and follows it from now on
    finish: (ctx, id, start, now, e) => {
      const model = sceneModelFor(ctx.doc)
      const pageId = ctx.store.get().pageId
      const abs = endPoints(start, now, e.shiftKey)
      const s = bindingUnder(model, pageId, { x: abs[0]!, y: abs[1]! }, id)
      const en = bindingUnder(model, pageId, { x: abs[2]!, y: abs[3]! }, id)
      if (!s && !en) return boxOfPoints(abs)
      // both ends on one shape: a loop on itself is not what anyone means; keep the start free
      return boundPatch(model, abs, s && en && s.itemId === en.itemId ? null : s, en)
    },
    clickPatch: (_ctx, p) => boxOfPoints([p.x, p.y, p.x + DEFAULT_LINE_LENGTH, p.y]),
  })
}
