// Per-transaction change sets for renderers: which item ids were added, updated, removed.
import * as Y from 'yjs'
import { callAll } from 'lib0/function'
import { isLocalOrigin } from './origins'
import { itemsMap } from './read'

export interface ItemChanges {
  added: string[]
  updated: string[]
  removed: string[]
  /** true for this client's own scene ops (localOrigin) and its undo/redo */
  local: boolean
  /** the ids in `updated` whose only changed fields are x, y and updatedBy (a move) */
  movedOnly?: ReadonlySet<string>
  /**
   * For the ids in `updated` whose change was only top-level fields set or removed on the item
   * (no nested change such as text typed, no item replaced): which fields.
   */
  changedKeys?: ReadonlyMap<string, ReadonlySet<string>>
}

/** Fields a move writes: a change to only these leaves an item's look as it was. */
const MOVE_KEYS: ReadonlySet<string> = new Set(['x', 'y', 'updatedBy'])

type ItemsListener = (c: ItemChanges) => void

/** Per doc: the listeners of observeItems, and the one deep observer of the items map that they share. */
const shared = new WeakMap<Y.Doc, { listeners: Set<ItemsListener>; stop: () => void }>()

/**
 * Calls `cb` once per transaction that touched items, with what it changed. Every listener of a
 * doc shares one deep observer, which works the changes out once: the scene model, the selection
 * watcher and the panels each walked the 10,000 events of a bulk edit to build the same sets.
 */
export function observeItems(doc: Y.Doc, cb: ItemsListener): () => void {
  let entry = shared.get(doc)
  if (!entry) {
    const listeners = new Set<ItemsListener>()
    // each listener is called whatever another one throws, as Yjs calls its observers
    shared.set(doc, (entry = { listeners, stop: watchItems(doc, (c) => callAll([...listeners], [c])) }))
  }
  const own = entry
  // a function may subscribe twice: each subscription is its own entry
  const listener: ItemsListener = (c) => cb(c)
  own.listeners.add(listener)
  return () => {
    own.listeners.delete(listener)
    if (own.listeners.size === 0 && shared.get(doc) === own) {
      own.stop()
      shared.delete(doc)
    }
  }
}

function watchItems(doc: Y.Doc, cb: ItemsListener): () => void {
  const items = itemsMap(doc)
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
    const added = new Set<string>()
    const removed = new Set<string>()
    const updated = new Set<string>()
    /** updated ids changed below the top level of their map, or replaced whole */
    const deep = new Set<string>()
    const keysOf = new Map<string, Set<string>>()
    for (const ev of events) {
      if (ev.target === items) {
        ev.changes.keys.forEach((change, key) => {
          if (change.action === 'add') added.add(key)
          else if (change.action === 'delete') removed.add(key)
          else {
            updated.add(key) // the whole item map was replaced
            deep.add(key)
          }
        })
      } else {
        const id = ev.path[0]
        if (typeof id !== 'string') continue
        updated.add(id)
        if (deep.has(id)) continue
        if (ev.path.length !== 1 || !(ev instanceof Y.YMapEvent)) {
          deep.add(id)
          continue
        }
        let ks = keysOf.get(id)
        if (!ks) keysOf.set(id, (ks = new Set()))
        for (const k of ev.keysChanged) if (k === null) deep.add(id)
        else ks.add(k)
      }
    }
    for (const id of added) updated.delete(id)
    for (const id of removed) updated.delete(id)
    if (added.size + updated.size + removed.size === 0) return
    const movedOnly = new Set<string>()
    const changedKeys = new Map<string, ReadonlySet<string>>()
    for (const id of updated) {
      const ks = keysOf.get(id)
      if (deep.has(id) || !ks) continue
      changedKeys.set(id, ks)
      let move = true
      for (const k of ks) if (!MOVE_KEYS.has(k)) move = false
      if (move) movedOnly.add(id)
    }
    cb({
      movedOnly,
      changedKeys,
      added: [...added],
      updated: [...updated],
      removed: [...removed],
      local: isLocalOrigin(tx.origin) || tx.origin instanceof Y.UndoManager,
    })
  }
  items.observeDeep(handler)
  return () => items.unobserveDeep(handler)
}
