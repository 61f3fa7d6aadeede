// Align and distribute a multi-selection (pure math over scene bounding boxes). Each function
// returns how far each box moves; the caller writes the moves in one scene op (one undo step).
import type { Rect } from '../shapes/geometry'

import type { AlignOp, DistributeAxis } from './alignOps'

export { ALIGN_OPS, type AlignOp, type DistributeAxis } from './alignOps'

export interface Box extends Rect {
  id: string
}
export interface Shift {
  id: string
  dx: number
  dy: number
}

/** Lines the boxes up on an edge or centre of their common bounds (tldraw/Excalidraw semantics). */
export function alignBoxes(boxes: readonly Box[], op: AlignOp): Shift[] {
  if (boxes.length < 2) return []
  const minX = Math.min(...boxes.map((b) => b.x))
  const maxX = Math.max(...boxes.map((b) => b.x + b.width))
  const minY = Math.min(...boxes.map((b) => b.y))
  const maxY = Math.max(...boxes.map((b) => b.y + b.height))
  return boxes.map((b) => {
    switch (op) {
      case 'left':
        return { id: b.id, dx: minX - b.x, dy: 0 }
      case 'right':
        return { id: b.id, dx: maxX - (b.x + b.width), dy: 0 }
      case 'centerX':
        return { id: b.id, dx: (minX + maxX) / 2 - (b.x + b.width / 2), dy: 0 }
      case 'top':
        return { id: b.id, dx: 0, dy: minY - b.y }
      case 'bottom':
        return { id: b.id, dx: 0, dy: maxY - (b.y + b.height) }
      case 'centerY':
        return { id: b.id, dx: 0, dy: (minY + maxY) / 2 - (b.y + b.height / 2) }
    }
  })
}

/**
 * Spaces the boxes evenly along an axis: the first and last (by position) stay, the gaps between
 * neighbours become equal (they may be negative when the boxes overlap, as in Excalidraw).
 */
export function distributeBoxes(boxes: readonly Box[], axis: DistributeAxis): Shift[] {
  if (boxes.length < 3) return []
  const pos = (b: Box) => (axis === 'x' ? b.x : b.y)
  const size = (b: Box) => (axis === 'x' ? b.width : b.height)
  const sorted = [...boxes].sort((a, b) => pos(a) + size(a) / 2 - (pos(b) + size(b) / 2) || a.id.localeCompare(b.id))
  const first = sorted[0]!
  const last = sorted[sorted.length - 1]!
  const span = pos(last) + size(last) - pos(first)
  const total = sorted.reduce((s, b) => s + size(b), 0)
  const gap = (span - total) / (sorted.length - 1)
  let at = pos(first)
  return sorted.map((b) => {
    const d = at - pos(b)
    at += size(b) + gap
    return axis === 'x' ? { id: b.id, dx: d, dy: 0 } : { id: b.id, dx: 0, dy: d }
  })
}
