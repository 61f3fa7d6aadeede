import type Konva from 'konva'

/**
 * The hand-drawn renderer (sketch.ts and roughjs, about 9 KB gzip) is a chunk of its own, loaded
 * the first time a sketch-style item is drawn: most boards have none, and the editor's chunk is
 * what every board waits for. Until it arrives such items are drawn the clean way; then every
 * layer that drew one meanwhile is redrawn, by hand this time.
 */
export type SketchRenderer = typeof import('./sketch')

let renderer: SketchRenderer | null = null
let loading: Promise<SketchRenderer> | null = null
/** layers that drew a sketch item clean while the renderer was on its way */
const waiting = new Set<Konva.Layer>()

/** Loads the renderer (once; later calls get the same promise). */
export function loadSketchRenderer(): Promise<SketchRenderer> {
  loading ??= import('./sketch').then(
    (m) => {
      renderer = m
      for (const layer of waiting) layer.batchDraw()
      waiting.clear()
      return m
    },
    (e: unknown) => {
      // a failed fetch (offline before the chunk was cached): keep drawing clean, try again on the next draw
      loading = null
      waiting.clear()
      throw e
    },
  )
  return loading
}

/**
 * The renderer if it is loaded; otherwise null, and the load starts, and `shape`'s layer is
 * redrawn when it is done.
 */
export function sketchRendererFor(shape: Konva.Node): SketchRenderer | null {
  if (renderer) return renderer
  const layer = shape.getLayer()
  if (layer) waiting.add(layer)
  loadSketchRenderer().catch(() => undefined)
  return null
}
