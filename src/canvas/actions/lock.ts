import { readItems, updateItems } from '../../doc'
import { sceneModelFor } from '../items/sceneModel'
import { byMe } from '../state/editorStore'
import type { Action } from './types'

/**
 * Shift+L. With a selection: locks it (or unlocks it when all of it is locked already); locked
 * items leave the selection, since they can no longer be selected or edited. With nothing
 * selected: unlocks every locked item on the page (the way back, as Excalidraw's "Unlock all").
 * One updateItems either way: one undo step.
 */
export const toggleLockAction: Action = {
  id: 'toggleLock',
  label: 'Lock / unlock',
  writes: true,
  run: (ctx) => {
    const { selection, pageId } = ctx.store.get()
    ctx.undo.stopCapturing() // one undo step of its own
    const model = sceneModelFor(ctx.doc)
    if (selection.length === 0) {
      const locked = readItems(ctx.doc, pageId).items.filter((it) => it.locked)
      if (locked.length === 0) return
      updateItems(ctx.doc, locked.map((it) => ({ id: it.id, patch: { locked: false } })), byMe(ctx.store))
      ctx.store.setSelection(locked.map((it) => it.id))
      ctx.undo.stopCapturing()
      return
    }
    const ids = selection.filter((id) => model.get(id))
    const lock = !ids.every((id) => model.get(id)?.locked)
    updateItems(ctx.doc, ids.map((id) => ({ id, patch: { locked: lock } })), byMe(ctx.store))
    if (lock) ctx.store.setSelection([])
    ctx.undo.stopCapturing()
  },
}
