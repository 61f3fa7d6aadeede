// What the items layer does with a transaction that changes or removes thousands of items
// (SceneModel.subscribeBulk): it changes their mounted nodes in one Konva batch and one redraw,
// instead of thousands of component renders and one node re-index per removal.
import Konva from 'konva/lib/Core'
import type { SceneModel, BulkListener } from './sceneModel'
import { itemNodes, noteMounted } from './nodeRegistry'
import { applyLook } from '../shapes/applyLook'
import { compareIndexed, type Indexed } from '../../doc/fractionalIndex'

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

/**
 * Puts `nodes` (taken out by `detachChildren`) back into `parent` in one pass, each where its
 * z-order puts it among the children there (bottom first; `placed` gives the z-order key by id;
 * a child without one keeps its place after the child before it). Konva's add() and setZIndex()
 * would re-index every sibling per node.
 */
export function attachInOrder(parent: Konva.Container, nodes: readonly Konva.Node[], placed: (id: string) => Indexed | undefined): void {
  if (nodes.length === 0) return
  const back = nodes.map((n) => ({ n, at: placed(n.id()) })).sort((a, b) => (a.at && b.at ? compareIndexed(a.at, b.at) : a.at ? -1 : b.at ? 1 : 0))
  const out: Konva.Node[] = []
  let i = 0
  for (const child of parent.children) {
    const at = placed(child.id())
    if (at) for (let next = back[i]; next?.at && compareIndexed(next.at, at) < 0; next = back[++i]) out.push(next.n)
    out.push(child)
  }
  for (; i < back.length; i++) out.push(back[i]!.n)
  for (const { n } of back) {
    n.parent = parent
    n._clearCaches()
  }
  parent.children = out
  parent._setChildrenIndices()
}

/** The items layer's bulk listener: node attributes for shallow changes, one-pass removal and return. */
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
    // the removed items' nodes leave the layer and wait (parked, still registered) for an undo,
    // their components mounted until anything else changes what the layer mounts (ItemsLayer)
    removed: (ids) => {
      const l = layer()
      if (l && detachChildren(l, new Set(ids)) > 0) l.batchDraw()
    },
    // the undo of a bulk removal: the same nodes, as their components last rendered them, go back
    // where they were (React mounted 10,000 components again: ~0.6 s of a 10,000-item undo)
    added: (ids) => {
      const l = layer()
      const nodes = itemNodes(model.doc)
      const back: Konva.Node[] = []
      for (const id of ids) {
        const n = nodes.get(id)
        if (n?.parent === null) back.push(n)
      }
      if (!l || back.length === 0) return []
      attachInOrder(l, back, (id) => model.placement(id))
      l.batchDraw()
      noteMounted(model.doc)
      return back.map((n) => n.id())
    },
  }
}
