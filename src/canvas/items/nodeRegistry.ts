import type Konva from 'konva'
import type * as Y from 'yjs'

/**
 * Mounted Konva item nodes by item id, per doc. The select tool moves these directly during a
 * drag (no React render per pointer move) and the transformer attaches to them. Culled items
 * are not mounted, so lookups may miss; callers treat a miss as "nothing to draw".
 */
const registries = new WeakMap<Y.Doc, Map<string, Konva.Node>>()

export function itemNodes(doc: Y.Doc): Map<string, Konva.Node> {
  let m = registries.get(doc)
  if (!m) registries.set(doc, (m = new Map()))
  return m
}
