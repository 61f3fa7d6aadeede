import type * as Y from 'yjs'
import { getItemMap, observeItems, readItem } from '../../doc'
import type { EditorStore } from './editorStore'
import { sceneModelFor } from '../items/sceneModel'

/**
 * The ids among `ids` whose item exists and is valid. Scene ops reject a whole batch when one id
 * is missing, so actions on the selection pass only these: a collaborator deleting one selected
 * item must not turn nudge, duplicate or z-order into silent no-ops for the rest.
 */
export function existingIds(doc: Y.Doc, ids: readonly string[]): string[] {
  // the scene model's validated snapshots first: an undo with 10,000 selected parsed each item
  // whole again (zod) to prune the selection; only what it does not hold is read afresh
  const model = sceneModelFor(doc)
  return ids.filter((id) => model.get(id) !== undefined || readItem(doc, id) !== null)
}

/** Drops selected ids whose item no longer exists (or is no longer valid). */
export function pruneSelection(doc: Y.Doc, store: EditorStore): void {
  const sel = store.get().selection
  if (sel.length === 0) return
  const alive = existingIds(doc, sel)
  if (alive.length !== sel.length) store.setSelection(alive)
}

/**
 * Keeps the selection on items that exist on the current page, whoever changed the doc (a
 * collaborator's delete, this user's undo, a page removal). Without it the selection keeps ids
 * of deleted items: the transformer frames nothing and every action on it fails on the missing
 * id. Only changed ids are looked at, so a drag's own writes cost a set lookup per item.
 */
export function watchSelection(doc: Y.Doc, store: EditorStore): () => void {
  return observeItems(doc, (c) => {
    const { selection, pageId } = store.get()
    if (selection.length === 0) return
    const changed = new Set([...c.removed, ...c.updated])
    if (!selection.some((id) => changed.has(id))) return
    const alive = selection.filter((id) => {
      if (!changed.has(id)) return true
      // fields set, neither the page nor the lock among them (a nudge, a restyle of 10,000
      // selected): it stays, without reading both fields of every one
      const keys = c.changedKeys?.get(id)
      if (keys && !keys.has('pageId') && !keys.has('locked')) return true
      // removed, moved to another page or locked by someone: it cannot stay selected here
      const m = getItemMap(doc, id)
      return m?.get('pageId') === pageId && m.get('locked') !== true
    })
    if (alive.length !== selection.length) store.setSelection(alive)
  })
}
