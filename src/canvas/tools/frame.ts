import { setParent } from '../../doc'
import { sceneModelFor } from '../items/sceneModel'
import { byMe } from '../state/editorStore'
import { boxFromCorners } from './boxTool'
import { createDragTool } from './shapeTool'

export const DEFAULT_FRAME_SIZE = { width: 320, height: 200 }

/**
 * F: drag out a frame. Items lying wholly inside it when it is drawn become its children (they
 * move with it from then on); later, dropping an item into a frame or out of it does the same
 * (select/translateLinks.ts).
 */
export const frameTool = createDragTool({
  id: 'frame',
  cursor: 'crosshair',
  init: (_ctx, p) => ({ type: 'frame', x: p.x, y: p.y, width: 0, height: 0 }),
  drag: (_ctx, start, now, e) => () => boxFromCorners(start, now, e.shiftKey),
  clickPatch: (_ctx, p) => ({ x: p.x - DEFAULT_FRAME_SIZE.width / 2, y: p.y - DEFAULT_FRAME_SIZE.height / 2, ...DEFAULT_FRAME_SIZE }),
  finish: (ctx, id, start, now, e) => {
    const box = boxFromCorners(start, now, e.shiftKey)
    if (box.width < 2 || box.height < 2) return { x: start.x - DEFAULT_FRAME_SIZE.width / 2, y: start.y - DEFAULT_FRAME_SIZE.height / 2, ...DEFAULT_FRAME_SIZE }
    const model = sceneModelFor(ctx.doc)
    const inside = model
      .queryGeometric(ctx.store.get().pageId, box)
      .filter((other) => {
        const p = model.placement(other)
        const b = model.bounds(other)
        // top-level items only: a group's members go with their group
        return other !== id && p && !p.parentId && p.type !== 'frame' && b && b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height
      })
    if (inside.length > 0) setParent(ctx.doc, inside, id, byMe(ctx.store))
    return box
  },
})
