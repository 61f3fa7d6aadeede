// Excalidraw files (`.excalidraw`: { type: 'excalidraw', version: 2, elements, files }) → a
// Tessera scene. Shapes, text (standalone and bound into a container as its label), arrows and
// lines with their bindings and heads, freedraw, groups (groupIds) and frames (frameId) map;
// what has no counterpart here is counted and reported. Image elements map with their file from
// the top-level `files` map (a data URL), to be uploaded before the import is written. Formats:
// excalidraw packages/excalidraw/element/types.ts (ExcalidrawElement, ExcalidrawImageElement) and
// packages/excalidraw/types.ts (BinaryFiles, BinaryFileData).
import * as z from 'zod'
import { fail, formatIssues, ok, type Align, type ArrowheadKind, type Binding, type Dash, type Font, type Result } from '../schema'
import { base, degrees, importedCrop, linearGeometry, sharpCorner, SceneBuilder, SkipTally, type Converted, type Draft } from './common'
import { ImageFiles, withoutDangling } from './images'

const finite = z.number().finite()
const point = z.tuple([finite, finite])
const pointBinding = z
  .object({ elementId: z.string().min(1), fixedPoint: z.tuple([finite, finite]).nullish() })
  .passthrough()
  .nullish()

const element = z
  .object({
    id: z.string().min(1).max(120),
    type: z.string(),
    x: finite,
    y: finite,
    width: finite,
    height: finite,
    angle: finite.optional(),
    strokeColor: z.string().max(100).optional(),
    backgroundColor: z.string().max(100).optional(),
    strokeWidth: finite.min(0).optional(),
    strokeStyle: z.string().optional(),
    roughness: finite.min(0).optional(),
    opacity: finite.min(0).max(100).optional(),
    groupIds: z.array(z.string().min(1).max(120)).optional(),
    frameId: z.string().min(1).nullish(),
    isDeleted: z.boolean().optional(),
    // text
    text: z.string().max(100_000).optional(),
    fontSize: finite.positive().optional(),
    fontFamily: finite.optional(),
    textAlign: z.string().optional(),
    containerId: z.string().nullish(),
    // linear and freedraw
    points: z.array(point).max(100_000).optional(),
    startBinding: pointBinding,
    endBinding: pointBinding,
    startArrowhead: z.string().nullish(),
    endArrowhead: z.string().nullish(),
    // frame
    name: z.string().nullish(),
    // image: the file is in the top-level `files` map; `scale` [-1, 1] flips; `crop` shows a part
    fileId: z.string().nullish(),
    scale: z.tuple([finite, finite]).nullish(),
    crop: z.object({}).passthrough().nullish(),
  })
  .passthrough()

const file = z
  .object({
    type: z.literal('excalidraw'),
    version: finite.optional(),
    elements: z.array(element).max(50_000),
    // { [fileId]: { id, mimeType, dataURL, created, … } }; read leniently (a bad entry skips its image)
    files: z.unknown().optional(),
  })
  .passthrough()

type Element = z.infer<typeof element>

export function isExcalidrawFile(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'excalidraw'
}

const HEADS: Record<string, ArrowheadKind> = {
  arrow: 'arrow',
  triangle: 'arrow',
  triangle_outline: 'arrow',
  diamond: 'arrow',
  diamond_outline: 'arrow',
  dot: 'dot',
  circle: 'dot',
  circle_outline: 'dot',
  bar: 'bar',
  crowfoot_one: 'bar',
  crowfoot_many: 'arrow',
  crowfoot_one_or_many: 'arrow',
}

function head(h: string | null | undefined): ArrowheadKind {
  return h ? (HEADS[h] ?? 'arrow') : 'none'
}

function dashOf(s: string | undefined): Dash | undefined {
  return s === 'dashed' || s === 'dotted' ? s : undefined
}

/** Excalidraw's sloppiness: 0 "architect" is clean, 1 "artist" (its default) and 2 "cartoonist" hand-drawn. */
function sketchOf(el: Element): { style?: 'sketch' } {
  return (el.roughness ?? 1) > 0 ? { style: 'sketch' } : {}
}

/** Excalidraw font families: 1 Virgil, 5 Excalifont (hand-drawn); 3 Cascadia, 8 Comic Shanns (code); else sans. */
function fontOf(f: number | undefined): Font {
  if (f === 1 || f === 5) return 'hand'
  if (f === 3 || f === 8) return 'mono'
  return 'sans'
}

