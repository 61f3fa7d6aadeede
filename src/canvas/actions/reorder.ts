import { reorder } from '../../doc'
import { byMe } from '../state/editorStore'
import { existingIds } from '../state/selectionPrune'
import { hasSelection, type Action } from './types'

type Op = 'forward' | 'backward' | 'front' | 'back'

function reorderAction(id: string, label: string, op: Op): Action {
  return {
    id,
    label,
    writes: true,
    enabled: hasSelection,
    run: (ctx) => {
      // only items that still exist: one deleted by a collaborator would fail the whole reorder
      reorder(ctx.doc, existingIds(ctx.doc, ctx.store.get().selection), op, byMe(ctx.store))
    },
  }
}

export const bringForwardAction = reorderAction('bringForward', 'Bring forward', 'forward')
export const sendBackwardAction = reorderAction('sendBackward', 'Send backward', 'backward')
export const bringToFrontAction = reorderAction('bringToFront', 'Bring to front', 'front')
export const sendToBackAction = reorderAction('sendToBack', 'Send to back', 'back')
