import { removeItems } from '../../doc'
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
    removeItems(ctx.doc, sel)
    ctx.store.setSelection([])
  },
}
