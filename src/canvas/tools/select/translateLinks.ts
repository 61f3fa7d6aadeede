import type * as Y from 'yjs'
import { setParent, updateItems, type ItemPatch, type OpOptions } from '../../../doc'
import { itemNodes } from '../../items/nodeRegistry'
import { sceneModelFor, type SceneModel } from '../../items/sceneModel'
import type { Placement } from '../../items/placement'
import { withResolvedEnds } from '../../shapes/bindings'
import { containsPoint } from '../../shapes/geometry'
import type { Point } from '../../state/editorStore'

/**
 * Arrows in a moving selection whose bound targets stay put let go of them: the binding is
 * dropped and the arrow keeps the geometry it is drawn with, so nothing jumps. One update.
 */
export function detachMovedArrows(doc: Y.Doc, model: SceneModel, ids: readonly string[], opts: OpOptions = {}): void {
  const moving = new Set(ids)
  const updates: { id: string; patch: ItemPatch }[] = []
  for (const id of ids) {
    const it = model.get(id)
    if (!it || (!it.startBinding && !it.endBinding)) continue
    const patch: ItemPatch = {}
    if (it.startBinding && !moving.has(it.startBinding.itemId)) patch.startBinding = null
    if (it.endBinding && !moving.has(it.endBinding.itemId)) patch.endBinding = null
    if (Object.keys(patch).length === 0) continue
    updates.push({ id, patch: { ...patch, x: it.x, y: it.y, width: it.width, height: it.height, rotation: 0, points: it.points ?? [] } })
  }
  if (updates.length > 0) updateItems(doc, updates, opts)
}

/** Redraws the nodes of arrows bound to moving items as if the move had already reached the doc. */
export function previewFollowers(doc: Y.Doc, followers: readonly string[], origins: ReadonlyMap<string, Point>, delta: Point): void {
  const model = sceneModelFor(doc)
  const nodes = itemNodes(doc)
  const lookup = (id: string): Placement | undefined => {
    const p = model.placement(id)
    const o = origins.get(id)
    return p && o ? { ...p, x: o.x + delta.x, y: o.y + delta.y } : p
  }
  for (const id of followers) {
    const node = nodes.get(id)
    const stored = model.stored(id)
    if (!node || !stored) continue
    const r = withResolvedEnds(stored, lookup)
    node.setAttrs({ x: r.x, y: r.y, rotation: r.rotation, points: r.points })
  }
}

/**
 * After a move: a dropped item whose centre lands in a frame becomes that frame's child; one
 * dragged out of its frame leaves it. Children of a moving group or frame go along with it and
 * are left alone, as are frames themselves (frames do not nest).
 */
export function adoptIntoFrames(doc: Y.Doc, model: SceneModel, ids: readonly string[], opts: OpOptions = {}): void {
  const moving = new Set(ids)
  const byParent = new Map<string | null, string[]>()
  for (const id of ids) {
    const p = model.placement(id)
    if (!p || p.type === 'frame') continue
    if (p.parentId && (moving.has(p.parentId) || model.placement(p.parentId)?.type === 'group')) continue
    const b = model.bounds(id)
    if (!b) continue
    const c = { x: b.x + b.width / 2, y: b.y + b.height / 2 }
    const frames = model
      .queryGeometric(p.pageId, { x: c.x - 1, y: c.y - 1, width: 2, height: 2 })
      .filter((f) => f !== id && !moving.has(f) && model.placement(f)?.type === 'frame' && containsPoint(model.bounds(f)!, c))
    const frame = frames.length > 0 ? frames[frames.length - 1]! : null
    if ((p.parentId ?? null) === frame) continue
    // a parent that is not a frame (an unknown or dangling one) is not ours to undo
    if (p.parentId && model.placement(p.parentId) && model.placement(p.parentId)!.type !== 'frame') continue
    const list = byParent.get(frame) ?? []
    list.push(id)
    byParent.set(frame, list)
  }
  for (const [frame, list] of byParent) setParent(doc, list, frame, opts)
}
