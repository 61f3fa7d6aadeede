import { editLabel, startCrop } from '../tools/select/selectTool'
import type { Action } from './types'

/** Enter on one selected text, sticky or shape opens its text/label for typing (CONTRACT §5); on an image, crop mode. */
export const editLabelAction: Action = {
  id: 'editLabel',
  label: 'Edit text',
  writes: true,
  enabled: (ctx) => ctx.store.get().selection.length === 1 && !ctx.store.get().editingId,
  run: (ctx) => {
    const id = ctx.store.get().selection[0]
    if (id && !editLabel(ctx, id)) startCrop(ctx, id)
  },
}
