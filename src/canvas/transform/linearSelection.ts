import type { SceneModel } from '../items/sceneModel'

/** Konva name of the tip and bend handles (stageInput maps a press on one to a `handle`). */
export const LINEAR_HANDLE = 'tsr-linear-handle'

/** The single selected line/arrow, when there is exactly one: it gets tip handles, not a resize box. */
export function singleLinear(model: SceneModel, selection: readonly string[]): string | null {
  if (selection.length !== 1) return null
  const p = model.placement(selection[0]!)
  return p && (p.type === 'line' || p.type === 'arrow') ? p.id : null
}
