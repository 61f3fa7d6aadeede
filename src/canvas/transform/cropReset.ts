import type { ItemPatch } from '../../doc'
import { sourceBox, type Croppable } from './cropGeometry'

/** The patch that shows an image whole again, where its source lies (the crop's undo, as a choice). */
export function uncroppedPatch(it: Croppable): ItemPatch {
  const src = sourceBox(it)
  const r = (it.rotation * Math.PI) / 180
  const x = it.x + src.x * Math.cos(r) - src.y * Math.sin(r)
  const y = it.y + src.x * Math.sin(r) + src.y * Math.cos(r)
  return { x, y, width: src.width, height: src.height, crop: null }
}
