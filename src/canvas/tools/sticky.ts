import { getToolStyle } from './toolStyle'
import { createTextLikeTool } from './textLike'

export const STICKY_SIZE = 200

/** N: click to drop a 200×200 sticky note centred on the pointer and type. */
export const stickyTool = createTextLikeTool('sticky', 'sticky', (ctx, p) => {
  const s = getToolStyle(ctx.store)
  return {
    type: 'sticky',
    x: p.x - STICKY_SIZE / 2,
    y: p.y - STICKY_SIZE / 2,
    width: STICKY_SIZE,
    height: STICKY_SIZE,
    fill: s.stickyFill,
    fontSize: 20,
    opacity: s.opacity,
    text: '',
  }
})
