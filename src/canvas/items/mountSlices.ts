// Thousands of items coming into the items layer at once — the undo of a delete of 10,000, a
// collaborator's paste, zooming out to everything — were mounted in one React commit: a render and
// a Konva node per item, ~1 s of one frame for 10,000 items (on top of the transaction that brought
// them). Here the new items are admitted a slice per frame, bottom first (in z-order, so each
// slice is appended above what is already there and Konva re-indexes nothing), and the layer shows
// them as they come. Thousands leaving at once (a delete of 10,000: their nodes are already out of
// the layer, bulkNodes) are unmounted a slice per frame too (twice the size: an unmount costs
// less), keeping their order among the others so that React moves nothing.

/** Items mounted per frame while a big addition comes in. */
export const MOUNT_SLICE = 250

export class MountSlices {
  /** the list last handed to `show` */
  private shown: readonly string[]
  /** the list culling wants mounted */
  private target: readonly string[] = []
  /** a partial list was shown: the next slice waits for its commit and the next frame */
  private waiting = false

  constructor(
    shown: readonly string[],
    private readonly show: (ids: readonly string[]) => void,
    private readonly nextFrame: (fn: () => void) => void = (fn) => void requestAnimationFrame(fn),
    private readonly slice = MOUNT_SLICE,
  ) {
    this.shown = shown
    this.target = shown
  }

  /** True while items wait to be mounted (tests and the benchmark read it). */
  get pending(): boolean {
    return this.waiting
  }

  /** Culling's new list (bottom first): shown now, or its first slice when it adds many items. */
  want(next: readonly string[]): void {
    this.target = next
    if (!this.waiting) this.step()
  }

  private scheduled = false

  /** The last list shown has been committed: the next slice follows on the next frame. */
  committed(): void {
    if (!this.waiting || this.scheduled) return
    this.scheduled = true
    this.nextFrame(() => {
      this.scheduled = false
      this.step()
    })
  }

  private step(): void {
    const have = new Set(this.shown)
    const wanted = new Set(this.target)
    // the items leaving beyond this frame's share stay mounted (drawn by nothing) a while longer
    let drop = this.slice * 2
    const linger: string[] = []
    for (const id of this.shown) if (!wanted.has(id) && drop-- <= 0) linger.push(id)
    const pos = linger.length > 0 ? new Map(this.shown.map((id, i) => [id, i])) : null
    const out: string[] = []
    let fresh = 0
    let more = linger.length > 0
    let next = 0
    for (const id of this.target) {
      if (have.has(id)) {
        // the lingering ones that were below this one stay below it
        if (pos) while (next < linger.length && pos.get(linger[next]!)! < pos.get(id)!) out.push(linger[next++]!)
        out.push(id)
      } else if (fresh < this.slice) {
        out.push(id)
        fresh++
      } else more = true
    }
    while (next < linger.length) out.push(linger[next++]!)
    this.waiting = more
    this.shown = more ? out : this.target
    this.show(this.shown)
  }
}
