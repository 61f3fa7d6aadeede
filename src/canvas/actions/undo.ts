import { isInGesture, undoNotice, type SharedUndoManager } from '../../doc'
import { postToast } from '../ui/Toast'
import { pruneSelection } from '../state/selectionPrune'
import type { Action, ActionContext } from './types'

/**
 * Undo/redo go through the board's UndoManager, which tracks only this user's changes.
 * Either may remove selected items; the board's watchSelection prunes those too, the explicit
 * prune keeps the action correct on its own (tests, any host without the watcher).
 * Neither runs in the middle of a drag, resize or drawing (an open gesture): undoing under the
 * pointer left the item behind it and the drag's later writes wiped the redo.
 * A step that others have overwritten since is skipped with a short notice, never passed
 * through to the step before it (see SharedUndoManager).
 */
export const undoAction: Action = {
  id: 'undo',
  label: 'Undo',
  writes: true,
  enabled: (ctx) => ctx.undo.canUndo() && !isInGesture(ctx.undo),
  run: (ctx) => {
    ctx.undo.undo()
    after(ctx, 'Undo')
  },
}

export const redoAction: Action = {
  id: 'redo',
  label: 'Redo',
  writes: true,
  enabled: (ctx) => ctx.undo.canRedo() && !isInGesture(ctx.undo),
  run: (ctx) => {
    ctx.undo.redo()
    after(ctx, 'Redo')
  },
}

function after(ctx: ActionContext, verb: 'Undo' | 'Redo'): void {
  pruneSelection(ctx.doc, ctx.store)
  const um = ctx.undo as Partial<SharedUndoManager>
  const notice = um.lastOutcome ? undoNotice(um.lastOutcome, verb) : null
  if (notice) postToast(ctx.store, notice)
}
