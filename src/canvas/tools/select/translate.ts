import { endGesture, placeItems, startGesture } from '../../../doc'
import { byMe } from '../../state/editorStore'
import { visibleBounds } from '../../camera'
import { itemNodes } from '../../items/nodeRegistry'
import { ItemsKonvaLayer } from '../../items/itemsKonvaLayer'
import { sceneModelFor } from '../../items/sceneModel'
import { union, type Rect } from '../../shapes/geometry'
import { SNAP_DISTANCE_PX, snapMove } from '../../snapping'
import type { Point } from '../../state/editorStore'
import type { ToolContext } from '../types'
import { createFrameScheduler, type FrameScheduler } from './frameScheduler'
import { adoptIntoFrames, detachMovedArrows, previewFollowers } from './translateLinks'

const MAX_SNAP_TARGETS = 400
/**
 * Doc writes during a drag: ~10 per second. Others still see the move live (their cursors glide at a
 * similar rate), and a dragging user's traffic stays within the 3 KB/s presence budget; the local
 * preview moves Konva nodes at full frame rate regardless.
 */
export const DRAG_WRITE_INTERVAL_MS = 100
/**
 * Above this many dragged items the doc is written once, at pointer up: a live write of thousands
 * of items ten times a second (and every reader re-rendering them) is what froze big drags.
 */
export const LIVE_DRAG_MAX_ITEMS = 300
/** At most this many ids go into awareness `editing` (others outline them) during one drag. */
export const MAX_ANNOUNCED_IDS = 300

/**
 * One drag of the selection. Pointer moves reposition the mounted Konva nodes directly (no React
 * work per move); the doc gets the accumulated delta once per animation frame, all inside one
 * undo gesture (at most every DRAG_WRITE_INTERVAL_MS), so collaborators see the move live and undo
 * reverts it in one step.
 */
export class Translation {
  private readonly origins = new Map<string, Point>()
  private readonly startBounds: Rect | null
  private readonly targets: Rect[]
  private readonly writer: FrameScheduler
  private readonly mover: FrameScheduler
  private readonly live: boolean
  private delta: Point = { x: 0, y: 0 }
  private written: Point = { x: 0, y: 0 }
  /** arrows bound to a moving item but not moving themselves: their nodes follow every frame */
  private readonly followers: string[] = []
  /** big drags: the items layer moves the selection as one bitmap instead of moving its nodes */
  private floatLayer: ItemsKonvaLayer | null = null

  constructor(
    private readonly ctx: ToolContext,
    readonly ids: readonly string[],
    private readonly start: Point,
  ) {
    const model = sceneModelFor(ctx.doc)
    startGesture(ctx.undo)
    // an arrow dragged away from what it is bound to lets go of it (as in tldraw and Excalidraw)
    detachMovedArrows(ctx.doc, model, ids, byMe(ctx.store))
    const boxes: Rect[] = []
    for (const id of ids) {
      const it = model.get(id)
      if (!it) continue
      this.origins.set(id, { x: it.x, y: it.y })
      const b = model.bounds(id)
      if (b) boxes.push(b)
    }
    this.startBounds = union(boxes)
    const s = ctx.store.get()
    const moving = new Set(ids)
    this.targets = model
      .queryGeometric(s.pageId, visibleBounds(s.camera, s.viewportSize))
      .filter((id) => !moving.has(id))
      .slice(-MAX_SNAP_TARGETS)
      .map((id) => model.bounds(id)!)
    this.writer = createFrameScheduler(() => this.write(), DRAG_WRITE_INTERVAL_MS)
    // pointer events can outpace frames: the nodes move once per frame
    this.mover = createFrameScheduler(() => this.moveNodes())
    this.live = this.origins.size <= LIVE_DRAG_MAX_ITEMS
    if (!this.live) {
      const layer = [...this.origins.keys()].map((id) => itemNodes(ctx.doc).get(id)?.getLayer()).find((l) => l)
      if (layer instanceof ItemsKonvaLayer) {
        this.floatLayer = layer
        layer.floatItems(new Set(this.origins.keys()))
      }
    }
    // others see what is being dragged outlined in our colour (awareness `editing`)
    ctx.store.setGestureIds([...this.origins.keys()].slice(0, MAX_ANNOUNCED_IDS))
    for (const id of ids) for (const a of model.boundArrows(id)) if (!moving.has(a) && !this.followers.includes(a)) this.followers.push(a)
  }

  /** The pointer moved to `scene`; `snap` false while Ctrl/Cmd is held. */
  update(scene: Point, snap: boolean): void {
    let dx = scene.x - this.start.x
    let dy = scene.y - this.start.y
    const { store } = this.ctx
    if (snap && this.startBounds && this.targets.length > 0) {
      const moved = { ...this.startBounds, x: this.startBounds.x + dx, y: this.startBounds.y + dy }
      const r = snapMove(moved, this.targets, SNAP_DISTANCE_PX / store.get().camera.zoom)
      dx += r.dx
      dy += r.dy
      store.setGuides(r.guides)
    } else store.setGuides([])
    this.delta = { x: dx, y: dy }
    this.mover.schedule()
    if (this.live) this.writer.schedule()
  }

  /** Pointer up: the last delta reaches the doc and the gesture closes. */
  commit(): void {
    this.mover.flush()
    this.writer.flush()
    this.write()
    if (this.delta.x !== 0 || this.delta.y !== 0) adoptIntoFrames(this.ctx.doc, sceneModelFor(this.ctx.doc), this.ids, byMe(this.ctx.store))
    this.unfloat()
    endGesture(this.ctx.undo)
    this.ctx.store.setGuides([])
    this.ctx.store.setGestureIds([])
  }

  /** Escape: put everything back where it was. */
  cancel(): void {
    this.writer.cancel()
    this.mover.cancel()
    this.delta = { x: 0, y: 0 }
    this.write()
    this.moveNodes()
    this.unfloat()
    endGesture(this.ctx.undo)
    this.ctx.store.setGuides([])
    this.ctx.store.setGestureIds([])
  }

  get movedBy(): Point {
    return this.delta
  }

  private write(): void {
    if (this.delta.x === this.written.x && this.delta.y === this.written.y) return
    // Absolute positions (start + delta), x and y together: a concurrent drag by someone else
    // then ends under one of the two pointers, never at the sum of both (see placeItems).
    // Items a collaborator deleted mid-drag are skipped by placeItems.
    const { x: dx, y: dy } = this.delta
    const places: { id: string; x: number; y: number }[] = []
    for (const [id, o] of this.origins) places.push({ id, x: o.x + dx, y: o.y + dy })
    // Not written (bad input only): the next write carries this step too instead of dropping it.
    if (placeItems(this.ctx.doc, places, byMe(this.ctx.store)).ok) this.written = { ...this.delta }
  }

  private unfloat(): void {
    this.floatLayer?.floatItems(null)
    this.floatLayer = null
  }

  private moveNodes(): void {
    if (this.floatLayer) {
      // bound arrows that do not move with the selection follow when the drop is written
      this.floatLayer.moveFloat(this.delta.x, this.delta.y)
      return
    }
    const nodes = itemNodes(this.ctx.doc)
    for (const [id, o] of this.origins) {
      const n = nodes.get(id)
      if (n) n.position({ x: o.x + this.delta.x, y: o.y + this.delta.y })
    }
    if (this.followers.length > 0) previewFollowers(this.ctx.doc, this.followers, this.origins, this.delta)
  }
}
