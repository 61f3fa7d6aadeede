import type { ToolId } from '../state/editorStore'
import type { Action } from './types'

export const DRAWING_TOOLS: readonly ToolId[] = ['rect', 'ellipse', 'line', 'arrow', 'pen', 'text', 'sticky']

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
}

export function toolLabel(id: ToolId): string {
  return LABELS[id]
}

/** tool.<id>: switch tool (drawing tools need write access). */
export function setToolAction(tool: ToolId): Action {
  const writes = DRAWING_TOOLS.includes(tool)
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
