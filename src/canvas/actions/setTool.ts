import type { ToolId } from '../state/editorStore'
import type { Action } from './types'

export const DRAWING_TOOLS: readonly ToolId[] = ['rect', 'ellipse', 'line', 'arrow', 'pen', 'text', 'sticky', 'frame']
/** Tools that change the document: hidden and refused on read-only boards. */
export const WRITING_TOOLS: readonly ToolId[] = [...DRAWING_TOOLS, 'eraser']

const LABELS: Record<ToolId, string> = {
  select: 'Select',
  hand: 'Hand',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  line: 'Line',
  arrow: 'Arrow',
  pen: 'Pen',
  text: 'Text',
  sticky: 'Sticky note',
  laser: 'Laser pointer',
  eraser: 'Eraser',
  frame: 'Frame',
}

export function toolLabel(id: ToolId): string {
  return LABELS[id]
}

/** tool.<id>: switch tool (drawing tools need write access). */
export function setToolAction(tool: ToolId): Action {
  const writes = WRITING_TOOLS.includes(tool)
  return {
    id: `tool.${tool}`,
    label: LABELS[tool],
    writes,
    run: (ctx) => {
      if (writes && ctx.store.get().readOnly) return
      ctx.store.setTool(tool)
    },
  }
}
