import { duplicateItems, idsWithContents } from '../../doc'
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
    const sel = existingIds(ctx.doc, ctx.store.get().selection)
    // a group or frame is copied with its contents; the copies of the selected items get selected
    const all = idsWithContents(ctx.doc, sel)
    const r = duplicateItems(ctx.doc, all, undefined, byMe(ctx.store))
    if (r.ok && r.value.length > 0) ctx.store.setSelection(r.value.filter((_, i) => sel.includes(all[i]!)))
  },
}
