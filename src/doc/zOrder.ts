// Z-order changes within a page (tldraw/Excalidraw semantics): forward/backward step the
// selection past the next unselected item, front/back move it to the top/bottom; the
// selection keeps its relative order. Only items whose key must change are written.
import * as Y from 'yjs'
import { authorOf, stampAuthor, type OpOptions } from './author'
import { rekey } from './fractionalIndex'
import { localOrigin } from './origins'
import { getItemMap, listPageItems, readItem } from './read'
import { fail, ok, type Item, type Result } from './schema'

export type ReorderOp = 'forward' | 'backward' | 'front' | 'back'
const OPS: readonly ReorderOp[] = ['forward', 'backward', 'front', 'back']

/** The page's order after applying op to the selected ids. */
export function reorderedList(list: Item[], sel: ReadonlySet<string>, op: ReorderOp): Item[] {
  const a = [...list]
  const isSel = (i: number) => sel.has(a[i]!.id)
  const swap = (i: number, j: number) => {
    const t = a[i]!
    a[i] = a[j]!
    a[j] = t
  }
  switch (op) {
    case 'front':
      return [...a.filter((it) => !sel.has(it.id)), ...a.filter((it) => sel.has(it.id))]
    case 'back':
      return [...a.filter((it) => sel.has(it.id)), ...a.filter((it) => !sel.has(it.id))]
    case 'forward':
      // top-down, so a selected block hops over one unselected item as a whole
      for (let i = a.length - 2; i >= 0; i--) if (isSel(i) && !isSel(i + 1)) swap(i, i + 1)
      return a
    case 'backward':
      for (let i = 1; i < a.length; i++) if (isSel(i) && !isSel(i - 1)) swap(i, i - 1)
      return a
  }
}

export function reorder(doc: Y.Doc, ids: string[], op: ReorderOp, opts: OpOptions = {}): Result<string[]> {
  if (!OPS.includes(op)) return fail('invalid_input', `op: expected one of ${OPS.join(', ')}`)
  if (!Array.isArray(ids)) return fail('invalid_input', 'ids: expected an array')
  const sel = new Set<string>()
  const pages = new Set<string>()
  for (const id of ids) {
    const it = typeof id === 'string' ? readItem(doc, id) : null
    if (!it) return fail('not_found', `item ${String(id)} does not exist or is invalid`)
    sel.add(id)
    pages.add(it.pageId)
  }
  const keys = new Map<string, string>()
  for (const pageId of pages) {
    const list = listPageItems(doc, pageId)
    const next = reorderedList(list, sel, op)
    if (next.every((it, i) => it.id === list[i]!.id)) continue
    // the selection gets new keys; rekey may add a neighbour when keys tie
    const moved = new Set(next.filter((it) => sel.has(it.id)).map((it) => it.id))
    for (const [id, key] of rekey(next, moved)) keys.set(id, key)
  }
  if (keys.size > 0) {
    doc.transact(() => {
      const author = authorOf(opts)
      for (const [id, key] of keys) {
        const m = getItemMap(doc, id)
        if (!m) continue
        m.set('index', key)
        stampAuthor(m, author)
      }
    }, localOrigin)
  }
  return ok([...sel])
}
