import type { EditorStore } from '../../state/editorStore'
import { sceneModelFor } from '../../items/sceneModel'
import type { ToolContext } from '../types'

/**
 * Which group the user has entered (double-click on a member), per editor. Inside it, a click
 * picks a member itself; anywhere else a click on a member picks its outermost group.
 */
const entered = new WeakMap<EditorStore, string>()

export function enteredGroup(store: EditorStore): string | null {
  return entered.get(store) ?? null
}

export function setEnteredGroup(ctx: Pick<ToolContext, 'store'>, id: string | null): void {
  if (id) entered.set(ctx.store, id)
  else entered.delete(ctx.store)
}

/** What a press on item `id` selects: the item, or the outermost group around it outside the entered one. */
export function selectableTarget(ctx: ToolContext, id: string): string | null {
  const model = sceneModelFor(ctx.doc)
  const inside = enteredGroup(ctx.store)
  // walk up through groups, stopping below the entered group
  let cur = id
  const seen = new Set<string>()
  for (;;) {
    seen.add(cur)
    const parent = model.placement(cur)?.parentId
    if (!parent || seen.has(parent) || parent === inside || model.placement(parent)?.type !== 'group') break
    cur = parent
  }
  if (inside && cur !== id && !isInside(ctx, id, inside)) setEnteredGroup(ctx, null)
  return cur
}

function isInside(ctx: ToolContext, id: string, group: string): boolean {
  const model = sceneModelFor(ctx.doc)
  let cur: string | undefined = id
  for (let i = 0; cur && i < 64; i++) {
    if (cur === group) return true
    cur = model.placement(cur)?.parentId
  }
  return false
}

/** Marquee hits mapped to what a click would select, each once, in their order. */
export function toSelectable(ctx: ToolContext, ids: readonly string[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const id of ids) {
    const t = selectableTarget(ctx, id)
    if (t && !seen.has(t)) {
      seen.add(t)
      out.push(t)
    }
  }
  return out
}
