import Konva from 'konva/lib/Core'
import type { HitCanvas, SceneCanvas } from 'konva/lib/Canvas'
import { intersects, type Rect } from '../shapes/geometry'
import type { GridView } from '../grid'
import { LayerBitmaps, SETTLE_MS, type Matrix } from './layerBitmap'
import { DrawPass, PROGRESSIVE_MIN, sliceMs } from './progressiveDraw'

/**
 * Where a mounted item's root node paints, in scene units, or undefined to always draw it (for
 * instance while a drag or resize moves the node ahead of the document).
 */
export type PaintBox = (node: Konva.Node) => Rect | undefined

/** Paints under the items on the layer's own canvas (the dot grid), given the stage's pan and zoom. */
export type Backdrop = (ctx: CanvasRenderingContext2D, view: GridView) => void

/**
 * The Konva layer the board's items are drawn on. Three things set it apart from a plain layer:
 *
 * - Its hit graph is drawn on demand. Konva redraws a layer's hit canvas on every draw, doubling
 *   the cost of each pan/zoom frame, and allocates that full-window canvas when the layer is added
 *   (about 20 ms in headless Chromium, on the way to a board's first render). Item hit-testing is
 *   only needed when a pointer goes down or up, so the hit canvas stays at zero size until the
 *   first `layerIntersection`, and afterwards draws only mark the graph stale; reading it redraws
 *   it. (Konva's own hover events read a stale or empty graph here; nothing listens to Konva
 *   events on item nodes.)
 * - It draws only the items that touch the viewport. Items are mounted for a window larger than
 *   the viewport (items/culling.ts), so that panning needs no React work; drawing the margin too
 *   doubled the cost of every frame when zoomed out (bench:editor, pan/zoom).
 * - It paints a backdrop (the dot grid) under the items on its own canvas, so the grid costs no
 *   layer of its own in every frame the compositor draws. Drawing the layer onto any other canvas
 *   (Konva's toCanvas) leaves it out.
 * - When drawing its items takes longer than a frame, frames that only move the camera (see
 *   `moveCamera`) or a big dragged selection (`floatItems`) paint bitmaps of the items instead of
 *   drawing them (layerBitmap.ts); a crisp draw follows once the camera is still.
 */
export class ItemsKonvaLayer extends Konva.Layer {
  /** set by the items layer component; without it every child is drawn */
  paintBox: PaintBox | null = null
  /** set by the items layer component */
  backdrop: Backdrop | null = null
  private hitStale = true
  private hitWanted = false
  private readonly bitmaps = new LayerBitmaps()
  /** draws requested since the last draw: by a camera/float move only, or by anything else */
  private sawMove = false
  private sawContent = true
  private settleTimer: ReturnType<typeof setTimeout> | null = null
  /** the items' cached absolute transforms are older than the camera (see `_clearSelfAndDescendantCache`) */
  private transformsStale = false

  /**
   * A camera move changes the stage transform, and Konva then clears the cached absolute transform
   * of every descendant (and tells each one): ~20 ms per wheel event with 10,000 items, more than
   * a frame, although frames painted from the bitmaps read none of them. While camera moves are
   * painted from bitmaps, only this layer's own cache is cleared; the items' caches are cleared
   * once, before anything reads them again (a full draw, the hit graph, `freshTransforms`).
   */
  override _clearSelfAndDescendantCache(attr?: string): void {
    if (attr === 'absoluteTransform' && cameraMoving && this.bitmaps.expensive) {
      this.transformsStale = true
      Konva.Node.prototype._clearSelfAndDescendantCache.call(this, attr)
      return
    }
    if (attr === undefined || attr === 'absoluteTransform') this.transformsStale = false
    super._clearSelfAndDescendantCache(attr)
  }

  /** Brings the items' absolute transforms up to date with the camera (after bitmap-painted camera moves). */
  freshTransforms(): void {
    if (!this.transformsStale) return
    this.transformsStale = false
    super._clearSelfAndDescendantCache('absoluteTransform')
  }

  /** True while item transforms wait for a full draw (tests and the benchmark read it). */
  get transformsDeferred(): boolean {
    return this.transformsStale
  }

  override batchDraw(): this {
    if (cameraMoving) this.sawMove = true
    else this.sawContent = true
    return super.batchDraw()
  }

  /** True while camera moves are painted from bitmaps (drawing every item is slower than a frame). */
  get drawsFromBitmap(): boolean {
    return this.bitmaps.expensive
  }

