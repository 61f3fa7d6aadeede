import type Konva from 'konva'
import type * as Y from 'yjs'

/**
 * Mounted Konva item nodes by item id, per doc. The select tool moves these directly during a
 * drag (no React render per pointer move) and the transformer attaches to them. Culled items
 * are not mounted, so lookups may miss; callers treat a miss as "nothing to draw". A node without
 * a parent is parked: its item was removed in bulk (a delete of thousands), its component stays
 * mounted, and an undo that brings the item back puts the same node back (bulkNodes.ts).
 */
const registries = new WeakMap<Y.Doc, Map<string, Konva.Node>>()
const mountListeners = new WeakMap<Y.Doc, Set<() => void>>()

export function itemNodes(doc: Y.Doc): Map<string, Konva.Node> {
  let m = registries.get(doc)
  if (!m) registries.set(doc, (m = new Map()))
  return m
}

/**
 * Calls `listener` after each commit that changed which items are mounted (culling: the camera
 * moved, items came or went). The selection box uses it: its nodes are the selected items mounted.
 */
export function subscribeMounted(doc: Y.Doc, listener: () => void): () => void {
  let set = mountListeners.get(doc)
  if (!set) mountListeners.set(doc, (set = new Set()))
  set.add(listener)
  return () => set.delete(listener)
}

/** The items layer committed a new list of mounted items (once per commit, not per node). */
export function noteMounted(doc: Y.Doc): void {
  const set = mountListeners.get(doc)
  if (set) for (const l of [...set]) l()
}
