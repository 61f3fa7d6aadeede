import { addItems, readItem, type ItemInit } from '../../doc'
import { byMe } from '../state/editorStore'
import type { Point, ToolId } from '../state/editorStore'
import type { Tool, ToolContext } from './types'
import { markFreshText } from './freshText'

/**
 * text and sticky: a click creates the item (its own undo step) and opens the inline editor.
 * Clicking an existing item of the same kind edits it instead of stacking a new one on top.
 */
export function createTextLikeTool(id: ToolId, type: 'text' | 'sticky', init: (ctx: ToolContext, p: Point) => ItemInit): Tool {
  return {
    id,
    cursor: id === 'text' ? 'text' : 'crosshair',
    onPointerDown(ctx, e) {
      if (e.button !== 0 || ctx.store.get().readOnly) return
      const { store } = ctx
      if (store.get().editingId) {
        // a click while editing just ends the edit (the editor's blur handles the rest)
        store.setEditing(null)
        return
      }
      const hit = e.targetId ? readItem(ctx.doc, e.targetId) : null
      if (hit && hit.type === type) {
        startEditing(ctx, hit.id)
        return
      }
      createAndEdit(ctx, { ...init(ctx, e.scene), type })
    },
  }
}

/** Creates a text or sticky (its own undo step) and opens the editor on it; an empty new text goes away again. */
export function createAndEdit(ctx: ToolContext, init: ItemInit): string | null {
  ctx.undo.stopCapturing()
  const depth = ctx.undo.undoStack.length
  const r = addItems(ctx.doc, [{ ...init, pageId: ctx.store.get().pageId }], byMe(ctx.store))
  if (!r.ok) return null
  ctx.undo.stopCapturing()
  if (init.type === 'text') markFreshText(r.value[0]!, depth)
  startEditing(ctx, r.value[0]!)
  return r.value[0]!
}

/** Selects `id` and opens the inline editor on it (back on the select tool). */
export function startEditing(ctx: ToolContext, id: string): void {
  // setTool clears editingId, so switch tool first, then open the editor
  ctx.store.setTool('select')
  ctx.store.setSelection([id])
  ctx.store.setEditing(id)
}
