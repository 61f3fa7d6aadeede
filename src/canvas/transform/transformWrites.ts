// What the end of a rotation or resize with the selection box writes: each transformed item's
// new geometry (resizePatch), and the stored box of every group holding one of them, refitted to
// its members' new bounds — in the same write, so the group's outline, its hit area and whoever
// reads its box (export, zoom to fit, a collaborator) agree with the members it draws.
import type { ItemPatch } from '../../doc'
import type { SceneModel } from '../items/sceneModel'
import { itemBounds } from '../shapes/bounds'
import { union, type Rect } from '../shapes/geometry'
import { resizePatch, type NodeTransform } from './resizePatch'

export interface TransformedNode extends NodeTransform {
  id: string
}

export interface ItemUpdate {
  id: string
  patch: ItemPatch
}

/** The groups (innermost first) containing `id`. */
function enclosingGroups(model: SceneModel, id: string): string[] {
  const out: string[] = []
  const seen = new Set([id])
  let parent = model.placement(id)?.parentId
  while (parent && !seen.has(parent) && model.placement(parent)?.type === 'group') {
    out.push(parent)
    seen.add(parent)
    parent = model.placement(parent)?.parentId
  }
  return out
}

/**
 * The writes for a transform that left the nodes of `nodes` at their new place, rotation and
 * scale: one patch per item, then one per group containing any of them, whose box becomes the
 * union of its members' bounds after the change (members with an empty box left out, as
 * grouping measures it). A group's box is geometry only: its members are what is drawn.
 */
export function transformUpdates(model: SceneModel, nodes: readonly TransformedNode[]): ItemUpdate[] {
  const updates: ItemUpdate[] = []
  const patched = new Map<string, ItemPatch>()
  const groups = new Set<string>()
  for (const n of nodes) {
    const item = model.get(n.id)
    if (!item) continue
    const patch = resizePatch(item, n)
    updates.push({ id: n.id, patch })
    patched.set(n.id, patch)
    for (const g of enclosingGroups(model, n.id)) groups.add(g)
  }
  for (const g of groups) {
    const group = model.placement(g)
    if (!group || patched.has(g)) continue
    const boxes: Rect[] = []
    for (const m of model.withDescendants([g])) {
      const p = model.placement(m)
      if (m === g || !p || p.type === 'group') continue
      const patch = patched.get(m)
      const b = patch ? itemBounds({ ...p, ...patch, points: patch.points ?? p.points }) : model.bounds(m)
      if (b && (b.width > 0 || b.height > 0)) boxes.push(b)
    }
    const box = union(boxes)
    if (!box) continue
    const fit: ItemPatch = { x: box.x, y: box.y, width: box.width, height: box.height }
    if (group.rotation !== 0) fit.rotation = 0
    updates.push({ id: g, patch: fit })
  }
  return updates
}
