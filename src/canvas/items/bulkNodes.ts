// What the items layer does with a transaction that changes or removes thousands of items
// (SceneModel.subscribeBulk): it changes their mounted nodes in one Konva batch and one redraw,
// instead of thousands of component renders and one node re-index per removal.
import Konva from 'konva/lib/Core'
import type { SceneModel, BulkListener } from './sceneModel'
import { itemNodes } from './nodeRegistry'
import { applyLook } from '../shapes/applyLook'

/**
 * Takes the children whose id is in `ids` out of `parent` in one pass. Konva's own removal
 * re-indexes every remaining sibling per removed node (10,000 removals: 50 million index writes);
 * a node taken out here has no parent, so React's later destroy() of it costs nothing more.
 * Returns how many were taken out.
 */
export function detachChildren(parent: Konva.Container, ids: ReadonlySet<string>): number {
  const kept: Konva.Node[] = []
  let n = 0
  for (const child of parent.children) {
    if (ids.has(child.id())) {
      child.parent = null
      child._clearCaches()
      n++
    } else kept.push(child)
  }
  if (n === 0) return 0
  parent.children = kept
  parent._setChildrenIndices()
  return n
}

/** The items layer's bulk listener: node attributes for shallow changes, one-pass removal. */
export function bulkNodes(model: SceneModel, layer: () => Konva.Layer | null): BulkListener {
  return {
    changed: (ids, keys) => {
      const nodes = itemNodes(model.doc)
      const left: string[] = []
      Konva.Node._updateBatch(() => {
        for (const id of ids) {
          const node = nodes.get(id)
          // no node: culled (no component to tell either), or a component that drew nothing
          // because the item was invalid — the change may have made it valid
          if (!node) {
            left.push(id)
            continue
          }
          const item = model.get(id)
          if (!item || !applyLook(node, item, keys(id))) left.push(id)
        }
      })
      layer()?.batchDraw()
      return left
    },
    removed: (ids) => {
      const l = layer()
      if (!l) return
      const nodes = itemNodes(model.doc)
      if (detachChildren(l, new Set(ids)) > 0) l.batchDraw()
      for (const id of ids) nodes.delete(id)
    },
  }
}
