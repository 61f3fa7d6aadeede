import { createBoxTool } from './boxTool'

/** R: rectangle. */
export const rectTool = createBoxTool('rect', 'rect')
