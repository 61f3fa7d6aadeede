// tldraw files (`.tldr`: { tldrawFileFormatVersion, schema, records }) → a Tessera scene. Pages,
// geo shapes (rectangle/ellipse; other geos as rectangles), notes, text, arrows (bindings from
// `binding` records or the older in-props form, heads, bend), lines, draw strokes, frames and
// groups map; images map with their `asset` record's file (a data URL in `props.src`), to be
// uploaded before the import is written; videos and embeds are counted and reported. Child shapes
// are placed relative to their parent in tldraw; here they get scene coordinates. Formats: tldraw
// packages/tlschema (TLRecord shapes, TLImageShape, TLImageAsset).
import * as z from 'zod'
import { newId } from '../ids'
import { fail, formatIssues, ok, type Align, type ArrowheadKind, type Binding, type Dash, type Font, type Result } from '../schema'
import { base, degrees, importedCrop, linearGeometry, sharpCorner, SceneBuilder, SkipTally, type Converted, type Draft } from './common'
import { ImageFiles, withoutDangling } from './images'

const finite = z.number().finite()
const record = z.object({ id: z.string().min(1).max(200), typeName: z.string() }).passthrough()
const shape = z
  .object({
    id: z.string().min(1).max(200),
    typeName: z.literal('shape'),
    type: z.string(),
    x: finite,
    y: finite,
    rotation: finite.optional(),
    index: z.string().optional(),
    parentId: z.string(),
    opacity: finite.min(0).max(1).optional(),
    props: z.record(z.string(), z.unknown()),
  })
  .passthrough()
const page = z.object({ id: z.string(), typeName: z.literal('page'), name: z.string().optional(), index: z.string().optional() }).passthrough()
const binding = z
  .object({
    typeName: z.literal('binding'),
    type: z.string(),
    fromId: z.string(),
    toId: z.string(),
    props: z.object({ terminal: z.enum(['start', 'end']), normalizedAnchor: z.object({ x: finite, y: finite }).optional() }).passthrough(),
  })
  .passthrough()
const file = z.object({ tldrawFileFormatVersion: finite, records: z.array(record).max(100_000) }).passthrough()

type Shape = z.infer<typeof shape>

export function isTldrawFile(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'tldrawFileFormatVersion' in v
}

const COLOURS: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}
const NOTE_FILLS: Record<string, string> = { yellow: '#fff59d', black: '#e9ecef', grey: '#e9ecef', blue: '#a5d8ff', 'light-blue': '#a5d8ff', green: '#b2f2bb', 'light-green': '#b2f2bb', red: '#ffc9c9', 'light-red': '#ffc9c9', orange: '#ffd8a8', violet: '#d0bfff', 'light-violet': '#d0bfff', white: '#ffffff' }
const SIZES: Record<string, number> = { s: 2, m: 3.5, l: 5, xl: 10 }
const FONT_SIZES: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
const HEADS: Record<string, ArrowheadKind> = { none: 'none', arrow: 'arrow', triangle: 'arrow', inverted: 'arrow', diamond: 'arrow', square: 'bar', bar: 'bar', pipe: 'bar', dot: 'dot' }

const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d)
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d)
const colourOf = (p: Record<string, unknown>): string => COLOURS[str(p.color, 'black')] ?? '#1d1d1d'
const fontOf = (p: Record<string, unknown>): Font => ({ draw: 'hand', sans: 'sans', serif: 'serif', mono: 'mono' })[str(p.font, 'draw')] as Font ?? 'hand'
const dashOf = (p: Record<string, unknown>): Dash | undefined => (p.dash === 'dashed' || p.dash === 'dotted' ? p.dash : undefined)
/** tldraw's `dash: 'draw'` (its default) is the hand-drawn look: Tessera's sketch style. */
const sketchOf = (p: Record<string, unknown>): { style?: 'sketch' } => ((p.dash ?? 'draw') === 'draw' ? { style: 'sketch' } : {})
function alignOf(v: unknown): Align | undefined {
  const a = typeof v === 'string' ? v.replace('-legacy', '') : ''
  return a === 'start' ? 'left' : a === 'middle' ? 'center' : a === 'end' ? 'right' : undefined
}

