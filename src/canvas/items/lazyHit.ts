import Konva from 'konva/lib/Core'

const lazy = new WeakMap<Konva.Layer, { dirty: boolean }>()

/**
 * Konva redraws a layer's hit canvas on every draw, doubling the cost of each pan/zoom frame.
 * Item hit-testing is only needed when a pointer goes down or up, so the items layer marks its
 * hit graph stale instead and `layerIntersection` redraws it on demand. (Konva's own hover events
 * may read a stale graph for this layer; nothing listens to Konva events on item nodes.)
 */
export function makeHitGraphLazy(layer: Konva.Layer): void {
  if (lazy.has(layer)) return
  const state = { dirty: true }
  lazy.set(layer, state)
  const original = Konva.Layer.prototype.drawHit
  layer.drawHit = function (this: Konva.Layer, can?: Parameters<Konva.Layer['drawHit']>[0], top?: Konva.Node) {
    if (can) return original.call(this, can, top)
    state.dirty = true
    return this
  }
}

/** The shape under `pos` (stage container pixels) on `layer`, redrawing a stale lazy hit graph first. */
export function layerIntersection(layer: Konva.Layer, pos: { x: number; y: number }): Konva.Shape | null {
  const state = lazy.get(layer)
  if (state?.dirty) {
    state.dirty = false
    Konva.Layer.prototype.drawHit.call(layer)
  }
  return layer.getIntersection(pos)
}
