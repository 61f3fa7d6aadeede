import { simplifyPoints } from '../simplify'
import { boxOfPoints, createDragTool } from './shapeTool'
import { getToolStyle } from './toolStyle'

/** Simplification tolerance in screen pixels (converted to scene units at the current zoom). */
export const PEN_TOLERANCE_PX = 1.5

// Absolute scene points of the stroke being drawn (one stroke at a time per tool instance). It
// grows here, in memory, on every move; the item's node previews it every frame and the doc gets
// it about every 100 ms (see DraftShape) — each doc write carries the whole array, so writing per
// move made a stroke's traffic grow with the square of its length.
let stroke: number[] = []

/** P / D: freehand pen. Samples every move; simplified (Ramer–Douglas–Peucker) on pointer-up. */
export const penTool = createDragTool({
  id: 'pen',
  cursor: 'crosshair',
  init: (ctx, p) => {
    stroke = [p.x, p.y]
    const s = getToolStyle(ctx.store)
    return { type: 'path', x: p.x, y: p.y, width: 0, height: 0, points: [0, 0, 0, 0], fill: 'transparent', stroke: s.stroke, strokeWidth: s.strokeWidth, opacity: s.opacity }
  },
  drag: (_ctx, _start, now) => {
    stroke.push(now.x, now.y)
    // this stroke's array (later moves still grow it), not whatever `stroke` is when evaluated:
    // `finish` and the next `init` replace it
    const points = stroke
    return () => boxOfPoints(points)
  },
  // A click leaves a dot: two equal points render as a round cap.
  clickPatch: (_ctx, p) => boxOfPoints([p.x, p.y, p.x, p.y]),
  finish: (ctx) => {
    const tol = PEN_TOLERANCE_PX / ctx.store.get().camera.zoom
    const simplified = simplifyPoints(stroke, tol)
    stroke = []
    return boxOfPoints(simplified)
  },
})
