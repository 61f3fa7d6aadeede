import { createLinearTool } from './linearTool'

/** A: arrow, head at the end point (Shift = 45° steps). */
export const arrowTool = createLinearTool('arrow', 'arrow')
