// A full redraw of an expensive items layer spread over frames. After a bulk edit (a restyle,
// rotation, delete or undo of 10,000 items), the end of a big drag or nudge, or a pan coming to
// rest, the layer drew every item in one frame — a frame of 0.2–1 s on a 10,000-item board zoomed
// to fit. Instead the items are drawn into a spare bitmap a slice per frame, while the frames in
// between keep showing the picture drawn before (scaled and offset to the camera as camera moves
// are); the new picture replaces it once complete. A camera move during a pass starts it again at
// the new view; a change during a pass is drawn by a pass that follows.
import type Konva from 'konva/lib/Core'
import type { SceneCanvas } from 'konva/lib/Canvas'
import type { Matrix } from './layerBitmap'

/** Fewer mounted items than this are redrawn at once. */
export const PROGRESSIVE_MIN = 300

/** Milliseconds of drawing per frame during a pass. */
export const SLICE_MS = 8

/** Children drawn between two looks at the clock. */
const CHUNK = 32

declare global {
  interface Window {
    /** browser tests set it (before the app loads) to make passes take many frames on a small board */
    __tesseraDrawSliceMs?: number
  }
}

export function sliceMs(): number {
  const forced = typeof window === 'undefined' ? undefined : window.__tesseraDrawSliceMs
  return typeof forced === 'number' ? forced : SLICE_MS
}

export class DrawPass {
  private next = 0
  /** time spent drawing so far, ms */
  elapsed = 0
  /** a change came in while this pass ran: draw again once it is done */
  redo = false
  readonly started = performance.now()

  constructor(
    readonly canvas: SceneCanvas,
    readonly matrix: Matrix,
    /** what the pass draws */
    readonly children: readonly Konva.Node[],
  ) {}

  /** True when the camera moved since the pass began (its slices would not line up). */
  staleAt(m: Matrix): boolean {
    return this.matrix.some((v, i) => v !== m[i])
  }

  /**
   * Draws the next children for about `budgetMs` (at least one chunk) with `draw`; true once
   * every child is drawn. Children taken out of the layer meanwhile are skipped.
   */
  step(budgetMs: number, draw: (child: Konva.Node) => void, owner: Konva.Container): boolean {
    const t0 = performance.now()
    const list = this.children
    while (this.next < list.length) {
      const end = Math.min(list.length, this.next + CHUNK)
      for (let i = this.next; i < end; i++) {
        const child = list[i]!
        if (child.parent === owner) draw(child)
      }
      this.next = end
      if (performance.now() - t0 >= budgetMs) break
    }
    this.elapsed += performance.now() - t0
    return this.next >= list.length
  }
}
