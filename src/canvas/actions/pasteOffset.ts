// "Paste twice offsets the copy": pasting the same clipboard again at the same spot puts each
// new copy a step further down-right, instead of exactly on top of the previous one.
import { DEFAULT_DUPLICATE_OFFSET } from '../../doc'

export interface PastePlace {
  /** identity of what was pasted (the clipboard text) */
  key: string
  at: { x: number; y: number }
  pageId: string
  /** how many pastes of it landed at this spot in a row */
  count: number
}

/** Where this paste lands, and the record of it for the next one. `step` is in scene units. */
export function nextPastePlace(prev: PastePlace | null, key: string, at: { x: number; y: number }, pageId: string, step: number = DEFAULT_DUPLICATE_OFFSET.x): { at: { x: number; y: number }; place: PastePlace } {
  const again = prev !== null && prev.key === key && prev.pageId === pageId && Math.abs(prev.at.x - at.x) < 1 && Math.abs(prev.at.y - at.y) < 1
  const count = again ? prev.count + 1 : 0
  return { at: { x: at.x + count * step, y: at.y + count * step }, place: { key, at, pageId, count } }
}
