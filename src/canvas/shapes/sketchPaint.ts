import type Konva from 'konva'
import type { Context } from 'konva/lib/Context'
import type { Op } from 'roughjs/bin/core'
import type { Arrowheads } from '../../doc'
import { linearBox } from './curve'
import { paintLinear } from './linearPaint'
import type { Sketch, SketchGeometry } from './sketch'
import { sketchRendererFor } from './sketchLoader'

/**
 * Konva sceneFuncs of sketch-style items. They read their geometry from the node's attributes
 * (width/height, or points and heads), like the clean shapes, so drag and resize previews that set
 * attributes on the node (tools/draftPreview.ts, select/translateLinks.ts) draw the same way. The
 * node's `sketchId` attribute (the item id) seeds the strokes and keys the cache.
 *
 * The hit graph does not use these: a sketch's hachure has gaps and its outline wobbles, so hit
 * tests run on the clean geometry (paintCleanBox, and paintLinear for lines), as Excalidraw does.
 *
 * Level of detail: an item smaller than SKETCH_MIN_PX on screen is drawn clean. A wobble of a
 * pixel or two cannot be seen there, and a board zoomed out to fit thousands of sketch items
 * would otherwise generate and trace thousands of rough paths in every frame.
 *
 * The strokes come from a lazily loaded chunk (sketchLoader.ts): until it has arrived, sketch
 * items are drawn clean and their layer is redrawn once it is there.
 */

/** On-screen size (device pixels) below which a sketch item is drawn the clean way. */
export const SKETCH_MIN_PX = 32

/** How many device pixels one unit of the shape's own space covers (camera zoom × pixel ratio × scale). */
function screenScale(ctx: Context): number {
  const t = ctx._context.getTransform()
  return Math.sqrt(Math.abs(t.a * t.d - t.b * t.c))
}

function trace(ctx: Context, ops: readonly Op[]): void {
  ctx.beginPath()
  for (const { op, data: d } of ops) {
    if (op === 'move') ctx.moveTo(d[0]!, d[1]!)
    else if (op === 'lineTo') ctx.lineTo(d[0]!, d[1]!)
    else ctx.bezierCurveTo(d[0]!, d[1]!, d[2]!, d[3]!, d[4]!, d[5]!)
  }
}

function hasPaint(c: unknown): c is string {
  return typeof c === 'string' && c !== '' && c !== 'transparent'
}

function paintSketch(ctx: Context, shape: Konva.Shape, sketch: Sketch): void {
  const fill = shape.fill() as unknown
  for (const set of sketch.sets) {
    trace(ctx, set.ops)
    if (set.paint === 'outline') ctx.strokeShape(shape)
    else if (set.paint === 'solid') ctx.fillShape(shape)
    else if (hasPaint(fill)) {
      // hachure: strokes in the fill colour, never dashed
      ctx.save()
      ctx.setLineDash([])
      ctx.setAttr('strokeStyle', fill)
      ctx.setAttr('lineWidth', sketch.weight)
      ctx.setAttr('lineCap', 'round')
      ctx.stroke()
      ctx.restore()
    }
  }
}

/** sceneFunc of a sketch rect or ellipse (`sketchKind` attribute) in its (0,0)–(width,height) box. */
export function paintSketchBox(ctx: Context, shape: Konva.Shape): void {
  if (Math.max(shape.width(), shape.height()) * screenScale(ctx) < SKETCH_MIN_PX) return paintCleanBox(ctx, shape)
  const renderer = sketchRendererFor(shape)
  if (!renderer) return paintCleanBox(ctx, shape)
  const g: SketchGeometry = {
    kind: shape.getAttr('sketchKind') === 'ellipse' ? 'ellipse' : 'rect',
    width: shape.width(),
    height: shape.height(),
    strokeWidth: shape.strokeWidth(),
    filled: hasPaint(shape.fill()),
  }
  paintSketch(ctx, shape, renderer.cachedSketch(String(shape.getAttr('sketchId')), g))
}

/** The clean rect or ellipse: the hitFunc of a sketch box, and how it is drawn when small on screen. */
export function paintCleanBox(ctx: Context, shape: Konva.Shape): void {
  const w = shape.width()
  const h = shape.height()
  ctx.beginPath()
  if (shape.getAttr('sketchKind') === 'ellipse') ctx.ellipse(w / 2, h / 2, w / 2, h / 2, 0, 0, Math.PI * 2)
  else ctx.rect(0, 0, w, h)
  ctx.closePath()
  ctx.fillStrokeShape(shape)
}

/** sceneFunc of a sketch line or arrow: the node's `points` and `heads`, drawn by hand. */
export function paintSketchLinear(ctx: Context, shape: Konva.Shape): void {
  const points = shape.getAttr('points') as number[] | undefined
  const heads = shape.getAttr('heads') as Arrowheads | undefined
  if (!points || points.length < 4) return
  const box = linearBox(points)
  if (Math.max(box.width, box.height) * screenScale(ctx) < SKETCH_MIN_PX) return paintLinear(ctx, shape)
  const renderer = sketchRendererFor(shape)
  if (!renderer) return paintLinear(ctx, shape)
  const g: SketchGeometry = { kind: 'linear', points, strokeWidth: shape.strokeWidth(), heads: heads ?? { start: 'none', end: 'none' } }
  paintSketch(ctx, shape, renderer.cachedSketch(String(shape.getAttr('sketchId')), g))
}

