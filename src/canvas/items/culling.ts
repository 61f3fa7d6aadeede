import type { Camera } from '../state/editorStore'
import { visibleBounds, type Size } from '../camera'
import type { Rect } from '../shapes/geometry'

/**
 * Culling with hysteresis: items are mounted for a rectangle larger than the viewport, and the
 * rectangle is recomputed only when the viewport leaves it or the zoom changes a lot. Small pans
 * therefore cost no React work at all — the stage transform alone moves the picture.
 */
export const CULL_MARGIN = 0.2
const ZOOM_SLACK = 1.35

export interface CullWindow {
  rect: Rect
  zoom: number
}

export function cullWindow(cam: Camera, size: Size): CullWindow {
  const v = visibleBounds(cam, size)
  const mx = v.width * CULL_MARGIN
  const my = v.height * CULL_MARGIN
  return { rect: { x: v.x - mx, y: v.y - my, width: v.width + mx * 2, height: v.height + my * 2 }, zoom: cam.zoom }
}

/** True when `win` still covers the viewport of `cam` without mounting far too much. */
export function windowStillValid(win: CullWindow, cam: Camera, size: Size): boolean {
  if (cam.zoom > win.zoom * ZOOM_SLACK || cam.zoom < win.zoom / ZOOM_SLACK) return false
  const v = visibleBounds(cam, size)
  const r = win.rect
  return v.x >= r.x && v.y >= r.y && v.x + v.width <= r.x + r.width && v.y + v.height <= r.y + r.height
}
