import type { Binding, ItemPatch } from '../../doc'
import type { SceneModel } from '../items/sceneModel'
import { bindingAt, boxOfAbsolute, canBindTo, containsScenePoint, resolveBoundPoints } from '../shapes/bindings'
import type { Point } from '../state/editorStore'

/** The topmost item under scene point `p` that an arrow end may bind to (never `exclude`), or null. */
export function findBindTarget(model: SceneModel, pageId: string, p: Point, exclude: string): string | null {
  const hits = model.queryGeometric(pageId, { x: p.x - 1, y: p.y - 1, width: 2, height: 2 })
  for (let i = hits.length - 1; i >= 0; i--) {
    const id = hits[i]!
    if (id === exclude) continue
    const t = model.placement(id)
    if (t && canBindTo(t.type) && containsScenePoint(t, p)) return id
  }
  return null
}

/** The binding for an end released at `p`, or null when nothing bindable is there. */
export function bindingUnder(model: SceneModel, pageId: string, p: Point, exclude: string): Binding | null {
  const id = findBindTarget(model, pageId, p, exclude)
  const t = id ? model.placement(id) : undefined
  return id && t ? bindingAt(t, id, p) : null
}

/**
 * The patch that gives a linear item these absolute points and bindings (null = unbound): the
 * stored geometry is the resolved one, so a reader that ignores bindings draws the same picture.
 */
export function boundPatch(model: SceneModel, abs: number[], start: Binding | null, end: Binding | null): ItemPatch {
  const probe = { x: 0, y: 0, points: abs, startBinding: start ?? undefined, endBinding: end ?? undefined }
  const resolved = resolveBoundPoints(probe, (id) => model.placement(id)) ?? abs
  return { ...boxOfAbsolute(resolved), rotation: 0, startBinding: start, endBinding: end }
}
