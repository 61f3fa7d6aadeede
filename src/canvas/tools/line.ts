import { createLinearTool } from './linearTool'

/** L: straight line (Shift = 45° steps). */
export const lineTool = createLinearTool('line', 'line')