  /**
   * Items `ids` are dragged as one bitmap, offset by `moveFloat`, until `floatItems(null)`; the
   * nodes themselves stay where the document places them meanwhile.
   */
  floatItems(ids: ReadonlySet<string> | null): void {
    // a whole board selected starts floating as the picture on screen (no item drawn), provided
    // that picture is current: no change waits for a draw
    if (ids && !this.sawContent && !this._waitingForDraw && this.allChildrenIn(ids) && this.bitmaps.floatStill(ids)) {
      moveCamera(() => this.batchDraw())
      return
    }
    this.bitmaps.float(ids)
    this.batchDraw()
  }

  private allChildrenIn(ids: ReadonlySet<string>): boolean {
    for (const child of this.getChildren()) if (!ids.has(child.id())) return false
    return true
  }

  moveFloat(dx: number, dy: number): void {
    this.bitmaps.moveFloat(dx, dy)
    moveCamera(() => this.batchDraw())
  }

  /** Paints the floating items through `m` (scene units; see LayerBitmaps.transformFloat). */
  transformFloat(m: number[]): void {
    this.bitmaps.transformFloat(m)
    moveCamera(() => this.batchDraw())
  }

  override drawScene(can?: SceneCanvas, top?: Konva.Node): this {
    if ((can && can !== this.canvas) || top) {
      this.freshTransforms()
      return super.drawScene(can, top)
    }
    const moveOnly = this.sawMove && !this.sawContent
    const changed = this.sawContent
    this.sawMove = false
    this.sawContent = false
    const m = this.getAbsoluteTransform().getMatrix()
    const floating = this.bitmaps.floatingIds !== null
    const viaBitmap = this.bitmaps.expensiveFor(this.children.length) || floating
    if (moveOnly && viaBitmap && this.bitmaps.usable()) {
      this.paintBitmaps(m)
      if (this.bitmaps.movedSince(m)) this.settleLater()
      return this
    }
    const t0 = performance.now()
    this.freshTransforms()
    // a picture to show meanwhile, nothing floating and hundreds of items: the new one is drawn
    // over frames (a small board is drawn at once, as ever, even when load makes it slow)
    if (viaBitmap && !floating && this.bitmaps.usable() && this.getChildren().length >= PROGRESSIVE_MIN) {
      this.drawSlice(m, changed)
      return this
    }
    this.pass = null
    if (viaBitmap) {
      this.bitmaps.render(this.canvas, m, { drawItems: (c, keep) => this.drawOnto(c, keep) })
      this.paintBitmaps(m)
      // bench:editor counts these (they are the slow frames of a big board)
      performance.measure('tessera:items-bitmap-draw', { start: t0 })
    } else {
      this.bitmaps.invalidate()
      super.drawScene(can, top)
    }
    this.bitmaps.drew(performance.now() - t0, this.children.length)
    return this
  }

  private pass: DrawPass | null = null

  /**
   * One slice of the redraw in progress (a new one when none is, or the camera moved since it
   * began), then a frame painted from the pictures so far; the finished picture replaces them.
   * `changed`: this draw was asked for by a change (drawn by another pass if one is running).
   */
  private drawSlice(m: Matrix, changed: boolean): void {
    if (!this.pass || this.pass.staleAt(m)) this.pass = new DrawPass(this.bitmaps.blank(this.canvas), m, [...this.getChildren()])
    else if (changed) this.pass.redo = true
    const pass = this.pass
    const view = this.sceneViewport()
    const paintBox = this.paintBox
    const done = pass.step(
      sliceMs(),
      (child) => {
        const box = view && paintBox ? paintBox(child) : undefined
        if (!box || !view || intersects(box, view)) child.drawScene(pass.canvas)
      },
      this,
    )
    if (done) {
      this.pass = null
      this.bitmaps.adopt(pass.canvas, m)
      this.bitmaps.drew(pass.elapsed, pass.children.length)
      // bench:editor counts these (they are the slow frames of a big board, now spread over several)
      performance.measure('tessera:items-bitmap-draw', { start: pass.started })
      if (pass.redo) this.batchDraw()
    } else super.batchDraw() // the next slice, next frame (neither a change nor a camera move)
    this.paintBitmaps(m)
  }

  /** True while a redraw is spread over frames (tests read it). */
  get redrawing(): boolean {
    return this.pass !== null
  }

