import { runAction, type ActionContext } from '../actions'
import { shortcutFor } from '../keyboard'
import { useEditor, useUndoState } from './hooks'
import { ICONS } from './icons'

/** Undo/redo of this user's own changes (the board's UndoManager never touches others' edits). */
export function UndoRedo({ ctx }: { ctx: ActionContext }) {
  const { canUndo, canRedo } = useUndoState(ctx.undo)
  if (useEditor((s) => s.readOnly)) return null
  return (
    <div className="tsr-panel tsr-row">
      <button type="button" className="tsr-icon-btn" data-testid="undo" disabled={!canUndo} title={`Undo — ${shortcutFor('undo')}`} aria-label="Undo" onClick={() => runAction('undo', ctx)}>
        {ICONS.undo}
      </button>
      <button type="button" className="tsr-icon-btn" data-testid="redo" disabled={!canRedo} title={`Redo — ${shortcutFor('redo')}`} aria-label="Redo" onClick={() => runAction('redo', ctx)}>
        {ICONS.redo}
      </button>
    </div>
  )
}
