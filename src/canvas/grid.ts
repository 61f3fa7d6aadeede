import type { Camera } from './state/editorStore'
import type { Size } from './camera'

const BASE_SPACING = 24
const MIN_SCREEN_SPACING = 14
/** Tile sizes snap to steps of 2^(1/STEPS_PER_OCTAVE) (~3 %); the remainder is a compositor scale. */
const STEPS_PER_OCTAVE = 24
const MAX_RESIDUAL = 2 ** (0.5 / STEPS_PER_OCTAVE)

export interface GridLayout {
  /** painted tile size in CSS px (changes only in ~3 % steps, so the grid is rarely repainted) */
  tile: number
  /** CSS size of the grid element (in its own, unscaled pixels) */
  width: number
  height: number
  /** CSS transform that moves and slightly scales the painted grid onto the camera's dots */
  transform: string
}

/**
 * The dot grid is a separate element behind the stage with its own compositor layer. It is
 * painted with a tile of a quantised size; panning and the zoom between two tile sizes are a
 * translate/scale of that layer, so a camera move repaints nothing (repainting a gradient
 * background over the whole viewport every frame used to cost more than drawing the items).
 */
export function gridLayout(cam: Camera, size: Size): GridLayout {
  let spacing = BASE_SPACING * cam.zoom
  while (spacing < MIN_SCREEN_SPACING) spacing *= 4
  const tile = 2 ** (Math.round(Math.log2(spacing) * STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE)
  const scale = spacing / tile
  const ox = size.width / 2 - cam.x * cam.zoom
  const oy = size.height / 2 - cam.y * cam.zoom
  const mod = (v: number) => ((v % spacing) + spacing) % spacing
  // dots sit at the tile centres; start one and a half spacings before the viewport's edge
  const tx = mod(ox) - spacing * 1.5
  const ty = mod(oy) - spacing * 1.5
  // sized for the smallest scale of this tile so the element always covers the viewport
  const width = Math.ceil((size.width * MAX_RESIDUAL) / tile + 3) * tile
  const height = Math.ceil((size.height * MAX_RESIDUAL) / tile + 3) * tile
  return { tile, width, height, transform: `translate(${tx}px, ${ty}px) scale(${scale})` }
}

export const GRID_IMAGE = 'radial-gradient(circle, #d3d7de 1px, transparent 1.3px)'
export const CANVAS_BACKGROUND = '#f8f9fb'
