import { placeItems } from '../../doc'
import type { Box, Shift } from '../arrange/align'
import type { AlignOp, DistributeAxis } from '../arrange/alignOps'
import { sceneModelFor } from '../items/sceneModel'
import { byMe } from '../state/editorStore'
import type { Action, ActionContext } from './types'

const LABELS: Record<AlignOp, string> = {
  left: 'Align left',
  centerX: 'Align centres horizontally',
  right: 'Align right',
  top: 'Align top',
  centerY: 'Align centres vertically',
  bottom: 'Align bottom',
}

/** The align and distribute math: a chunk of its own, loaded with the first one used. */
const math = () => import('../arrange/align')

function selectedBoxes(ctx: ActionContext): Box[] {
  const model = sceneModelFor(ctx.doc)
  const out: Box[] = []
  for (const id of ctx.store.get().selection) {
    const b = model.bounds(id)
    if (b && !model.get(id)?.locked) out.push({ id, ...b })
  }
  return out
}

/** Applies the shifts as one placeItems (one transaction, one undo step). */
function apply(ctx: ActionContext, shifts: Shift[]): void {
  const model = sceneModelFor(ctx.doc)
  const places = shifts.flatMap((s) => {
    const it = model.get(s.id)
    return it && (s.dx !== 0 || s.dy !== 0) ? [{ id: s.id, x: it.x + s.dx, y: it.y + s.dy }] : []
  })
  if (places.length === 0) return
  // its own undo step, never merged with a change made just before or after
  ctx.undo.stopCapturing()
  placeItems(ctx.doc, places, byMe(ctx.store))
  ctx.undo.stopCapturing()
}

export function alignAction(op: AlignOp): Action {
  return {
    id: `align.${op}`,
    label: LABELS[op],
    writes: true,
    enabled: (ctx) => ctx.store.get().selection.length >= 2,
    run: (ctx) => {
      const boxes = selectedBoxes(ctx)
      void math().then((m) => apply(ctx, m.alignBoxes(boxes, op)))
    },
  }
}

export function distributeAction(axis: DistributeAxis): Action {
  return {
    id: `distribute.${axis}`,
    label: axis === 'x' ? 'Distribute horizontally' : 'Distribute vertically',
    writes: true,
    enabled: (ctx) => ctx.store.get().selection.length >= 3,
    run: (ctx) => {
      const boxes = selectedBoxes(ctx)
      void math().then((m) => apply(ctx, m.distributeBoxes(boxes, axis)))
    },
  }
}
