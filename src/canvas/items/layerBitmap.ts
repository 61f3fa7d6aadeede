import { SceneCanvas } from 'konva/lib/Canvas'

/**
 * Bitmaps of an expensive items layer, so that camera moves and big drags cost a copy instead of
 * a redraw of every item.
 *
 * Drawing thousands of vector items (each a Konva save/transform/fill/stroke/restore, text
 * measured and filled) takes far longer than a frame in software rendering: a 10,000-item board
 * zoomed to fit took ~100 ms per draw. When the last full draw was slower than EXPENSIVE_DRAW_MS,
 * the layer draws its items once into `still` (and, while a big selection is dragged, the dragged
 * items into `floating`), and frames that only move the camera or the dragged selection paint
 * those bitmaps, scaled and offset, over a freshly painted backdrop. Once the camera has been
 * still for SETTLE_MS the layer draws crisply again. What a bitmap frame cannot show: items that
 * were outside the viewport when the bitmap was drawn (they appear when the gesture pauses), and
 * zoomed-in frames are blurry until then.
 */
export const EXPENSIVE_DRAW_MS = 10
export const SETTLE_MS = 300

declare global {
  interface Window {
    /** browser tests set it (before the app loads) to engage the bitmap path on a small board */
    __tesseraExpensiveDrawMs?: number
  }
}

function expensiveAbove(): number {
  const forced = typeof window === 'undefined' ? undefined : window.__tesseraExpensiveDrawMs
  return typeof forced === 'number' ? forced : EXPENSIVE_DRAW_MS
}

/** A 2D affine matrix as Konva gives it: [a, b, c, d, e, f] (uniform zoom and pan here). */
export type Matrix = number[]

export interface BitmapPainter {
  /** draws the layer's items onto `canvas` (cleared), only those `keep` accepts */
  drawItems(canvas: SceneCanvas, keep: (id: string) => boolean): void
}

function sameSize(a: SceneCanvas, b: SceneCanvas): boolean {
  return a.getPixelRatio() === b.getPixelRatio() && a.getWidth() === b.getWidth() && a.getHeight() === b.getHeight()
}

function sizedLike(target: SceneCanvas, cur: SceneCanvas | null): SceneCanvas {
  const w = target.getWidth() / target.getPixelRatio()
  const h = target.getHeight() / target.getPixelRatio()
  if (cur && sameSize(cur, target)) return cur
  return new SceneCanvas({ width: w, height: h, pixelRatio: target.getPixelRatio() })
}

/** a · b (b applied first), in Konva's [a, b, c, d, e, f] layout */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0]! * b[0]! + a[2]! * b[1]!,
    a[1]! * b[0]! + a[3]! * b[1]!,
    a[0]! * b[2]! + a[2]! * b[3]!,
    a[1]! * b[2]! + a[3]! * b[3]!,
    a[0]! * b[4]! + a[2]! * b[5]! + a[4]!,
    a[1]! * b[4]! + a[3]! * b[5]! + a[5]!,
  ]
}

export function invert(m: Matrix): Matrix {
  const det = m[0]! * m[3]! - m[1]! * m[2]!
  return [m[3]! / det, -m[1]! / det, -m[2]! / det, m[0]! / det, (m[2]! * m[5]! - m[3]! * m[4]!) / det, (m[1]! * m[4]! - m[0]! * m[5]!) / det]
}

export class LayerBitmaps {
  private still: SceneCanvas | null = null
  private floating: SceneCanvas | null = null
  /** the stage matrix the bitmaps were drawn with */
  private drawnAt: Matrix | null = null
  private floatIds: ReadonlySet<string> | null = null
  /** the floating picture is still shown (where the gesture left it) after its float ended, until a new picture replaces both */
  private floatShown = false
  /** a canvas to draw the next picture into, over frames (progressiveDraw.ts) */
  private spare: SceneCanvas | null = null
  /** where the floating items are painted relative to where they are placed: a scene-space matrix */
  private floatMatrix: Matrix = [1, 0, 0, 1, 0, 0]
  /** duration of the latest full draw, ms */
  lastDrawMs = 0
  /** ms per item of the latest full draw that was, or was expected to be, slow */
  private perItem = 0

  /** True when camera-only frames should paint bitmaps instead of drawing every item. */
  get expensive(): boolean {
    return this.lastDrawMs > expensiveAbove()
  }

  /** Notes a full draw of a layer of `count` items that took `ms`. */
  drew(ms: number, count: number): void {
    if (Math.max(ms, this.perItem * count) > expensiveAbove()) this.perItem = ms / Math.max(1, count)
    this.lastDrawMs = ms
  }

  /**
   * True when a full draw of `count` items is slower than a frame: the latest was, or the latest
   * slow one, at its cost per item, would be (a whole board back after a delete, which drew an
   * empty layer fast, was drawn in one frame of ~0.4 s instead of over frames).
   */
  expensiveFor(count: number): boolean {
    return this.expensive || this.perItem * count > expensiveAbove()
  }

