// Per-transaction change sets for renderers: which item ids were added, updated, removed.
import * as Y from 'yjs'
import { isLocalOrigin } from './origins'
import { itemsMap } from './read'

export interface ItemChanges {
  added: string[]
  updated: string[]
  removed: string[]
  /** true for this client's own scene ops (localOrigin) and its undo/redo */
  local: boolean
}

export function observeItems(doc: Y.Doc, cb: (c: ItemChanges) => void): () => void {
  const items = itemsMap(doc)
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
    const added = new Set<string>()
    const removed = new Set<string>()
    const updated = new Set<string>()
    for (const ev of events) {
      if (ev.target === items) {
        ev.changes.keys.forEach((change, key) => {
          if (change.action === 'add') added.add(key)
          else if (change.action === 'delete') removed.add(key)
          else updated.add(key) // the whole item map was replaced
        })
      } else {
        const id = ev.path[0]
        if (typeof id === 'string') updated.add(id)
      }
    }
    for (const id of added) updated.delete(id)
    for (const id of removed) updated.delete(id)
    if (added.size + updated.size + removed.size === 0) return
    cb({
      added: [...added],
      updated: [...updated],
      removed: [...removed],
      local: isLocalOrigin(tx.origin) || tx.origin instanceof Y.UndoManager,
    })
  }
  items.observeDeep(handler)
  return () => items.unobserveDeep(handler)
}
