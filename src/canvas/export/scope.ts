import * as Y from 'yjs'
import { readItems, type Item } from '../../doc'
import { withResolvedEnds } from '../shapes/bindings'
import type { EditorSnapshot } from '../state/editorStore'

/**
 * What an image export covers: the selection when there is one (a selected frame or group brings
 * its contents: "export a frame alone"), else the whole current page. Bound arrow ends are drawn
 * where their targets are now, as on the canvas.
 */
export function exportItems(doc: Y.Doc, s: Pick<EditorSnapshot, 'pageId' | 'selection'>): { items: Item[]; scope: 'selection' | 'page' } {
  const byId = new Map<string, Item>()
  for (const it of readItems(doc, s.pageId).items) byId.set(it.id, it)
  const all = [...byId.values()].map((it) => (it.startBinding || it.endBinding ? withResolvedEnds(it, (id) => byId.get(id)) : it))
  if (s.selection.length > 0) {
    const sel = withContents(all, s.selection)
    const picked = all.filter((it) => sel.has(it.id))
    if (picked.length > 0) return { items: picked, scope: 'selection' }
  }
  return { items: all, scope: 'page' }
}

/** The ids plus every item inside them (parentId chains), at any depth. */
function withContents(items: readonly Item[], ids: readonly string[]): Set<string> {
  const out = new Set(ids)
  let grew = true
  while (grew) {
    grew = false
    for (const it of items)
      if (it.parentId && out.has(it.parentId) && !out.has(it.id)) {
        out.add(it.id)
        grew = true
      }
  }
  return out
}
