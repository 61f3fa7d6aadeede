import { isInGesture } from '../../doc'
import { pruneSelection } from '../state/selectionPrune'
import type { Action } from './types'

/**
 * Undo/redo go through the board's UndoManager, which tracks only this user's changes.
 * Either may remove selected items; the board's watchSelection prunes those too, the explicit
 * prune keeps the action correct on its own (tests, any host without the watcher).
 * Neither runs in the middle of a drag, resize or drawing (an open gesture): undoing under the
 * pointer left the item behind it and the drag's later writes wiped the redo.
 */
export const undoAction: Action = {
  id: 'undo',
  label: 'Undo',
  writes: true,
  enabled: (ctx) => ctx.undo.canUndo() && !isInGesture(ctx.undo),
  run: (ctx) => {
    ctx.undo.undo()
    pruneSelection(ctx.doc, ctx.store)
  },
}

export const redoAction: Action = {
  id: 'redo',
  label: 'Redo',
  writes: true,
  enabled: (ctx) => ctx.undo.canRedo() && !isInGesture(ctx.undo),
  run: (ctx) => {
    ctx.undo.redo()
    pruneSelection(ctx.doc, ctx.store)
  },
}
