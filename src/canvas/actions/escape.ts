import type { Action } from './types'

/** Escape: close an open overlay, else stop editing, else deselect, else back to the select tool. */
export const escapeAction: Action = {
  id: 'escape',
  label: 'Deselect / back to select',
  writes: false,
  run: (ctx) => {
    if (ctx.ui?.closeOverlays()) return
    const s = ctx.store.get()
    if (s.editingId) ctx.store.setEditing(null)
    else if (s.selection.length > 0) ctx.store.setSelection([])
    else if (s.tool !== 'select') ctx.store.setTool('select')
  },
}

export const toggleHelpAction: Action = {
  id: 'toggleHelp',
  label: 'Keyboard shortcuts',
  writes: false,
  run: (ctx) => ctx.ui?.toggleHelp(),
}
