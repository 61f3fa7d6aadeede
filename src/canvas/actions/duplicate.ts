import { duplicateItems } from '../../doc'
import { byMe } from '../state/editorStore'
import { existingIds } from '../state/selectionPrune'
import { hasSelection, type Action } from './types'

export const duplicateAction: Action = {
  id: 'duplicate',
  label: 'Duplicate',
  writes: true,
  enabled: hasSelection,
  run: (ctx) => {
    // only items that still exist: one deleted by a collaborator would fail the whole copy
    const r = duplicateItems(ctx.doc, existingIds(ctx.doc, ctx.store.get().selection), undefined, byMe(ctx.store))
    if (r.ok && r.value.length > 0) ctx.store.setSelection(r.value)
  },
}
