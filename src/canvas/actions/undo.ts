import { readItem } from '../../doc'
import type { Action, ActionContext } from './types'

/** Undo/redo go through the board's UndoManager, which tracks only this user's changes. */
export const undoAction: Action = {
  id: 'undo',
  label: 'Undo',
  writes: true,
  enabled: (ctx) => ctx.undo.canUndo(),
  run: (ctx) => {
    ctx.undo.undo()
    pruneSelection(ctx)
  },
}

export const redoAction: Action = {
  id: 'redo',
  label: 'Redo',
  writes: true,
  enabled: (ctx) => ctx.undo.canRedo(),
  run: (ctx) => {
    ctx.undo.redo()
    pruneSelection(ctx)
  },
}

/** After undo/redo some selected items may no longer exist. */
function pruneSelection(ctx: ActionContext): void {
  const sel = ctx.store.get().selection
  const alive = sel.filter((id) => readItem(ctx.doc, id) !== null)
  if (alive.length !== sel.length) ctx.store.setSelection(alive)
}
