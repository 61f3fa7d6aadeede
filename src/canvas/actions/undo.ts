import { pruneSelection } from '../state/selectionPrune'
import type { Action } from './types'

/**
 * Undo/redo go through the board's UndoManager, which tracks only this user's changes.
 * Either may remove selected items; the board's watchSelection prunes those too, the explicit
 * prune keeps the action correct on its own (tests, any host without the watcher).
 */
export const undoAction: Action = {
  id: 'undo',
  label: 'Undo',
  writes: true,
  enabled: (ctx) => ctx.undo.canUndo(),
  run: (ctx) => {
    ctx.undo.undo()
    pruneSelection(ctx.doc, ctx.store)
  },
}

export const redoAction: Action = {
  id: 'redo',
  label: 'Redo',
  writes: true,
  enabled: (ctx) => ctx.undo.canRedo(),
  run: (ctx) => {
    ctx.undo.redo()
    pruneSelection(ctx.doc, ctx.store)
  },
}
