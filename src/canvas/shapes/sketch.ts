import rough from 'roughjs'
import type { Op, OpSet, Options } from 'roughjs/bin/core'
import type { Arrowheads } from '../../doc'
import { headLength } from './linearPaint'
import { endTangents, isBent, quadOf } from './curve'

/**
 * The hand-drawn look (CONTRACT §3 `style: 'sketch'`), as plain geometry: roughjs turns a box or
 * a polyline into wobbly strokes and hachure lines. The randomness is seeded from the item id, so
 * one item looks the same on every screen, after every reload and in every export, while two
 * items never wobble in step. Colours are not part of it: the canvas and the SVG export paint the
 * same strokes in the item's own colours.
 */

/** What is drawn: a rect or ellipse in the box (0,0)–(width,height), or a polyline with heads. */
export type SketchGeometry =
  | { kind: 'rect' | 'ellipse'; width: number; height: number; strokeWidth: number; filled: boolean }
  | { kind: 'linear'; points: readonly number[]; strokeWidth: number; heads: Arrowheads }

/**
 * One run of strokes and how it is painted: `outline` in the stroke colour at the stroke width,
 * `hachure` lines in the fill colour at `weight`, `solid` filled with the fill colour.
 */
export interface SketchSet {
  paint: 'outline' | 'hachure' | 'solid'
  ops: readonly Op[]
}
export interface Sketch {
  sets: readonly SketchSet[]
  /** line width of hachure strokes */
  weight: number
}

const generator = rough.generator()

/** A stable roughjs seed for an item id: FNV-1a, folded into 1..2^31-1 (0 would mean "random"). */
export function sketchSeed(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return ((h >>> 0) % 2147483646) + 1
}

/** Small shapes wobble less, as in Excalidraw: a 10-unit box drawn at full roughness is a scribble. */
function roughnessFor(size: number): number {
  return Math.min(1, Math.max(0.3, size / 60))
}

function options(seed: number, strokeWidth: number, size: number): Options {
  const sw = Math.max(0.5, strokeWidth)
  return {
    seed,
    roughness: roughnessFor(size),
    bowing: 1,
    strokeWidth: sw,
    fillWeight: sw / 2,
    hachureGap: Math.max(6, sw * 4),
    hachureAngle: -41,
    fillStyle: 'hachure',
  }
}

function setsOf(sets: readonly OpSet[]): SketchSet[] {
  return sets.map((s) => ({ paint: s.type === 'path' ? 'outline' : s.type === 'fillSketch' ? 'hachure' : 'solid', ops: s.ops }))
}

/** The strokes of a geometry for a seed. Pure: the same input always gives the same strokes. */
export function sketchOf(g: SketchGeometry, seed: number): Sketch {
  if (g.kind === 'linear') return linearSketch(g.points, g.strokeWidth, g.heads, seed)
  const o = options(seed, g.strokeWidth, Math.min(g.width, g.height))
  if (g.filled) o.fill = '#000'
  const d =
    g.kind === 'rect' ? generator.rectangle(0, 0, g.width, g.height, o) : generator.ellipse(g.width / 2, g.height / 2, g.width, g.height, o)
  return { sets: setsOf(d.sets), weight: o.fillWeight! }
}

function linearSketch(points: readonly number[], strokeWidth: number, heads: Arrowheads, seed: number): Sketch {
  const n = points.length
  if (n < 4) return { sets: [], weight: 0 }
  const pts: [number, number][] = []
  let length = 0
  for (let i = 0; i + 1 < n; i += 2) {
    pts.push([points[i]!, points[i + 1]!])
    if (i > 0) length += Math.hypot(points[i]! - points[i - 2]!, points[i + 1]! - points[i - 1]!)
  }
  const o = options(seed, strokeWidth, length)
  // a bent line is the same quadratic the clean style draws (curve.ts), traced by hand
  const q = isBent(points) ? quadOf(points) : null
  const drawn = q ? generator.path(`M${q.x0} ${q.y0}Q${q.cx} ${q.cy} ${q.x1} ${q.y1}`, o) : generator.linearPath(pts, o)
  const sets: SketchSet[] = setsOf(drawn.sets)
  const head = (kind: Arrowheads['start'], x: number, y: number, fx: number, fy: number, salt: number) => {
    if (kind !== 'none') sets.push(...headSets(kind, x, y, fx, fy, strokeWidth, { ...o, seed: ((seed + salt) % 2147483646) + 1 }))
  }
  const t = endTangents(points)
  head(heads.start, t.start.tip.x, t.start.tip.y, t.start.from.x, t.start.from.y, 7)
  head(heads.end, t.end.tip.x, t.end.tip.y, t.end.from.x, t.end.from.y, 13)
  return { sets, weight: o.fillWeight! }
}

/** An arrowhead drawn by hand: an open chevron (as Excalidraw draws it), a filled blob, a bar. */
function headSets(kind: Arrowheads['start'], x: number, y: number, fx: number, fy: number, sw: number, o: Options): SketchSet[] {
  const d = Math.hypot(x - fx, y - fy) || 1
  const ux = (x - fx) / d
  const uy = (y - fy) / d
  const len = headLength(sw)
  const ho: Options = { ...o, roughness: Math.min(o.roughness ?? 1, 0.6) }
  if (kind === 'arrow') {
    const w = len * 0.5
    const wing = (s: number): [number, number] => [x - ux * len - uy * w * s, y - uy * len + ux * w * s]
    return setsOf(generator.linearPath([wing(1), [x, y], wing(-1)], ho).sets)
  }
  if (kind === 'dot') {
    return setsOf(generator.circle(x, y, Math.max(6, sw * 3.2), { ...ho, fill: '#000', fillStyle: 'solid' }).sets)
  }
  const w = len * 0.55
  return setsOf(generator.line(x - uy * w, y + ux * w, x + uy * w, y - ux * w, ho).sets)
}

/** SVG path data of one set's ops, with three decimals. */
export function sketchPathData(ops: readonly Op[]): string {
  return generator.opsToPath({ type: 'path', ops: ops as Op[] }, 3)
}

// ---- cache: one generated sketch per item, kept while its geometry stays the same -------------

const MAX_CACHED = 4000
const cache = new Map<string, { key: string; sketch: Sketch }>()

function keyOf(g: SketchGeometry, seed: number): string {
  if (g.kind === 'linear') return `${seed}|l|${g.strokeWidth}|${g.heads.start}|${g.heads.end}|${g.points.join(',')}`
  return `${seed}|${g.kind}|${g.width}|${g.height}|${g.strokeWidth}|${g.filled ? 1 : 0}`
}

/**
 * The sketch of an item's current geometry, generated once per geometry: the canvas repaints a
 * shape on every frame it is visible, and roughjs takes ~0.4 ms for a filled box. A moved item
 * keeps its strokes (they are relative to its own origin); a resized one gets new ones.
 */
export function cachedSketch(itemId: string, g: SketchGeometry): Sketch {
  const seed = sketchSeed(itemId)
  const key = keyOf(g, seed)
  const hit = cache.get(itemId)
  if (hit && hit.key === key) return hit.sketch
  const sketch = sketchOf(g, seed)
  if (!hit && cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
  cache.set(itemId, { key, sketch })
  return sketch
}
