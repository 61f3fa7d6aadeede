import { groupItems, ungroupItems } from '../../doc'
import { sceneModelFor } from '../items/sceneModel'
import { union, type Rect } from '../shapes/geometry'
import { existingIds } from '../state/selectionPrune'
import { byMe } from '../state/editorStore'
import type { Action } from './types'

/** Ctrl/Cmd+G: the selection becomes one group (selected as one from then on). */
export const groupAction: Action = {
  id: 'group',
  label: 'Group',
  writes: true,
  enabled: (ctx) => ctx.store.get().selection.length >= 2,
  run: (ctx) => {
    const ids = existingIds(ctx.doc, ctx.store.get().selection)
    if (ids.length < 2) return
    const model = sceneModelFor(ctx.doc)
    const boxes = model.withDescendants(ids).map((id) => model.bounds(id)).filter((b): b is Rect => b !== undefined && (b.width > 0 || b.height > 0))
    const box = union(boxes) ?? { x: 0, y: 0, width: 0, height: 0 }
    const r = groupItems(ctx.doc, ids, box, byMe(ctx.store))
    if (r.ok) ctx.store.setSelection([r.value])
  },
}

/** Ctrl/Cmd+Shift+G: selected groups dissolve; their members stay selected. */
export const ungroupAction: Action = {
  id: 'ungroup',
  label: 'Ungroup',
  writes: true,
  enabled: (ctx) => ctx.store.get().selection.some((id) => sceneModelFor(ctx.doc).placement(id)?.type === 'group'),
  run: (ctx) => {
    const sel = ctx.store.get().selection
    const model = sceneModelFor(ctx.doc)
    const groups = sel.filter((id) => model.placement(id)?.type === 'group')
    const r = ungroupItems(ctx.doc, groups, byMe(ctx.store))
    if (r.ok) ctx.store.setSelection([...sel.filter((id) => !groups.includes(id)), ...r.value])
  },
}
