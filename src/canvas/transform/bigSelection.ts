// The selection box over a big selection (BULK_MOVE items or more). Konva's transformer attached to
// 10,000 nodes measured every one of them to draw its box, re-measured on each change, and on each
// pointer move of a rotation or resize set new attributes on every node, which redrew all of them:
// seconds per move. Over a big selection the box is attached to one invisible proxy rectangle
// spanning the selection instead; while it turns or stretches, the items layer paints the selected
// items as one bitmap through the proxy's change (as a big drag does); at the end the change is
// computed for every node and written in one transaction, which brings it to the nodes in one pass.
import Konva from 'konva/lib/Core'
import { Transform } from 'konva/lib/Util'
import { Rect as KonvaRect } from 'konva/lib/shapes/Rect'
import type { SceneModel } from '../items/sceneModel'
import { ItemsKonvaLayer } from '../items/itemsKonvaLayer'
import type { Rect } from '../shapes/geometry'
import type { TransformedNode } from './transformWrites'

/** The union of the items' geometric bounds (rotation included, stroke excluded, as the box ignores strokes). */
export function unionBounds(model: SceneModel, ids: readonly string[]): Rect | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const id of ids) {
    const b = model.bounds(id)
    if (!b) continue
    x0 = Math.min(x0, b.x)
    y0 = Math.min(y0, b.y)
    x1 = Math.max(x1, b.x + b.width)
    y1 = Math.max(y1, b.y + b.height)
  }
  return x0 <= x1 && y0 <= y1 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null
}

/** The proxy rectangle a big selection's box is attached to (scene units; never drawn, never hit). */
export function makeProxy(): KonvaRect {
  return new KonvaRect({ name: 'big-selection-proxy', listening: false, visible: true, opacity: 0, strokeEnabled: false, perfectDrawEnabled: false })
}

export function placeProxy(proxy: KonvaRect, box: Rect): void {
  proxy.setAttrs({ x: box.x, y: box.y, width: Math.max(1, box.width), height: Math.max(1, box.height), rotation: 0, scaleX: 1, scaleY: 1, skewX: 0, skewY: 0 })
}

/** A transform of a big selection in progress: the proxy's start, the nodes it stands for, their layer. */
export class BigTransform {
  private readonly start: Transform

  constructor(
    private readonly proxy: KonvaRect,
    readonly nodes: readonly Konva.Node[],
    readonly ids: ReadonlySet<string>,
  ) {
    this.start = proxy.getTransform().copy()
    this.layer()?.floatItems(ids)
  }

  private layer(): ItemsKonvaLayer | null {
    for (const n of this.nodes) {
      const l = n.getLayer()
      if (l) return l instanceof ItemsKonvaLayer ? l : null
    }
    return null
  }

  /** The proxy's change since the start, in scene units. */
  delta(): Transform {
    return this.proxy.getTransform().copy().multiply(this.start.copy().invert())
  }

  /** Paints the selected items through the change so far (each pointer move). */
  paint(): void {
    this.layer()?.transformFloat(this.delta().getMatrix())
  }

  /**
   * Where the change puts every node (as Konva's transformer places each node: the node's own
   * transform, offset included, then the change), computed without touching a node: the write
   * that follows brings the new placement to the nodes through the scene model's bulk path, once.
   * (Setting it on 10,000 nodes here first, then resetting their scale, then again from the
   * write cost a third of a rotation's end.)
   */
  placements(): TransformedNode[] {
    const d = this.delta()
    const out: TransformedNode[] = []
    for (const node of this.nodes) {
      const local = node.getTransform().copy()
      local.translate(node.offsetX(), node.offsetY())
      const a = d.copy().multiply(local).decompose()
      out.push({ id: node.id(), x: a.x, y: a.y, rotation: a.rotation, scaleX: a.scaleX, scaleY: a.scaleY })
    }
    return out
  }

  /** Back to drawing the nodes themselves. */
  end(): void {
    this.layer()?.floatItems(null)
  }
}
