// The scene model's bulk side (SceneModel.subscribeBulk): who hears of a transaction that changes
// or removes thousands of items at once, and, per item, how many times its node was changed
// behind its component's back. A nudge, the drop of a big drag, a restyle or rotation of 10,000
// items (here or a collaborator's) is applied to their Konva nodes in one pass instead of
// re-rendering thousands of components; a delete of thousands takes their nodes out at once.

/**
 * A transaction moving, restyling or removing at least this many items changes their nodes in
 * bulk instead of re-rendering their components one by one.
 */
export const BULK_MOVE = 300

/** What the items layer and the selection box do with a transaction that changes thousands of items. */
export interface BulkListener {
  /**
   * Items changed in a shallow way (their fields in `keys`); the scene model holds their new
   * snapshots. Returns the ids it could not apply to their nodes: their components re-render.
   */
  changed?: (ids: readonly string[], keys: (id: string) => ReadonlySet<string>) => readonly string[]
  /**
   * Items removed: their nodes can go at once, before their components unmount (and anything
   * holding thousands of them, like the selection box, can let go of them in one call).
   */
  removed?: (ids: readonly string[]) => void
  /**
   * Items added (or back: the undo of a removal); the scene model holds their placements. Returns
   * the ids whose nodes it put back as they were (parked since their removal).
   */
  added?: (ids: readonly string[]) => readonly string[]
}

const NONE: ReadonlySet<string> = new Set()

export class BulkChanges {
  private readonly listeners = new Set<BulkListener>()
  /** how many times a bulk listener changed an item's node behind its component's back */
  private readonly generations = new Map<string, number>()

  /** True when someone listens (otherwise every change goes to the item components). */
  get active(): boolean {
    return this.listeners.size > 0
  }

  subscribe(listener: BulkListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Counts the bulk changes applied to an item's node without its component rendering: the
   * component keys its shape by it, so its next render builds the node afresh instead of
   * diffing against props the node no longer has.
   */
  generation(id: string): number {
    return this.generations.get(id) ?? 0
  }

  /**
   * Hands items changed in a shallow way to the listeners. Returns the ids some listener could
   * not apply to its node (their components must re-render); the others' generation goes up.
   */
  changed(ids: readonly string[], keys: (id: string) => ReadonlySet<string>): ReadonlySet<string> {
    const left = new Set<string>()
    for (const l of [...this.listeners]) if (l.changed) for (const id of l.changed(ids, keys)) left.add(id)
    for (const id of ids) if (!left.has(id)) this.bump(id)
    return left.size > 0 ? left : NONE
  }

  /**
   * Hands removed items to the listeners. The items layer takes their nodes out and keeps them
   * (parked) while their components stay mounted: should the items come back (undo), `added` puts
   * the same nodes back, as their components last rendered them.
   */
  removed(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return
    const list = [...ids]
    for (const l of [...this.listeners]) l.removed?.(list)
  }

  /**
   * Hands added items to the listeners (any number: one of them may be a parked node's). Returns
   * the ids whose nodes came back as they were.
   */
  added(ids: readonly string[]): ReadonlySet<string> {
    const back = new Set<string>()
    for (const l of [...this.listeners]) for (const id of l.added?.(ids) ?? []) back.add(id)
    return back
  }

  clear(): void {
    this.listeners.clear()
  }

  private bump(id: string): void {
    this.generations.set(id, this.generation(id) + 1)
  }
}
