import type Konva from 'konva'
import type { ItemPatch, ItemType } from '../../doc'

/**
 * Puts the geometry of a drag-to-create patch straight on the item's mounted Konva node, so the
 * local user sees the shape follow the pointer every frame while the doc (and with it React) is
 * written only ~10 times a second.
 *
 * Only geometry is set, with the same mapping from item fields to Konva attributes as the shape
 * components in src/canvas/shapes. Attributes those components derive for looks (a rect's corner
 * radius, a path's tension) are left alone: React keeps owning them and updates them at the next
 * doc write. That split keeps node and React in agreement — React re-applies only props that
 * changed since its last render, so an attribute set here must always hold exactly what React
 * would set for the same item, and one never set here always holds React's value.
 */
export function previewGeometry(node: Konva.Node, type: ItemType, patch: ItemPatch): void {
  const attrs: Record<string, number | number[]> = {}
  if (patch.x !== undefined) attrs.x = patch.x
  if (patch.y !== undefined) attrs.y = patch.y
  switch (type) {
    case 'rect':
      if (patch.width !== undefined) attrs.width = patch.width
      if (patch.height !== undefined) attrs.height = patch.height
      break
    case 'ellipse':
      // a sketch ellipse (shapes/sketchBox.tsx) is drawn in its box, like a rect
      if (node.getAttr('sketchKind') === 'ellipse') {
        if (patch.width !== undefined) attrs.width = patch.width
        if (patch.height !== undefined) attrs.height = patch.height
        break
      }
      // shapes/ellipse.tsx: centred Konva ellipse, offset back into the item's top-left box
      if (patch.width !== undefined) {
        attrs.radiusX = patch.width / 2
        attrs.offsetX = -patch.width / 2
      }
      if (patch.height !== undefined) {
        attrs.radiusY = patch.height / 2
        attrs.offsetY = -patch.height / 2
      }
      break
    case 'line':
    case 'arrow':
    case 'path':
      if (patch.points !== undefined) attrs.points = patch.points
      break
    case 'text':
    case 'sticky':
      // not drawn by dragging; placement only
      break
  }
  node.setAttrs(attrs)
}
