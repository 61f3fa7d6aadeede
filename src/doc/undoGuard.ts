// Who last wrote what: the checks that keep undo from taking away a collaborator's work.
// They read Yjs' own bookkeeping (every map entry and every character is an Item whose id
// names the client that wrote it), so the answer is exact, not guessed from values.
import * as Y from 'yjs'
import { findIndexSS, getItem, Item } from 'yjs'

type AnyType = Y.AbstractType<unknown>
type YItem = Y.Item
/** Y.DeleteSet is not exported by name: the shape of a stack item's `insertions`. */
type DeleteSet = Y.UndoManager['undoStack'][number]['insertions']

function writtenByOther(t: AnyType, me: number): boolean {
  // a map: its live entries (the value each key shows now) and, recursively, nested types
  for (const item of t._map.values()) {
    if (item.deleted) continue
    if (item.id.client !== me) return true
    const nested = contentType(item)
    if (nested && writtenByOther(nested, me)) return true
  }
  // a sequence (Y.Text, Y.Array): any live character or element another client inserted
  for (let n = t._start; n !== null; n = n.right) {
    if (n.deleted) continue
    if (n.id.client !== me) return true
    const nested = contentType(n)
    if (nested && writtenByOther(nested, me)) return true
  }
  return false
}

function contentType(item: YItem): AnyType | null {
  const c = item.content as { type?: unknown }
  return c && typeof c.type === 'object' && c.type !== null && '_map' in c.type ? (c.type as AnyType) : null
}

/**
 * True when a record (the nested Y.Map of an item or page) shows anything another client
 * wrote: a field whose current value is theirs, or text they typed. Deleting such a record
 * would delete their work, so undo keeps it.
 */
export function hasOthersWork(record: YItem, me: number): boolean {
  const t = contentType(record)
  return t !== null && writtenByOther(t, me)
}

/** The entry of one of the `roots` maps (an item or a page) that `item` belongs to, or null. */
export function recordOf(item: YItem, roots: readonly AnyType[]): YItem | null {
  let cur: YItem | null = item
  while (cur !== null) {
    const parent = cur.parent as AnyType | null
    if (parent === null || typeof parent !== 'object') return null
    if (roots.includes(parent)) return cur
    cur = parent._item
  }
  return null
}

/**
 * The records (entries of `roots`) that undoing or redoing a step would delete: those the
 * step inserted, followed to their latest re-creation when an earlier undo brought them back.
 * Read-only: walks the struct store without splitting anything.
 */
export function recordsInserted(doc: Y.Doc, insertions: DeleteSet, roots: readonly AnyType[]): Set<YItem> {
  const out = new Set<YItem>()
  insertions.clients.forEach((ranges, client) => {
    const structs = doc.store.clients.get(client)
    if (!structs) return
    for (const { clock, len } of ranges) {
      let i = findIndexSS(structs, clock)
      for (; i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        let s = structs[i]
        while (s instanceof Item && s.redone !== null) s = getItem(doc.store, s.redone)
        if (s instanceof Item && roots.includes(s.parent as AnyType)) out.add(s)
      }
    }
  })
  return out
}