  private settleLater(): void {
    if (this.settleTimer !== null) clearTimeout(this.settleTimer)
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null
      this.batchDraw()
    }, SETTLE_MS)
  }

  private paintBitmaps(m: number[]): void {
    const ctx = this.canvas.getContext()
    ctx.clear()
    this.paintBackdrop(this.canvas)
    this.bitmaps.paint(ctx._context, this.canvas.getPixelRatio(), m)
  }

  private keep: ((id: string) => boolean) | null = null
  private bitmapTarget: SceneCanvas | null = null

  /** Draws the items `keep` accepts onto `canvas` (cleared first), culled to the viewport. */
  private drawOnto(canvas: SceneCanvas, keep: (id: string) => boolean): void {
    canvas.getContext().clear()
    this.keep = keep
    this.bitmapTarget = canvas
    try {
      this._drawChildren('drawScene', canvas, undefined)
    } finally {
      this.keep = null
      this.bitmapTarget = null
    }
  }

  override _syncHitCanvasSize(): void {
    if (this.hitWanted) super._syncHitCanvasSize()
  }

  override drawHit(can?: HitCanvas, top?: Konva.Node): this {
    if (can) {
      this.freshTransforms()
      return super.drawHit(can, top)
    }
    this.hitStale = true
    return this
  }

  /** Redraws a stale hit graph (sizing the hit canvas the first time), then reads it. */
  intersection(pos: { x: number; y: number }): Konva.Shape | null {
    this.freshTransforms()
    if (this.hitStale) {
      this.hitStale = false
      this.hitWanted = true
      super.drawHit()
    }
    return this.getIntersection(pos)
  }

  override _drawChildNodes(drawMethod: 'drawScene' | 'drawHit', canvas: SceneCanvas | HitCanvas, top?: Konva.Node): void {
    if (drawMethod === 'drawScene' && canvas === this.canvas && top === undefined) this.paintBackdrop(canvas)
    const own = canvas === this.canvas || canvas === this.hitCanvas || (canvas === this.bitmapTarget && canvas !== null)
    const view = this.paintBox && top === undefined && own ? this.sceneViewport() : null
    if (!view) return super._drawChildNodes(drawMethod, canvas, top)
    const paintBox = this.paintBox!
    const keep = canvas === this.bitmapTarget ? this.keep : null
    for (const child of this.getChildren()) {
      if (keep && !keep(child.id())) continue
      const box = paintBox(child)
      if (box && !intersects(box, view)) continue
      if (drawMethod === 'drawScene') child.drawScene(canvas as SceneCanvas, top)
      else child.drawHit(canvas as HitCanvas, top)
    }
  }

  private paintBackdrop(canvas: SceneCanvas): void {
    const view = this.backdrop ? this.stageView() : null
    if (view) this.backdrop!(canvas.getContext()._context, { ...view, pixelRatio: canvas.getPixelRatio() })
  }

  /** The stage's visible area in this layer's (scene) coordinates, or null when it cannot tell. */
  private sceneViewport(): Rect | null {
    const v = this.stageView()
    return v && { x: -v.offsetX / v.zoom, y: -v.offsetY / v.zoom, width: v.width / v.zoom, height: v.height / v.zoom }
  }

  /** The stage's pan and zoom and its size, or null without a stage or when the transform is more than that. */
  private stageView(): Omit<GridView, 'pixelRatio'> | null {
    const stage = this.getStage()
    if (!stage) return null
    const t = this.getAbsoluteTransform().getMatrix()
    // stage pan and uniform zoom only: no rotation, skew or stretch
    if (t[1] !== 0 || t[2] !== 0 || !(t[0] > 0) || t[3] !== t[0]) return null
    return { zoom: t[0], offsetX: t[4], offsetY: t[5], width: stage.width(), height: stage.height() }
  }
}

let cameraMoving = false

/**
 * Runs `move`, which changes only the stage's pan and zoom (or a floated selection's offset):
 * the draws it requests may paint the items layer from its bitmaps.
 */
export function moveCamera(move: () => void): void {
  const was = cameraMoving
  cameraMoving = true
  try {
    move()
  } finally {
    cameraMoving = was
  }
}

/** The node-type name react-konva creates ItemsKonvaLayer by (see `src/canvas/konva.ts`). */
export const ITEMS_KONVA_LAYER = 'TesseraItemsLayer'
;(Konva as unknown as Record<string, unknown>)[ITEMS_KONVA_LAYER] = ItemsKonvaLayer

/** The shape under `pos` (stage container pixels) on `layer`, redrawing an on-demand hit graph first. */
export function layerIntersection(layer: Konva.Layer, pos: { x: number; y: number }): Konva.Shape | null {
  return layer instanceof ItemsKonvaLayer ? layer.intersection(pos) : layer.getIntersection(pos)
}
