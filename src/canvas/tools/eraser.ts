import { removeItems } from '../../doc'
import { itemNodes } from '../items/nodeRegistry'
import { sceneModelFor } from '../items/sceneModel'
import type { Tool, ToolContext } from './types'

/** How marked items look until the press ends. */
const MARKED_OPACITY = 0.2

/** ids marked by the current press → the opacity their node had */
const marked = new Map<string, number>()
let pressing = false

function mark(ctx: ToolContext, id: string | null): void {
  if (!id || marked.has(id)) return
  const it = sceneModelFor(ctx.doc).get(id)
  if (!it || it.locked) return
  const node = itemNodes(ctx.doc).get(id)
  marked.set(id, node?.opacity() ?? 1)
  if (node) {
    node.opacity(MARKED_OPACITY)
    node.getLayer()?.batchDraw()
  }
}

function restore(ctx: ToolContext): void {
  const nodes = itemNodes(ctx.doc)
  for (const [id, opacity] of marked) {
    const n = nodes.get(id)
    if (n) {
      n.opacity(opacity)
      n.getLayer()?.batchDraw()
    }
  }
  marked.clear()
  pressing = false
}

/**
 * E: the eraser. Press and sweep over items: they fade as they are touched, and all of them are
 * removed together when the press ends (one removeItems: one undo step). Locked items are left
 * alone; Escape puts everything back.
 */
export const eraserTool: Tool = {
  id: 'eraser',
  cursor: 'cell',
  hitOnMove: true,
  onPointerDown(ctx, e) {
    if (e.button !== 0) return
    restore(ctx)
    pressing = true
    mark(ctx, e.targetId)
  },
  onPointerMove(ctx, e) {
    if (pressing) mark(ctx, e.targetId)
  },
  onPointerUp(ctx, e) {
    if (!pressing) return
    mark(ctx, e.targetId)
    const ids = [...marked.keys()]
    marked.clear()
    pressing = false
    if (ids.length > 0) {
      ctx.undo.stopCapturing() // the sweep is one undo step of its own
      removeItems(ctx.doc, ids)
      ctx.undo.stopCapturing()
    }
    if (ctx.store.get().selection.some((id) => ids.includes(id))) ctx.store.setSelection(ctx.store.get().selection.filter((id) => !ids.includes(id)))
  },
  onKeyDown(ctx, e) {
    if (e.key !== 'Escape' || !pressing) return
    restore(ctx)
    e.preventDefault()
  },
  onCancel: restore,
  onExit: restore,
}
