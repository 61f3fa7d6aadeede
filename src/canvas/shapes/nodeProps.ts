import type Konva from 'konva'

/**
 * Props every item's root Konva node carries: identity for hit-testing (Konva id = item id,
 * name 'item'), placement, and the ref that registers the node for direct manipulation.
 * Single-shape items put these straight on their shape (no wrapping Group: one save/restore
 * and one transform fewer per item per frame); composite items put them on a Group.
 */
export interface ItemNodeProps {
  ref: (node: Konva.Node | null) => void
  id: string
  name: 'item'
  x: number
  y: number
  rotation: number
  opacity: number
  visible: boolean
}
