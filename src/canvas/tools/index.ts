import type { ToolId } from '../state/editorStore'
import type { Tool } from './types'
import { arrowTool } from './arrow'
import { ellipseTool } from './ellipse'
import { frameTool } from './frame'
import { lineTool } from './line'
import { penTool } from './pen'
import { rectTool } from './rect'
import { stickyTool } from './sticky'
import { textTool } from './text'
import { selectTool } from './select'
import { handTool } from './hand'
import { laserTool } from './laser'
import { eraserTool } from './eraser'

/**
 * The tool registry: one line per tool. Adding a tool = one file + one line here.
 * (select and hand are added by the canvas-core work; drawing tools by the tools work.)
 */
export const TOOLS: Partial<Record<ToolId, Tool>> = {
  select: selectTool,
  hand: handTool,
  rect: rectTool,
  ellipse: ellipseTool,
  line: lineTool,
  arrow: arrowTool,
  pen: penTool,
  text: textTool,
  sticky: stickyTool,
  laser: laserTool,
  eraser: eraserTool,
  frame: frameTool,
}

export function getTool(id: ToolId): Tool | undefined {
  return TOOLS[id]
}
