import { createBoxTool } from './boxTool'

/** O: ellipse (Shift = circle). */
export const ellipseTool = createBoxTool('ellipse', 'ellipse')
