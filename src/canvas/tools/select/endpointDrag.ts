import { endGesture, startGesture, updateItems, type Binding } from '../../../doc'
import { itemNodes } from '../../items/nodeRegistry'
import { sceneModelFor, type SceneModel } from '../../items/sceneModel'
import { byMe, type Point } from '../../state/editorStore'
import { bindingUnder, boundPatch } from '../bindTarget'
import type { LinearHandle, ToolContext } from '../types'
import { createFrameScheduler, type FrameScheduler } from './frameScheduler'
import { DRAG_WRITE_INTERVAL_MS } from './translate'

/**
 * Dragging a tip or the bend handle of a selected line/arrow. A tip follows the pointer and, on
 * release, binds to the shape under it (or unbinds over empty canvas); the other end keeps its
 * binding. The bend handle moves (or creates) the middle point. The node follows every frame,
 * the doc ~10 times a second, all in one undo step.
 */
export class EndpointDrag {
  private readonly model: SceneModel
  private readonly writer: FrameScheduler
  private readonly abs: number[]
  private start: Binding | null
  private end: Binding | null
  private pointer: Point
  private wrote = false

  constructor(
    private readonly ctx: ToolContext,
    private readonly handle: LinearHandle,
    at: Point,
  ) {
    this.model = sceneModelFor(ctx.doc)
    const it = this.model.get(handle.id)!
    const p = it.points ?? []
    this.abs = p.map((v, i) => v + (i % 2 === 0 ? it.x : it.y))
    // a straight line bends from its middle: the bend point is a new middle point
    if (handle.which === 'mid' && this.abs.length === 4) this.abs.splice(2, 0, (this.abs[0]! + this.abs[2]!) / 2, (this.abs[1]! + this.abs[3]!) / 2)
    this.start = it.startBinding ?? null
    this.end = it.endBinding ?? null
    this.pointer = at
    this.writer = createFrameScheduler(() => this.write(), DRAG_WRITE_INTERVAL_MS)
    startGesture(ctx.undo)
  }

  update(p: Point): void {
    this.pointer = p
    const n = this.abs.length
    if (this.handle.which === 'start') {
      ;[this.abs[0], this.abs[1]] = [p.x, p.y]
      this.start = null
    } else if (this.handle.which === 'end') {
      ;[this.abs[n - 2], this.abs[n - 1]] = [p.x, p.y]
      this.end = null
    } else {
      const i = 2 * Math.floor(n / 4)
      ;[this.abs[i], this.abs[i + 1]] = [p.x, p.y]
    }
    this.preview()
    this.writer.schedule()
  }

  /** Pointer up: bind the dragged tip to what is under it, write the final shape, close the step. */
  commit(): void {
    this.writer.cancel()
    const pageId = this.ctx.store.get().pageId
    if (this.handle.which === 'start') this.start = bindingUnder(this.model, pageId, this.pointer, this.handle.id)
    if (this.handle.which === 'end') this.end = bindingUnder(this.model, pageId, this.pointer, this.handle.id)
    this.write()
    endGesture(this.ctx.undo)
  }

  cancel(): void {
    this.writer.cancel()
    endGesture(this.ctx.undo)
    if (this.wrote) return void this.ctx.undo.undo()
    // nothing reached the doc, so no render will put the node back: do it here
    const it = this.model.placement(this.handle.id)
    itemNodes(this.ctx.doc).get(this.handle.id)?.setAttrs({ x: it?.x, y: it?.y, points: it?.points })
  }

  private patch() {
    return boundPatch(this.model, [...this.abs], this.start, this.end)
  }

  private write(): void {
    this.wrote = true
    updateItems(this.ctx.doc, [{ id: this.handle.id, patch: this.patch() }], byMe(this.ctx.store))
  }

  private preview(): void {
    const node = itemNodes(this.ctx.doc).get(this.handle.id)
    if (!node) return
    const p = this.patch()
    node.setAttrs({ x: p.x, y: p.y, points: p.points, rotation: 0 })
  }
}
