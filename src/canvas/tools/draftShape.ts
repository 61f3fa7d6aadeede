import type { ItemPatch, ItemType } from '../../doc'
import { byMe } from '../state/editorStore'
import { updateItems } from '../../doc'
import { itemNodes } from '../items/nodeRegistry'
import { previewGeometry } from './draftPreview'
import { createFrameScheduler, type FrameScheduler } from './select/frameScheduler'
import { DRAG_WRITE_INTERVAL_MS } from './select/translate'
import type { ToolContext } from './types'

/** The shape under the pointer, computed on demand: at most once per frame, not once per move. */
export type LazyPatch = () => ItemPatch

/**
 * The item a drag-to-create tool is drawing, between pointer-down and pointer-up.
 *
 * Pointer moves only record the latest shape. Once per animation frame it is put on the item's
 * mounted Konva node (no doc transaction, no React render), so the local user sees the shape
 * follow the pointer at frame rate. The doc gets it at most every DRAG_WRITE_INTERVAL_MS — the
 * first write in the first frame, the last one at most an interval (and a frame) after the
 * pointer stops — so collaborators watch the shape grow at ~10 Hz, as they watch a selection
 * move. `commit` writes the exact final shape at pointer-up.
 *
 * Without requestAnimationFrame (Node unit tests) the scheduler runs work at once, so every
 * move is written as before and tool logic stays testable without a browser.
 */
export class DraftShape {
  private next: LazyPatch | null = null
  private latest: ItemPatch | null = null
  private unwritten = false
  private readonly previewer: FrameScheduler
  private readonly writer: FrameScheduler

  constructor(
    private readonly ctx: ToolContext,
    readonly id: string,
    private readonly type: ItemType,
  ) {
    this.previewer = createFrameScheduler(() => this.preview())
    this.writer = createFrameScheduler(() => this.write(), DRAG_WRITE_INTERVAL_MS)
  }

  /** The pointer moved; `shape` is evaluated lazily, so moves within one frame cost nothing. */
  update(shape: LazyPatch): void {
    this.next = shape
    this.unwritten = true
    this.previewer.schedule()
    this.writer.schedule()
  }

  /**
   * Pointer up (or the tool is left mid-drag): `final` — or, when null, the latest shape — reaches
   * the doc at once. It is also put on the node: React re-applies only props that changed since
   * its last render, so a final shape equal to an earlier write would otherwise leave the node
   * showing a newer preview.
   */
  commit(final: ItemPatch | null): void {
    this.stop()
    const patch = final ?? this.current()
    if (!patch) return
    if (final || this.unwritten) updateItems(this.ctx.doc, [{ id: this.id, patch }], byMe(this.ctx.store))
    this.unwritten = false
    this.show(patch)
  }

  /** Escape: drop pending work; the caller undoes the gesture, which removes the item. */
  cancel(): void {
    this.stop()
    this.unwritten = false
  }

  private stop(): void {
    this.previewer.cancel()
    this.writer.cancel()
  }

  private current(): ItemPatch | null {
    if (this.next) {
      this.latest = this.next()
      this.next = null
    }
    return this.latest
  }

  private preview(): void {
    // a miss means the node is not mounted yet (it mounts in a React transition after
    // pointer-down) or is culled: React draws it from the doc, which trails by ≤ one interval
    if (!itemNodes(this.ctx.doc).has(this.id)) return
    const patch = this.current()
    if (patch) this.show(patch)
  }

  private write(): void {
    if (!this.unwritten) return
    const patch = this.current()
    this.unwritten = false
    if (patch) updateItems(this.ctx.doc, [{ id: this.id, patch }], byMe(this.ctx.store))
  }

  private show(patch: ItemPatch): void {
    const node = itemNodes(this.ctx.doc).get(this.id)
    if (node) previewGeometry(node, this.type, patch)
  }
}
