import { depthFieldAllowed, isLabelled, isLinear, type Align, type ArrowheadKind, type Dash, type Font, type Item, type ItemPatch, type ItemStyle, type ItemType } from '../../doc'
import { arrowheadsOf } from '../shapes/linearPaint'
import type { ToolStyle } from '../tools/toolStyle'

/**
 * How one style-panel choice maps onto an item. "Colour" is the stroke of shapes and lines and
 * the glyph colour (fill) of text; "fill" is a shape's interior or a sticky's paper.
 */
export type StyleChoice =
  | { kind: 'stroke'; value: string }
  | { kind: 'fill'; value: string }
  | { kind: 'strokeWidth'; value: number }
  | { kind: 'opacity'; value: number }
  | { kind: 'fontSize'; value: number }
  | { kind: 'dash'; value: Dash }
  | { kind: 'arrowhead'; end: 'start' | 'end'; value: ArrowheadKind }
  | { kind: 'font'; value: Font }
  | { kind: 'align'; value: Align }
  | { kind: 'look'; value: ItemStyle }

/** Types drawn differently in the sketch style (a pen stroke is hand-drawn already). */
export function sketchable(type: ItemType): boolean {
  return type === 'rect' || type === 'ellipse' || type === 'line' || type === 'arrow'
}

export function patchFor(it: Item, c: StyleChoice): ItemPatch | null {
  switch (c.kind) {
    case 'stroke':
      if (it.type === 'text') return { fill: c.value }
      if (it.type === 'sticky') return null
      return { stroke: c.value }
    case 'fill':
      if (it.type === 'rect' || it.type === 'ellipse' || it.type === 'sticky') return { fill: c.value }
      return null
    case 'strokeWidth':
      return it.type === 'text' || it.type === 'sticky' ? null : { strokeWidth: c.value }
    case 'opacity':
      return { opacity: c.value }
    case 'fontSize':
      return it.type === 'text' || it.type === 'sticky' || (isLabelled(it.type) && it.type !== 'frame') ? { fontSize: c.value } : null
    case 'dash':
      return depthFieldAllowed(it.type, 'dash') ? { dash: c.value } : null
    case 'arrowhead':
      return isLinear(it.type) ? { arrowheads: { ...arrowheadsOf(it), [c.end]: c.value } } : null
    case 'font':
    case 'align':
      return depthFieldAllowed(it.type, c.kind) ? { [c.kind]: c.value } : null
    case 'look':
      return sketchable(it.type) && (it.style ?? 'clean') !== c.value ? { style: c.value } : null
  }
}

/** The same choice applied to the style of the next shapes. */
export function toolStyleFor(c: StyleChoice, stickyTool: boolean): Partial<ToolStyle> {
  switch (c.kind) {
    case 'stroke':
      return { stroke: c.value }
    case 'fill':
      return stickyTool ? { stickyFill: c.value } : { fill: c.value }
    case 'strokeWidth':
      return { strokeWidth: c.value }
    case 'opacity':
      return { opacity: c.value }
    case 'fontSize':
      return { fontSize: c.value }
    case 'look':
      return { look: c.value }
    default:
      // dash, heads, font and alignment restyle the selection only
      return {}
  }
}
