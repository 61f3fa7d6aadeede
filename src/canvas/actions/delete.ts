import { idsWithContents, removeItems } from '../../doc'
import { hasSelection, type Action } from './types'

export const deleteAction: Action = {
  id: 'delete',
  label: 'Delete',
  writes: true,
  enabled: hasSelection,
  run: (ctx) => {
    const sel = [...ctx.store.get().selection]
    if (sel.length === 0) return
    ctx.store.setEditing(null)
    // a group or frame goes with everything inside it
    removeItems(ctx.doc, idsWithContents(ctx.doc, sel))
    ctx.store.setSelection([])
  },
}
