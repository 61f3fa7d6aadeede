import { duplicateItems } from '../../doc'
import { hasSelection, type Action } from './types'

export const duplicateAction: Action = {
  id: 'duplicate',
  label: 'Duplicate',
  writes: true,
  enabled: hasSelection,
  run: (ctx) => {
    const r = duplicateItems(ctx.doc, [...ctx.store.get().selection])
    if (r.ok && r.value.length > 0) ctx.store.setSelection(r.value)
  },
}
