import { moveItems } from '../../doc'
import { byMe } from '../state/editorStore'
import { existingIds } from '../state/selectionPrune'
import { hasSelection, type Action } from './types'
import { floatNudge } from './floatNudge'

export const NUDGE = 1
export const BIG_NUDGE = 10

type Dir = 'left' | 'right' | 'up' | 'down'
const VEC: Record<Dir, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }

/** nudge.<dir> (1 scene unit) and nudge.<dir>.big (10): arrow keys, Shift for big. */
export function nudgeAction(dir: Dir, big: boolean): Action {
  const step = big ? BIG_NUDGE : NUDGE
  return {
    id: `nudge.${dir}${big ? '.big' : ''}`,
    label: `Nudge ${dir}${big ? ' ×10' : ''}`,
    writes: true,
    enabled: hasSelection,
    run: (ctx) => {
      const [dx, dy] = VEC[dir]
      // thousands of selected items: painted moved at once, written once the keys rest
      if (floatNudge(ctx, dx * step, dy * step)) return
      // only items that still exist: one deleted by a collaborator would fail the whole move
      moveItems(ctx.doc, existingIds(ctx.doc, ctx.store.get().selection), dx * step, dy * step, byMe(ctx.store))
    },
  }
}

export const NUDGE_ACTIONS: Action[] = (['left', 'right', 'up', 'down'] as const).flatMap((d) => [nudgeAction(d, false), nudgeAction(d, true)])
