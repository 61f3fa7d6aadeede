import type { ToolId } from '../state/editorStore'
import { copyAction, cutAction, pasteAction } from './clipboard'
import { deleteAction } from './delete'
import { editLabelAction } from './editLabel'
import { groupAction, ungroupAction } from './group'
import { duplicateAction } from './duplicate'
import { escapeAction, toggleHelpAction } from './escape'
import { NUDGE_ACTIONS } from './nudge'
import { settleNudge } from './floatNudge'
import { alignAction, distributeAction } from './arrange'
import { toggleLockAction } from './lock'
import { toggleThemeAction } from './theme'
import { ALIGN_OPS } from '../arrange/alignOps'
import { bringForwardAction, bringToFrontAction, sendBackwardAction, sendToBackAction } from './reorder'
import { selectAllAction } from './selectAll'
import { setToolAction } from './setTool'
import type { Action, ActionContext } from './types'
import { redoAction, undoAction } from './undo'
import { zoomInAction, zoomOutAction, zoomResetAction, zoomToFitAction } from './zoom'

const TOOL_IDS: ToolId[] = ['select', 'hand', 'rect', 'ellipse', 'line', 'arrow', 'pen', 'text', 'sticky', 'laser', 'eraser', 'frame']

/** Every command, by id. Toolbar, shortcuts and menus look actions up here. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    ...TOOL_IDS.map(setToolAction),
    deleteAction,
    duplicateAction,
    selectAllAction,
    ...NUDGE_ACTIONS,
    bringForwardAction,
    sendBackwardAction,
    bringToFrontAction,
    sendToBackAction,
    copyAction,
    cutAction,
    pasteAction,
    undoAction,
    redoAction,
    zoomInAction,
    zoomOutAction,
    zoomResetAction,
    zoomToFitAction,
    escapeAction,
    toggleHelpAction,
    // look and feel (issue 17)
    toggleLockAction,
    toggleThemeAction,
    ...ALIGN_OPS.map(alignAction),
    distributeAction('x'),
    distributeAction('y'),
    groupAction,
    ungroupAction,
    editLabelAction,
  ].map((a) => [a.id, a]),
)

export function isActionEnabled(a: Action, ctx: ActionContext): boolean {
  if (a.writes && ctx.store.get().readOnly) return false
  return a.enabled ? a.enabled(ctx) : true
}

/** Runs an action by id if it exists and is enabled; returns whether it ran. */
export function runAction(id: string, ctx: ActionContext): boolean {
  const a = ACTIONS.get(id)
  if (!a || !isActionEnabled(a, ctx)) return false
  // a floating nudge of a big selection is written before anything else acts on the board
  if (!id.startsWith('nudge.')) settleNudge(ctx.doc)
  a.run(ctx)
  return true
}

export type { Action, ActionContext, UiHooks } from './types'
