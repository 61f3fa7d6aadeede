import type { ToolId } from '../state/editorStore'
import type { Tool } from './types'

/**
 * The tool registry: one line per tool. Adding a tool = one file + one line here.
 * (select and hand are added by the canvas-core work; drawing tools by the tools work.)
 */
export const TOOLS: Partial<Record<ToolId, Tool>> = {}

export function getTool(id: ToolId): Tool | undefined {
  return TOOLS[id]
}
