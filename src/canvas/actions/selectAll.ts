import { readItems } from '../../doc'
import type { Action } from './types'

/** Selects every item of the current page. */
export const selectAllAction: Action = {
  id: 'selectAll',
  label: 'Select all',
  writes: false,
  run: (ctx) => {
    const { pageId } = ctx.store.get()
    ctx.store.setSelection(readItems(ctx.doc, pageId).items.filter((it) => !it.locked).map((it) => it.id))
  },
}