/** Plain text of a shape: `text`, or the text nodes of a tldraw rich-text document, one paragraph a line. */
function textOf(p: Record<string, unknown>): string {
  if (typeof p.text === 'string') return p.text
  const lines: string[] = []
  const walk = (n: unknown, line: string[]): void => {
    if (typeof n !== 'object' || n === null) return
    const node = n as { type?: unknown; text?: unknown; content?: unknown }
    if (node.type === 'text' && typeof node.text === 'string') line.push(node.text)
    if (Array.isArray(node.content)) {
      if (node.type === 'doc') for (const c of node.content) {
        const l: string[] = []
        walk(c, l)
        lines.push(l.join(''))
      }
      else for (const c of node.content) walk(c, line)
    }
  }
  walk(p.richText, [])
  return lines.join('\n')
}

/** Parses and converts a tldraw file; its first page lands on `pageId`, further pages become new pages. */
export function convertTldraw(input: unknown, pageId: string): Result<Converted> {
  const r = file.safeParse(input)
  if (!r.success) return fail('invalid_tldraw', `Not a valid tldraw file: ${formatIssues(r.error)}`)
  const records = r.data.records
  const shapes: Shape[] = []
  for (let i = 0; i < records.length; i++) {
    if (records[i]!.typeName !== 'shape') continue
    const s = shape.safeParse(records[i])
    if (!s.success) return fail('invalid_tldraw', `Not a valid tldraw file: ${formatIssues(s.error, `records[${i}]`)}`)
    shapes.push(s.data)
  }
  const pages = records.flatMap((rec) => {
    const p = page.safeParse(rec)
    return p.success ? [p.data] : []
  })
  pages.sort((a, b) => (a.index ?? '').localeCompare(b.index ?? ''))
  const bindings = records.flatMap((rec) => {
    const b = binding.safeParse(rec)
    return b.success && b.data.type === 'arrow' ? [b.data] : []
  })
  // image and video assets: { id: 'asset:…', typeName: 'asset', type: 'image', props: { src, mimeType, w, h, … } }
  const assets = new Map(records.filter((rec) => rec.typeName === 'asset').map((rec) => [rec.id, rec as { type?: unknown; props?: unknown }]))
  const images = new ImageFiles()
  const skip = new SkipTally()
  const builder = new SceneBuilder()
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const puts = new Map<string, (d: Draft) => void>()
  pages.forEach((p, i) => puts.set(p.id, builder.page(i === 0 ? pageId : newId(), p.name ?? `Page ${i + 1}`)))
  if (pages.length === 0) puts.set('', builder.page(pageId, 'tldraw'))

  // absolute placement: tldraw places a child relative to its parent (rotation included)
  const abs = new Map<string, { x: number; y: number; rot: number }>()
  const place = (s: Shape, depth = 0): { x: number; y: number; rot: number } => {
    const known = abs.get(s.id)
    if (known) return known
    const parent = byId.get(s.parentId)
    let out = { x: s.x, y: s.y, rot: s.rotation ?? 0 }
    if (parent && depth < 64) {
      const p = place(parent, depth + 1)
      const c = Math.cos(p.rot)
      const sn = Math.sin(p.rot)
      out = { x: p.x + s.x * c - s.y * sn, y: p.y + s.x * sn + s.y * c, rot: p.rot + (s.rotation ?? 0) }
    }
    abs.set(s.id, out)
    return out
  }
  const pageOf = (s: Shape, depth = 0): string => {
    const parent = byId.get(s.parentId)
    return parent && depth < 64 ? pageOf(parent, depth + 1) : s.parentId
  }
  const arrowBinding = (arrowId: string, terminal: 'start' | 'end', props: Record<string, unknown>): Binding | undefined => {
    const b = bindings.find((x) => x.fromId === arrowId && x.props.terminal === terminal)
    const legacy = props[terminal] as { type?: unknown; boundShapeId?: unknown; normalizedAnchor?: { x?: unknown; y?: unknown } } | undefined
    const toId = b?.toId ?? (legacy?.type === 'binding' && typeof legacy.boundShapeId === 'string' ? legacy.boundShapeId : undefined)
    if (!toId || !byId.has(toId)) return undefined
    const a = b?.props.normalizedAnchor ?? legacy?.normalizedAnchor
    const clamp = (v: unknown) => Math.min(1, Math.max(0, num(v, 0.5)))
    return { itemId: toId, anchor: [clamp(a?.x), clamp(a?.y)] }
  }

  // z-order: tldraw's fractional index among siblings, parents before children
  const ordered = [...shapes].sort((a, b) => depthOf(a) - depthOf(b) || (a.index ?? '').localeCompare(b.index ?? ''))
  function depthOf(s: Shape): number {
    let d = 0
    for (let p = byId.get(s.parentId); p && d < 64; p = byId.get(p.parentId)) d++
    return d
  }
  for (const s of ordered) {
    const put = puts.get(pageOf(s)) ?? puts.values().next().value
    if (!put) break
    const p = s.props
    const at = place(s)
    const geo = { x: at.x, y: at.y, rotation: degrees(at.rot) }
    const parent = byId.get(s.parentId)
    const withParent = (d: Draft): Draft => (parent ? { ...d, parentId: parent.id } : d)
    const opacity = s.opacity ?? 1
    const stroke = colourOf(p)
    const strokeWidth = SIZES[str(p.size, 'm')] ?? 3.5
    const w = num(p.w, 100)
    const h = num(p.h, 100) + num(p.growY, 0)
    switch (s.type) {
      case 'geo': {
        const kind = str(p.geo, 'rectangle')
        if (kind !== 'rectangle' && kind !== 'ellipse' && kind !== 'oval') skip.add(`${kind} (drawn as rectangle)`)
        const fill = p.fill === 'none' || p.fill === undefined ? 'transparent' : (NOTE_FILLS[str(p.color, 'black')] ?? '#e9ecef')
        const d: Draft = { ...base(s.id, kind === 'ellipse' || kind === 'oval' ? 'ellipse' : 'rect', { ...geo, width: w, height: h }, { fill, stroke, strokeWidth, opacity }), ...sketchOf(p) }
        const text = textOf(p)
        if (text) Object.assign(d, { text, font: fontOf(p), align: alignOf(p.align) ?? 'center', fontSize: FONT_SIZES[str(p.size, 'm')] ?? 24 })
        const dash = dashOf(p)
        if (dash) d.dash = dash
        put(withParent(d))
        break
      }
      case 'note':
        put(withParent({ ...base(s.id, 'sticky', { ...geo, width: 200, height: 200 + num(p.growY, 0) }, { fill: NOTE_FILLS[str(p.color, 'yellow')] ?? '#fff59d', stroke: 'transparent', strokeWidth: 0, opacity }), text: textOf(p), fontSize: 20, font: fontOf(p), align: alignOf(p.align) ?? 'center' }))
        break
      case 'text': {
        const size = (FONT_SIZES[str(p.size, 'm')] ?? 24) * num(p.scale, 1)
        const d: Draft = { ...base(s.id, 'text', { ...geo, width: w, height: size * 1.25 }, { fill: stroke, stroke: 'transparent', strokeWidth: 0, opacity }), text: textOf(p), fontSize: size, font: fontOf(p) }
        const align = alignOf(p.textAlign ?? p.align)
        put(withParent(align ? { ...d, align } : d))
        break
      }
      case 'arrow': {
        const st = p.start as { x?: unknown; y?: unknown } | undefined
        const en = p.end as { x?: unknown; y?: unknown } | undefined
        const sx = at.x + num(st?.x, 0)
        const sy = at.y + num(st?.y, 0)
        const ex = at.x + num(en?.x, 100)
        const ey = at.y + num(en?.y, 0)
        const bend = num(p.bend, 0)
        let pts = [sx, sy, ex, ey]
        if (bend !== 0) {
          const len = Math.hypot(ex - sx, ey - sy) || 1
          const mx = (sx + ex) / 2 + (-(ey - sy) / len) * bend
          const my = (sy + ey) / 2 + ((ex - sx) / len) * bend
          pts = [sx, sy, mx, my, ex, ey]
        }
        const g = linearGeometry(pts)
        const d: Draft = { ...base(s.id, 'arrow', { ...g, rotation: 0 }, { fill: 'transparent', stroke, strokeWidth, opacity }), points: g.points, arrowheads: { start: HEADS[str(p.arrowheadStart, 'none')] ?? 'arrow', end: HEADS[str(p.arrowheadEnd, 'arrow')] ?? 'arrow' }, ...sketchOf(p) }
        const sb = arrowBinding(s.id, 'start', p)
        const eb = arrowBinding(s.id, 'end', p)
        if (sb) d.startBinding = sb
        if (eb) d.endBinding = eb
        const dash = dashOf(p)
        if (dash) d.dash = dash
        if (textOf(p)) skip.add('arrow label')
        put(withParent(d))
        break
      }
      case 'line':
      case 'draw':
      case 'highlight': {
        const local: number[] = []
        if (s.type === 'line') {
          const src = (p.points ?? p.handles) as Record<string, { x?: unknown; y?: unknown; index?: unknown }> | undefined
          const list = Object.values(src ?? {}).sort((a, b) => str(a.index, '').localeCompare(str(b.index, '')))
          for (const q of list) local.push(num(q.x, 0), num(q.y, 0))
        } else {
          for (const seg of (Array.isArray(p.segments) ? p.segments : []) as { points?: { x?: unknown; y?: unknown }[] }[])
            for (const q of seg.points ?? []) local.push(num(q.x, 0), num(q.y, 0))
        }
        if (local.length < 4) {
          skip.add('empty line')
          break
        }
        const c = Math.cos(at.rot)
        const sn = Math.sin(at.rot)
        const rotated = local.map((_, i) => (i % 2 === 0 ? at.x + local[i]! * c - local[i + 1]! * sn : at.y + local[i - 1]! * sn + local[i]! * c))
        // a tldraw line is straight between its points unless its spline is 'cubic'
        const absPts = s.type === 'line' && p.spline !== 'cubic' ? sharpCorner(rotated) : rotated
        const g = linearGeometry(absPts)
        put(withParent({ ...base(s.id, s.type === 'line' ? 'line' : 'path', { ...g, rotation: 0 }, { fill: 'transparent', stroke, strokeWidth, opacity }), points: g.points, ...(s.type === 'line' ? sketchOf(p) : {}) }))
        break
      }
      case 'frame':
        put(withParent({ ...base(s.id, 'frame', { ...geo, width: w, height: h }, { fill: 'transparent', stroke: '#adb5bd', strokeWidth: 1, opacity }), text: str(p.name, '') }))
        break
      case 'group': {
        put(withParent(base(s.id, 'group', { ...geo, width: 0, height: 0 }, { fill: 'transparent', stroke: 'transparent', strokeWidth: 0, opacity })))
        break
      }
      case 'image': {
        const asset = typeof p.assetId === 'string' ? assets.get(p.assetId) : undefined
        const ap = typeof asset?.props === 'object' && asset.props !== null ? (asset.props as { src?: unknown; mimeType?: unknown }) : undefined
        const got = asset?.type === 'image' ? images.add(ap?.src, ap?.mimeType) : { skip: 'image (missing file)' }
        if ('skip' in got) {
          skip.add(got.skip)
          break
        }
        // w × h is where the cropped part is drawn, as in Tessera; a circle crop is drawn as its square
        const crop = importedCrop('tldraw', p.crop)
        if (crop === 'bad') skip.add('image crop (shown whole)')
        else if (crop && (p.crop as { isCircle?: unknown }).isCircle === true) skip.add('circle crop (drawn square)')
        if (p.flipX === true || p.flipY === true) skip.add('image flip')
        const d: Draft = { ...base(s.id, 'image', { ...geo, width: w, height: num(p.h, 100) }, { fill: 'transparent', stroke: 'transparent', strokeWidth: 0, opacity }), image: got.key }
        if (crop && crop !== 'bad') d.crop = crop
        put(withParent(d))
        break
      }
      default:
        skip.add(s.type || 'unknown shape')
    }
  }
  // a group whose members were all skipped, or a child of a skipped shape, must not point at nothing
  const scene = builder.build('tldraw')
  return ok({ scene: { ...scene, items: withoutDangling(scene.items) }, skipped: skip.counts, images: images.list() })
}
