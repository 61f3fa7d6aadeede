import { getToolStyle } from './toolStyle'
import type { ItemInit } from '../../doc'
import type { Point } from '../state/editorStore'
import { createTextLikeTool } from './textLike'
import type { ToolContext } from './types'

export const TEXT_WIDTH = 240

/** T: click to place a text and type. */
export const textTool = createTextLikeTool('text', 'text', textInit)

/** A new, empty text whose first line is centred vertically on `p`, in the next-shape style. */
export function textInit(ctx: ToolContext, p: Point): ItemInit {
  const s = getToolStyle(ctx.store)
  const lineHeight = Math.round(s.fontSize * 1.25)
  return {
    type: 'text',
    // the click marks the left end of the first line's middle, as in tldraw
    x: p.x,
    y: p.y - lineHeight / 2,
    width: TEXT_WIDTH,
    height: lineHeight,
    fill: s.stroke === 'transparent' ? '#1e1e1e' : s.stroke,
    fontSize: s.fontSize,
    opacity: s.opacity,
    text: '',
  }
}
