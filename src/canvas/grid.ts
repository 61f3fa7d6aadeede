import type { Camera } from './state/editorStore'
import type { Size } from './camera'

const BASE_SPACING = 24
const MIN_SCREEN_SPACING = 14

/**
 * The dot grid is a CSS background on the stage container, moved and scaled with the camera:
 * no canvas drawing at all, so it costs nothing per frame beyond a style write.
 */
export function gridBackground(cam: Camera, size: Size): { backgroundSize: string; backgroundPosition: string } {
  let spacing = BASE_SPACING * cam.zoom
  while (spacing < MIN_SCREEN_SPACING) spacing *= 4
  const ox = size.width / 2 - cam.x * cam.zoom
  const oy = size.height / 2 - cam.y * cam.zoom
  const mod = (v: number) => ((v % spacing) + spacing) % spacing
  return {
    backgroundSize: `${spacing}px ${spacing}px`,
    backgroundPosition: `${mod(ox) - spacing / 2}px ${mod(oy) - spacing / 2}px`,
  }
}

export const GRID_IMAGE = 'radial-gradient(circle, #d3d7de 1px, transparent 1.3px)'
export const CANVAS_BACKGROUND = '#f8f9fb'
