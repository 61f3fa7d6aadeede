/** Dot spacing at zoom 1, in scene units. */
const BASE_SPACING = 24
/** Dots closer than this on screen are thinned out (every fourth row and column kept). */
const MIN_SCREEN_SPACING = 14
const DOT_COLOR = '#d3d7de'

export const CANVAS_BACKGROUND = '#f8f9fb'

/** The stage's pan and zoom as the dot grid needs them: screen = scene × zoom + offset. */
export interface GridView {
  zoom: number
  offsetX: number
  offsetY: number
  /** visible area in CSS pixels */
  width: number
  height: number
  /** device pixels per CSS pixel */
  pixelRatio: number
}

/** Screen distance between dots: the scene spacing times the zoom, thinned out by 4 until it is at least MIN_SCREEN_SPACING. */
export function dotSpacing(zoom: number): number {
  let spacing = BASE_SPACING * zoom
  if (!(spacing > 0)) return MIN_SCREEN_SPACING
  while (spacing < MIN_SCREEN_SPACING) spacing *= 4
  return spacing
}

/** Screen coordinates of the dot rows (or columns) from just before 0 to just past `length`. */
export function dotPositions(offset: number, spacing: number, length: number): number[] {
  const first = ((offset % spacing) + spacing) % spacing
  const out: number[] = []
  for (let p = first; p <= length + 1; p += spacing) out.push(p)
  return out
}

/**
 * Paints the dot grid onto a canvas the stage is about to draw its items on (under them). The
 * dots are tiny squares snapped to device pixels, filled as one path: a few thousand `rect` calls
 * rasterize far faster than a full-window pattern, and, unlike the CSS-background grid this
 * replaces, it adds no compositor layer to every pan/zoom frame (bench:editor, pan/zoom: 280–293
 * → 296–300 frames of 300 drawn on time).
 */
export function paintDotGrid(ctx: CanvasRenderingContext2D, view: GridView): void {
  const spacing = dotSpacing(view.zoom)
  const pr = view.pixelRatio
  // 2 CSS px on a standard screen, 3 device px on a dense one
  const size = pr >= 2 ? 3 : Math.max(1, Math.round(2 * pr))
  const half = size / 2
  const xs = dotPositions(view.offsetX, spacing, view.width)
  const ys = dotPositions(view.offsetY, spacing, view.height)
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.fillStyle = DOT_COLOR
  ctx.beginPath()
  for (const x of xs) {
    const dx = Math.round(x * pr - half)
    for (const y of ys) ctx.rect(dx, Math.round(y * pr - half), size, size)
  }
  ctx.fill()
  ctx.restore()
}
