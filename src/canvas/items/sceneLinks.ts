// The references between items that the scene model keeps indexed: which arrows/lines are bound
// to an item (a moved shape re-resolves only those) and which items a group or frame contains.
import type { Placement } from './placement'

const EMPTY: ReadonlySet<string> = new Set()

export class SceneLinks {
  /** target id → ids of the arrows/lines bound to it */
  private readonly boundTo = new Map<string, Set<string>>()
  /** container (group/frame) id → ids of the items whose parentId it is */
  private readonly childrenOf = new Map<string, Set<string>>()

  /** Ids of the arrows/lines whose ends are bound to `id`. */
  boundArrows(id: string): ReadonlySet<string> {
    return this.boundTo.get(id) ?? EMPTY
  }

  /** Ids of the items whose parentId is `id` (direct children of a group or frame). */
  children(id: string): ReadonlySet<string> {
    return this.childrenOf.get(id) ?? EMPTY
  }

  /** Keeps both indexes in step with one item's change (`before`/`after` as stored; undefined: absent). */
  update(id: string, before: Placement | undefined, after: Placement | undefined): void {
    // the same references (a patched placement keeps them) or none on either side: nothing to relink
    if (before?.startBinding === after?.startBinding && before?.endBinding === after?.endBinding && before?.parentId === after?.parentId) return
    const link = (map: Map<string, Set<string>>, key: string | undefined, on: boolean) => {
      if (!key) return
      let set = map.get(key)
      if (on) {
        if (!set) map.set(key, (set = new Set()))
        set.add(id)
      } else if (set) {
        set.delete(id)
        if (set.size === 0) map.delete(key)
      }
    }
    for (const key of [before?.startBinding?.itemId, before?.endBinding?.itemId]) link(this.boundTo, key, false)
    link(this.childrenOf, before?.parentId, false)
    for (const key of [after?.startBinding?.itemId, after?.endBinding?.itemId]) link(this.boundTo, key, true)
    link(this.childrenOf, after?.parentId, true)
  }
}
