import { panBy } from '../camera'
import type { Point } from '../state/editorStore'
import type { Tool } from './types'

/** Drag to pan the camera (also available as Space+drag and middle-drag in any tool). */
export function createHandTool(): Tool {
  let last: Point | null = null
  return {
    id: 'hand',
    cursor: 'grab',
    onPointerDown(_ctx, e) {
      last = e.screen
    },
    onPointerMove(ctx, e) {
      if (!last) return
      const cam = ctx.store.get().camera
      ctx.store.setCamera(panBy(cam, e.screen.x - last.x, e.screen.y - last.y))
      last = e.screen
    },
    onPointerUp() {
      last = null
    },
    onCancel() {
      last = null
    },
  }
}

export const handTool = createHandTool()
