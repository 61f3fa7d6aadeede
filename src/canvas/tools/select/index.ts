export { selectTool, createSelectTool, DRAG_THRESHOLD_PX, type SelectState, type SelectTool } from './selectTool'