function alignOf(a: string | undefined): Align | undefined {
  return a === 'left' || a === 'center' || a === 'right' ? a : undefined
}

/**
 * Excalidraw rotates an element about its centre; Tessera about its top-left corner (x, y).
 * Same picture: the corner where the rotated box's top-left ends up.
 */
function aboutCorner(el: Element): { x: number; y: number; rotation: number } {
  const a = el.angle ?? 0
  if (!a) return { x: el.x, y: el.y, rotation: 0 }
  const cx = el.x + el.width / 2
  const cy = el.y + el.height / 2
  const c = Math.cos(a)
  const s = Math.sin(a)
  return { x: cx + (-el.width / 2) * c - (-el.height / 2) * s, y: cy + (-el.width / 2) * s + (-el.height / 2) * c, rotation: degrees(a) }
}

function look(el: Element, filled: boolean) {
  const bg = el.backgroundColor ?? 'transparent'
  return {
    fill: filled ? bg : 'transparent',
    stroke: el.strokeColor ?? '#1e1e1e',
    strokeWidth: el.strokeWidth ?? 2,
    opacity: (el.opacity ?? 100) / 100,
  }
}

/** Parses and converts an Excalidraw file (a JSON value) onto page `pageId`. Never throws. */
export function convertExcalidraw(input: unknown, pageId: string): Result<Converted> {
  const r = file.safeParse(input)
  if (!r.success) return fail('invalid_excalidraw', `Not a valid Excalidraw file: ${formatIssues(r.error)}`)
  const skip = new SkipTally()
  const images = new ImageFiles()
  const files = typeof r.data.files === 'object' && r.data.files !== null ? (r.data.files as Record<string, unknown>) : {}
  const live = r.data.elements.filter((e) => !e.isDeleted)
  const byId = new Map(live.map((e) => [e.id, e]))
  const builder = new SceneBuilder()
  const put = builder.page(pageId, 'Excalidraw')
  const drafts = new Map<string, Draft>()
  // text bound into a container becomes the container's label
  const labels = new Map<string, Element>()
  for (const el of live) if (el.type === 'text' && el.containerId && byId.has(el.containerId)) labels.set(el.containerId, el)

  // groups: one Tessera group per Excalidraw group id, nested innermost first (groupIds order)
  const groupParent = new Map<string, string | undefined>()
  const groupFrame = new Map<string, string>()
  for (const el of live)
    (el.groupIds ?? []).forEach((g, i, all) => {
      if (!groupParent.has(g)) groupParent.set(g, all[i + 1])
      if (el.frameId && i === all.length - 1) groupFrame.set(g, el.frameId)
    })

  const parentOf = (el: Element): string | undefined => el.groupIds?.[0] ?? el.frameId ?? undefined

  for (const el of live) {
    const parentId = parentOf(el)
    const withParent = (d: Draft): Draft => (parentId ? { ...d, parentId } : d)
    switch (el.type) {
      case 'rectangle':
      case 'ellipse':
      case 'diamond': {
        if (el.type === 'diamond') skip.add('diamond (drawn as rectangle)')
        const d = { ...base(el.id, el.type === 'ellipse' ? 'ellipse' : 'rect', { ...aboutCorner(el), width: el.width, height: el.height }, look(el, true)), ...sketchOf(el) }
        const dash = dashOf(el.strokeStyle)
        const label = labels.get(el.id)
        const labelled: Draft = label
          ? { ...d, text: label.text ?? '', fontSize: label.fontSize ?? 20, font: fontOf(label.fontFamily), align: alignOf(label.textAlign) ?? 'center' }
          : d
        put(withParent(dash ? { ...labelled, dash } : labelled))
        drafts.set(el.id, labelled)
        break
      }
      case 'text': {
        if (el.containerId && byId.has(el.containerId)) {
          // drawn as its container's label (arrow labels have nowhere to go)
          if (byId.get(el.containerId)!.type === 'arrow') skip.add('arrow label')
          break
        }
        const d: Draft = {
          ...base(el.id, 'text', { ...aboutCorner(el), width: el.width, height: el.height }, { ...look(el, false), fill: el.strokeColor ?? '#1e1e1e', stroke: 'transparent', strokeWidth: 0 }),
          text: el.text ?? '',
          fontSize: el.fontSize ?? 20,
          font: fontOf(el.fontFamily),
        }
        const align = alignOf(el.textAlign)
        put(withParent(align ? { ...d, align } : d))
        break
      }
      case 'arrow':
      case 'line': {
        const pts = el.points ?? []
        if (pts.length < 2) {
          skip.add('empty line')
          break
        }
        const points = pts.flatMap(([px, py]) => [el.x + px, el.y + py])
        // Excalidraw curves a line through its points when `roundness` is set; a sharp one keeps its corner
        const curved = (el as { roundness?: unknown }).roundness != null && (el as { elbowed?: unknown }).elbowed !== true
        const abs = curved ? points : sharpCorner(points)
        const d: Draft = {
          ...base(el.id, el.type, { ...linearGeometry(abs), rotation: 0 }, look(el, false)),
          points: linearGeometry(abs).points,
          arrowheads: { start: head(el.startArrowhead), end: head(el.type === 'arrow' ? el.endArrowhead : el.endArrowhead) },
          ...sketchOf(el),
        }
        const dash = dashOf(el.strokeStyle)
        if (dash) d.dash = dash
        const sb = bindingOf(el.startBinding, byId)
        const eb = bindingOf(el.endBinding, byId)
        if (sb) d.startBinding = sb
        if (eb) d.endBinding = eb
        put(withParent(d))
        break
      }
      case 'freedraw': {
        const pts = el.points ?? []
        const abs = pts.flatMap(([px, py]) => [el.x + px, el.y + py])
        const g = linearGeometry(abs)
        put(withParent({ ...base(el.id, 'path', { ...g, rotation: 0 }, look(el, false)), points: g.points }))
        break
      }
      case 'frame':
      case 'magicframe':
        put({ ...base(el.id, 'frame', { ...aboutCorner(el), width: el.width, height: el.height }, { fill: 'transparent', stroke: '#adb5bd', strokeWidth: 1, opacity: (el.opacity ?? 100) / 100 }), text: el.name ?? '' })
        break
      case 'image': {
        const f = el.fileId && Object.hasOwn(files, el.fileId) ? files[el.fileId] : undefined
        const rec = typeof f === 'object' && f !== null ? (f as { dataURL?: unknown; mimeType?: unknown }) : undefined
        const got = images.add(rec?.dataURL, rec?.mimeType)
        if ('skip' in got) {
          skip.add(got.skip)
          break
        }
        // the element's box is where the cropped part is drawn, as in Tessera
        const crop = importedCrop('excalidraw', el.crop)
        if (crop === 'bad') skip.add('image crop (shown whole)')
        if (el.scale && (el.scale[0] < 0 || el.scale[1] < 0)) skip.add('image flip')
        const d: Draft = { ...base(el.id, 'image', { ...aboutCorner(el), width: el.width, height: el.height }, { fill: 'transparent', stroke: 'transparent', strokeWidth: 0, opacity: (el.opacity ?? 100) / 100 }), image: got.key }
        if (crop && crop !== 'bad') d.crop = crop
        put(withParent(d))
        break
      }
      default:
        skip.add(el.type || 'unknown element')
    }
  }
  // groups go in at the end (they draw nothing): their box is their members' box
  for (const [g, parent] of groupParent) {
    const members = live.filter((e) => e.groupIds?.includes(g))
    const minX = Math.min(...members.map((m) => m.x))
    const minY = Math.min(...members.map((m) => m.y))
    const maxX = Math.max(...members.map((m) => m.x + m.width))
    const maxY = Math.max(...members.map((m) => m.y + m.height))
    const d = base(g, 'group', { x: minX, y: minY, width: maxX - minX, height: maxY - minY, rotation: 0 }, { fill: 'transparent', stroke: 'transparent', strokeWidth: 0, opacity: 1 })
    const p = parent ?? groupFrame.get(g)
    put(p ? { ...d, parentId: p } : d)
  }
  // references to elements that were skipped (an embed, an unreadable image) are dropped, not left dangling
  const scene = builder.build('Excalidraw')
  return ok({ scene: { ...scene, items: withoutDangling(scene.items) }, skipped: skip.counts, images: images.list() })
}

/** Excalidraw binds by element id, with a `fixedPoint` (0..1 in the target's box) when precise. */
function bindingOf(b: { elementId: string; fixedPoint?: [number, number] | null } | null | undefined, byId: Map<string, Element>): Binding | undefined {
  if (!b || !byId.has(b.elementId)) return undefined
  const fp = b.fixedPoint
  const clamp = (v: number) => Math.min(1, Math.max(0, v))
  return { itemId: b.elementId, anchor: fp ? [clamp(fp[0]), clamp(fp[1])] : [0.5, 0.5] }
}
