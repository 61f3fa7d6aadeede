import { endGesture, startGesture, updateItems } from '../../../doc'
import { sceneModelFor } from '../../items/sceneModel'
import { byMe, type Point } from '../../state/editorStore'
import { cropTo, type Croppable } from '../../transform/cropGeometry'
import type { CropHandle, ToolContext } from '../types'
import { createFrameScheduler, type FrameScheduler } from './frameScheduler'

/**
 * Dragging a crop handle of an image in crop mode: an edge or corner trims (or uncovers) the
 * visible part, 'move' slides the image under it; the source image stays in place on the canvas.
 * Written to the doc once per frame (one item: everyone sees the crop follow), one undo step.
 */
export class CropDrag {
  private readonly start: Croppable | null
  private readonly writer: FrameScheduler
  private pointer: Point
  private wrote = false

  constructor(
    private readonly ctx: ToolContext,
    private readonly handle: CropHandle,
    private readonly from: Point,
  ) {
    const it = sceneModelFor(ctx.doc).get(handle.id)
    this.start = it && it.type === 'image' ? { x: it.x, y: it.y, width: it.width, height: it.height, rotation: it.rotation, crop: it.crop } : null
    this.pointer = from
    this.writer = createFrameScheduler(() => this.write())
    startGesture(ctx.undo)
    ctx.store.setGestureIds([handle.id])
  }

  update(p: Point): void {
    this.pointer = p
    this.writer.schedule()
  }

  commit(): void {
    this.writer.cancel()
    this.write()
    this.end()
  }

  cancel(): void {
    this.writer.cancel()
    this.end()
    if (this.wrote) this.ctx.undo.undo()
  }

  private end(): void {
    endGesture(this.ctx.undo)
    this.ctx.store.setGestureIds([])
  }

  private write(): void {
    if (!this.start) return
    const r = cropTo(this.start, this.handle.crop, this.pointer, this.from)
    this.wrote = true
    updateItems(this.ctx.doc, [{ id: this.handle.id, patch: r }], byMe(this.ctx.store))
  }
}
