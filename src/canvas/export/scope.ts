import * as Y from 'yjs'
import { readItems, type Item } from '../../doc'
import type { EditorSnapshot } from '../state/editorStore'

/** What an image export covers: the selection when there is one, else the whole current page. */
export function exportItems(doc: Y.Doc, s: Pick<EditorSnapshot, 'pageId' | 'selection'>): { items: Item[]; scope: 'selection' | 'page' } {
  const all = readItems(doc, s.pageId).items
  if (s.selection.length > 0) {
    const sel = new Set(s.selection)
    const picked = all.filter((it) => sel.has(it.id))
    if (picked.length > 0) return { items: picked, scope: 'selection' }
  }
  return { items: all, scope: 'page' }
}
