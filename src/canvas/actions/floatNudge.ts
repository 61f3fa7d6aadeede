import type * as Y from 'yjs'
import { placeItems } from '../../doc'
import { byMe } from '../state/editorStore'
import { itemNodes } from '../items/nodeRegistry'
import { ItemsKonvaLayer } from '../items/itemsKonvaLayer'
import { BULK_MOVE, sceneModelFor } from '../items/sceneModel'
import { MAX_ANNOUNCED_IDS } from '../tools/select/translate'
import type { ActionContext } from './types'

/**
 * Arrow-key nudges of a big selection "float, then write once". Each press of a held arrow key
 * moving thousands of items would otherwise write thousands of Y.Map entries, run every observer
 * and redraw the whole board — seconds per press on a 10,000-item board. Instead the items layer
 * paints the selection as one bitmap offset by the sum of the nudges so far (as a big drag does),
 * and the sum reaches the doc once, in one transaction and one undo step, after the keys have
 * rested for NUDGE_SETTLE_MS — or at once, before any other action or pointer press
 * (`settleNudge`). Collaborators see the selection jump by the sum.
 */
export const NUDGE_SETTLE_MS = 400

declare global {
  interface Window {
    /** browser tests set it (before the app loads) so that keys pressed slowly on a loaded machine still count as one burst */
    __tesseraNudgeSettleMs?: number
  }
}

interface Floating {
  ctx: ActionContext
  layer: ItemsKonvaLayer
  ids: readonly string[]
  dx: number
  dy: number
  timer: ReturnType<typeof setTimeout> | null
}

const floating = new WeakMap<Y.Doc, Floating>()

/** The items layer the selection is drawn on, if any of it is mounted. */
function layerOf(doc: Y.Doc, ids: readonly string[]): ItemsKonvaLayer | null {
  const nodes = itemNodes(doc)
  for (const id of ids) {
    const layer = nodes.get(id)?.getLayer()
    if (layer) return layer instanceof ItemsKonvaLayer ? layer : null
  }
  return null
}

/**
 * Nudges the current selection by (dx, dy) as a float when it holds BULK_MOVE items or more and
 * is on screen; returns false when the caller should write the move itself.
 */
export function floatNudge(ctx: ActionContext, dx: number, dy: number): boolean {
  const selection = ctx.store.get().selection
  let f = floating.get(ctx.doc)
  if (f && f.ids !== selection) {
    settleNudge(ctx.doc)
    f = undefined
  }
  if (!f) {
    if (selection.length < BULK_MOVE) return false
    const layer = layerOf(ctx.doc, selection)
    if (!layer) return false
    f = { ctx, layer, ids: selection, dx: 0, dy: 0, timer: null }
    floating.set(ctx.doc, f)
    layer.floatItems(new Set(sceneModelFor(ctx.doc).withDescendants(selection)))
    // as during a drag: the selection box lets go until the write (it re-attaches, measured
    // afresh, when the gesture ends) and others see the items outlined as being moved
    ctx.store.setGestureIds(selection.slice(0, MAX_ANNOUNCED_IDS))
  }
  f.dx += dx
  f.dy += dy
  f.layer.moveFloat(f.dx, f.dy)
  if (f.timer !== null) clearTimeout(f.timer)
  const forced = typeof window === 'undefined' ? undefined : window.__tesseraNudgeSettleMs
  f.timer = setTimeout(() => settleNudge(ctx.doc), forced ?? NUDGE_SETTLE_MS)
  return true
}

/** Writes a floating nudge of `doc`'s selection now (no-op when none is pending). */
export function settleNudge(doc: Y.Doc): void {
  const f = floating.get(doc)
  if (!f) return
  floating.delete(doc)
  if (f.timer !== null) clearTimeout(f.timer)
  const { ctx } = f
  if (f.dx !== 0 || f.dy !== 0) {
    // a separate undo step from whatever came before, as a drag's drop is
    ctx.undo.stopCapturing()
    // where the scene model places each item now (its cheap raw read; gone ones are skipped: a
    // collaborator may have deleted some) plus the sum, written together: validating 10,000
    // items again here (moveItems) took longer than the write
    const model = sceneModelFor(ctx.doc)
    const places: { id: string; x: number; y: number }[] = []
    for (const id of f.ids) {
      const p = model.stored(id)
      if (p) places.push({ id, x: p.x + f.dx, y: p.y + f.dy })
    }
    placeItems(ctx.doc, places, byMe(ctx.store))
    ctx.undo.stopCapturing()
  }
  f.layer.floatItems(null)
  ctx.store.setGestureIds([])
}

/** True while a nudge of `doc`'s selection is floating (painted, not yet written). */
export function nudgeFloating(doc: Y.Doc): boolean {
  return floating.has(doc)
}
