import type { ItemInit, ItemPatch } from '../../doc'
import { byMe } from '../state/editorStore'
import { addItems, endGesture, startGesture } from '../../doc'
import type { Point, ToolId } from '../state/editorStore'
import { DraftShape, type LazyPatch } from './draftShape'
import type { Tool, ToolContext, ToolPointerEvent } from './types'

/** Screen pixels the pointer must travel before a press counts as a drag rather than a click. */
export const DRAG_THRESHOLD_PX = 3

/** Sticky-tool lock: when true, drawing tools stay active after a shape is drawn. */
export const toolLock = { locked: false }

/** Selects the new item and (unless locked) returns to the select tool, like tldraw. */
export function finishCreation(ctx: ToolContext, id: string): void {
  if (!toolLock.locked) ctx.store.setTool('select')
  ctx.store.setSelection([id])
}

/** Snaps the vector (dx, dy) to the nearest multiple of 45°, keeping its length. */
export function snap45(dx: number, dy: number): Point {
  const len = Math.hypot(dx, dy)
  if (len === 0) return { x: 0, y: 0 }
  const step = Math.PI / 4
  const a = Math.round(Math.atan2(dy, dx) / step) * step
  // Math.cos(π/2) is 6e-17, not 0: round so axis-aligned lines are exactly axis-aligned.
  return { x: round6(Math.cos(a) * len), y: round6(Math.sin(a) * len) }
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

/**
 * The common life cycle of a drag-to-create tool: create at pointer-down inside one undo gesture,
 * reshape while dragging (see DraftShape: the local node follows every frame, the doc — and so
 * remote users — every ~100 ms), finish at pointer-up with the exact final shape (a click without
 * a drag gets `clickPatch`), then select it. Escape cancels: the gesture is closed and undone.
 */
export interface DragSpec {
  id: ToolId
  cursor: string
  /** the item created at pointer-down */
  init(ctx: ToolContext, start: Point): ItemInit
  /**
   * The pointer moved to `now`: the shape for dragging from `start` to here. Returned lazily
   * because only the latest move's shape is ever used, once per frame (a pen stroke's box and
   * relative points are a pass over the whole stroke).
   */
  drag(ctx: ToolContext, start: Point, now: Point, e: ToolPointerEvent): LazyPatch
  /** the patch for a click without a drag (default size), or null to keep the item as is */
  clickPatch(ctx: ToolContext, start: Point): ItemPatch | null
  /**
   * optional last patch at pointer-up after a real drag (e.g. simplify a pen stroke, bind an
   * arrow's ends), given where the drag started and ended
   */
  finish?(ctx: ToolContext, id: string, start: Point, now: Point, e: ToolPointerEvent): ItemPatch | null
}

interface Gesture {
  draft: DraftShape
  start: Point
  startScreen: Point
  dragged: boolean
  pointerId: number
}

export function createDragTool(spec: DragSpec): Tool {
  let g: Gesture | null = null

  /** Closes the gesture: `final` (or, when null, the latest dragged shape) goes into the doc. */
  const end = (ctx: ToolContext, final: ItemPatch | null) => {
    const cur = g
    g = null
    if (!cur) return
    cur.draft.commit(final)
    endGesture(ctx.undo)
    finishCreation(ctx, cur.draft.id)
  }

  return {
    id: spec.id,
    cursor: spec.cursor,
    onPointerDown(ctx, e) {
      if (e.button !== 0 || ctx.store.get().readOnly) return
      if (g) end(ctx, null)
      startGesture(ctx.undo)
      const init = spec.init(ctx, e.scene)
      const r = addItems(ctx.doc, [{ ...init, pageId: ctx.store.get().pageId }], byMe(ctx.store))
      if (!r.ok) {
        endGesture(ctx.undo)
        return
      }
      const draft = new DraftShape(ctx, r.value[0]!, init.type)
      g = { draft, start: e.scene, startScreen: e.screen, dragged: false, pointerId: e.pointerId }
    },
    onPointerMove(ctx, e) {
      if (!g || e.pointerId !== g.pointerId) return
      if (!g.dragged && Math.hypot(e.screen.x - g.startScreen.x, e.screen.y - g.startScreen.y) < DRAG_THRESHOLD_PX) return
      g.dragged = true
      g.draft.update(spec.drag(ctx, g.start, e.scene, e))
    },
    onPointerUp(ctx, e) {
      if (!g || e.pointerId !== g.pointerId) return
      end(ctx, g.dragged ? (spec.finish?.(ctx, g.draft.id, g.start, e.scene, e) ?? null) : spec.clickPatch(ctx, g.start))
    },
    onCancel(ctx) {
      if (!g) return
      g.draft.cancel()
      g = null
      endGesture(ctx.undo)
      // The half-drawn shape is one undo step of its own: undoing it removes it for everyone.
      ctx.undo.undo()
    },
    onExit(ctx) {
      if (g) end(ctx, null)
    },
  }
}

/** Normalises absolute scene points to {x, y, width, height, points relative to (x, y)}. */
export function boxOfPoints(abs: readonly number[]): { x: number; y: number; width: number; height: number; points: number[] } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (let i = 0; i + 1 < abs.length; i += 2) {
    minX = Math.min(minX, abs[i]!)
    maxX = Math.max(maxX, abs[i]!)
    minY = Math.min(minY, abs[i + 1]!)
    maxY = Math.max(maxY, abs[i + 1]!)
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0, points: [] }
  const points = abs.map((v, i) => (i % 2 === 0 ? v - minX : v - minY))
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY, points }
}