  get floatingIds(): ReadonlySet<string> | null {
    return this.floatIds
  }

  /**
   * Items in `ids` are being dragged: they are drawn apart and moved as one bitmap. With null the
   * float ends: the pictures stay as they are, the floating one where the gesture left it, until
   * the next picture (`render` or `adopt`) replaces them.
   */
  float(ids: ReadonlySet<string> | null): void {
    if (ids === null) {
      this.floatShown = this.floatIds !== null && this.drawnAt !== null
      this.floatIds = null
      if (!this.floatShown) this.drawnAt = null
      return
    }
    this.floatIds = ids
    this.floatShown = false
    this.floatMatrix = [1, 0, 0, 1, 0, 0]
    this.drawnAt = null
  }

  /** A cleared canvas like `target` to draw the next picture into. */
  blank(target: SceneCanvas): SceneCanvas {
    this.spare = sizedLike(target, this.spare)
    this.spare.getContext().clear()
    return this.spare
  }

  /** `canvas` (from `blank`, drawn at `matrix`) becomes the picture; nothing floats any more. */
  adopt(canvas: SceneCanvas, matrix: Matrix): void {
    this.spare = this.still !== canvas ? this.still : null
    this.still = canvas
    this.floatShown = false
    this.drawnAt = [...matrix]
  }

  /**
   * Like `float`, when every item drawn in the still bitmap is among `ids` (a whole board
   * selected): that picture becomes the floating one and the still one is left empty, so the
   * gesture starts without drawing any item (redrawing 10,000 of them took a frame of ~0.5 s at the
   * start of every nudge, rotation, resize or drag of them). False (nothing changed) when there is
   * no current picture to take.
   */
  floatStill(ids: ReadonlySet<string>): boolean {
    const picture = this.still
    // the last gesture's pictures still stand in for a redraw in progress: not one picture to take
    if (this.drawnAt === null || picture === null || this.floatShown) return false
    const empty = this.floating !== null && sameSize(this.floating, picture) ? this.floating : sizedLike(picture, null)
    empty.getContext().clear()
    this.floating = picture
    this.still = empty
    this.floatIds = ids
    this.floatMatrix = [1, 0, 0, 1, 0, 0]
    return true
  }

  /** The dragged items' offset from where they are placed, in scene units. */
  moveFloat(dx: number, dy: number): void {
    this.floatMatrix = [1, 0, 0, 1, dx, dy]
  }

  /** The floating items' transform from where they are placed (scene units; a rotation or resize of a big selection). */
  transformFloat(m: Matrix): void {
    this.floatMatrix = [...m]
  }

  /** True when the bitmaps can stand in for the items at the current matrix. */
  usable(): boolean {
    return this.drawnAt !== null && this.still !== null
  }

  invalidate(): void {
    this.drawnAt = null
  }

  /** Draws the items into the bitmaps at `matrix` (the stage's transform). */
  render(target: SceneCanvas, matrix: Matrix, painter: BitmapPainter): void {
    this.still = sizedLike(target, this.still)
    const ids = this.floatIds
    this.floatShown = false
    painter.drawItems(this.still, ids ? (id) => !ids.has(id) : () => true)
    if (ids) {
      this.floating = sizedLike(target, this.floating)
      painter.drawItems(this.floating, (id) => ids.has(id))
    }
    this.drawnAt = [...matrix]
  }

  /** Paints the bitmaps onto `ctx` (device pixels, already cleared) for the stage's `matrix` now. */
  paint(ctx: CanvasRenderingContext2D, pixelRatio: number, matrix: Matrix): void {
    const m0 = this.drawnAt
    if (!m0 || !this.still) return
    const k = matrix[0]! / m0[0]!
    const ex = pixelRatio * (matrix[4]! - k * m0[4]!)
    const ey = pixelRatio * (matrix[5]! - k * m0[5]!)
    ctx.save()
    ctx.setTransform(k, 0, 0, k, ex, ey)
    ctx.drawImage(this.still._canvas, 0, 0)
    if (this.floating && (this.floatIds || this.floatShown)) {
      // bitmap pixel → scene (undo the drawn-at camera) → floated (floatMatrix) → the camera now → pixels
      const toScene = invert(m0)
      const g = multiply(multiply(multiply([pixelRatio, 0, 0, pixelRatio, 0, 0], matrix), multiply(this.floatMatrix, toScene)), [1 / pixelRatio, 0, 0, 1 / pixelRatio, 0, 0])
      ctx.setTransform(g[0]!, g[1]!, g[2]!, g[3]!, g[4]!, g[5]!)
      ctx.drawImage(this.floating._canvas, 0, 0)
    }
    ctx.restore()
  }

  /** True when `matrix` differs from the one the bitmaps were drawn with (the picture is scaled or moved). */
  movedSince(matrix: Matrix): boolean {
    const m0 = this.drawnAt
    return !m0 || m0.some((v, i) => v !== matrix[i])
  }
}
