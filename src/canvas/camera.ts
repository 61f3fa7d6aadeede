import type { Camera, Point } from './state/editorStore'
import { clampZoom } from './state/editorStore'

/** Pure pan/zoom maths. screen = (scene − camera) · zoom + viewport/2 */
export interface Size {
  width: number
  height: number
}

export function sceneToScreen(p: Point, cam: Camera, size: Size): Point {
  return { x: (p.x - cam.x) * cam.zoom + size.width / 2, y: (p.y - cam.y) * cam.zoom + size.height / 2 }
}

export function screenToScene(p: Point, cam: Camera, size: Size): Point {
  return { x: (p.x - size.width / 2) / cam.zoom + cam.x, y: (p.y - size.height / 2) / cam.zoom + cam.y }
}

/** Zooms to `zoom` keeping the scene point under `screenPoint` fixed. */
export function zoomAt(cam: Camera, size: Size, screenPoint: Point, zoom: number): Camera {
  const z = clampZoom(zoom)
  const anchor = screenToScene(screenPoint, cam, size)
  return {
    zoom: z,
    x: anchor.x - (screenPoint.x - size.width / 2) / z,
    y: anchor.y - (screenPoint.y - size.height / 2) / z,
  }
}

/** Pans by a screen-space delta. */
export function panBy(cam: Camera, dxScreen: number, dyScreen: number): Camera {
  return { ...cam, x: cam.x - dxScreen / cam.zoom, y: cam.y - dyScreen / cam.zoom }
}

/** The scene rectangle visible in the viewport. */
export function visibleBounds(cam: Camera, size: Size): { x: number; y: number; width: number; height: number } {
  const w = size.width / cam.zoom
  const h = size.height / cam.zoom
  return { x: cam.x - w / 2, y: cam.y - h / 2, width: w, height: h }
}

/** A camera that fits `bounds` in the viewport with a margin (screen px). */
export function fitBounds(bounds: { x: number; y: number; width: number; height: number }, size: Size, margin = 48): Camera {
  const w = Math.max(bounds.width, 1)
  const h = Math.max(bounds.height, 1)
  const zoom = clampZoom(Math.min((size.width - margin * 2) / w, (size.height - margin * 2) / h, 2))
  return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2, zoom }
}
