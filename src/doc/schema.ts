// CONTRACT §3 as zod validators and TypeScript types. Everything that reads foreign data
// (readers, JSON import, clipboard) goes through these, so a bad value from another
// client is rejected here instead of crashing a renderer.
import * as Y from 'yjs'
import * as z from 'zod'
import { isValidKey } from './fractionalIndex'

export type ItemType = 'rect' | 'ellipse' | 'line' | 'arrow' | 'path' | 'text' | 'sticky' | 'group' | 'frame' | 'image'
export const ITEM_TYPES: readonly ItemType[] = Object.freeze([
  'rect',
  'ellipse',
  'line',
  'arrow',
  'path',
  'text',
  'sticky',
  'group',
  'frame',
  'image',
] as const)

/** Types that carry `points`. */
export const POINT_TYPES: readonly ItemType[] = Object.freeze(['line', 'arrow', 'path'] as const)
/** Types that carry `text` (a Y.Text in the doc) and `fontSize`. */
export const TEXT_TYPES: readonly ItemType[] = Object.freeze(['text', 'sticky'] as const)

export function hasPoints(t: ItemType): boolean {
  return POINT_TYPES.includes(t)
}
export function hasText(t: ItemType): boolean {
  return TEXT_TYPES.includes(t)
}

export interface Item extends LookFields {
  id: string
  type: ItemType
  pageId: string
  x: number
  y: number
  width: number
  height: number
  rotation: number
  index: string
  fill: string
  stroke: string
  strokeWidth: number
  opacity: number
  points?: number[]
  text?: string
  fontSize?: number
  // issue 17 (depth): see the "bindings, labels, groups, frames" block below
  parentId?: string
  startBinding?: Binding
  endBinding?: Binding
  arrowheads?: Arrowheads
  dash?: Dash
  align?: Align
  font?: Font
}
export type ItemInit = Partial<Omit<Item, 'type'>> & { type: ItemType }
/** `null` on a reference field (parentId, bindings) removes it. */
export type ItemPatch = Partial<Omit<Item, 'id' | 'type' | 'text' | ClearableField>> & {
  [K in ClearableField]?: Item[K] | null
}
export interface Page {
  id: string
  name: string
  index: string
}
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}
export function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, code, message }
}

export const MAX_ID_LENGTH = 128
export const MAX_TEXT_LENGTH = 100_000
export const MAX_POINTS = 200_000
export const MAX_NAME_LENGTH = 200

// ---- look, lock and attribution (issue 17: style, locked, updatedBy) -------------------
// Optional on every item type; readers that do not know them ignore them (CONTRACT §3).

export type ItemStyle = 'clean' | 'sketch'
export const ITEM_STYLES: readonly ItemStyle[] = Object.freeze(['clean', 'sketch'] as const)
export interface LookFields {
  /** 'sketch': drawn hand-drawn (roughjs); absent or 'clean': crisp */
  style?: ItemStyle
  /** true: not selectable or editable until unlocked (Shift+L) */
  locked?: boolean
  /** the awareness user.name of whoever last wrote the item */
  updatedBy?: string
  /** type 'image': the assetId of a file stored with the room (CONTRACT §7) */
  image?: string
}
export const lookFields = {
  style: z.enum(ITEM_STYLES as [ItemStyle, ...ItemStyle[]]),
  locked: z.boolean(),
  updatedBy: z.string().max(MAX_NAME_LENGTH),
  image: z.string().regex(/^[0-9A-Za-z_-]{1,128}$/, { message: 'expected an asset id' }),
} as const
const LOOK_KEYS = Object.keys(lookFields) as (keyof LookFields)[]
const optionalLook = {
  style: lookFields.style.optional(),
  locked: lookFields.locked.optional(),
  updatedBy: lookFields.updatedBy.optional(),
  image: lookFields.image.optional(),
}

// ---- field validators -------------------------------------------------------------

const finite = z.number().finite()
const nonNegative = finite.min(0)
const colour = z.string().max(100)

export const idSchema = z.string().min(1).max(MAX_ID_LENGTH)
export const indexSchema = z.string().refine(isValidKey, { message: 'expected a fractional index key' })
export const itemTypeSchema = z.enum(ITEM_TYPES as [ItemType, ...ItemType[]])
export const pointsSchema = z
  .array(finite)
  .max(MAX_POINTS)
  .refine((p) => p.length % 2 === 0, { message: 'expected an even number of coordinates' })

// ---- issue 17 (depth): bindings, labels, groups, frames ---------------------------
// Kept in one block so that other work on the schema merges cleanly. All fields are optional;
// readers ignore what they do not know, and what does not belong to an item's type is dropped.

export type ArrowheadKind = 'none' | 'arrow' | 'dot' | 'bar'
export type Dash = 'solid' | 'dashed' | 'dotted'
export type Align = 'left' | 'center' | 'right'
export type Font = 'sans' | 'serif' | 'mono' | 'hand'
/** An arrow or line end attached to an item: `anchor` is 0..1 inside the target's box. */
export interface Binding {
  itemId: string
  anchor: [number, number]
}
export interface Arrowheads {
  start: ArrowheadKind
  end: ArrowheadKind
}
type ClearableField = 'parentId' | 'startBinding' | 'endBinding'

export const ARROWHEAD_KINDS: readonly ArrowheadKind[] = ['none', 'arrow', 'dot', 'bar']
export const DASHES: readonly Dash[] = ['solid', 'dashed', 'dotted']
export const ALIGNS: readonly Align[] = ['left', 'center', 'right']
export const FONTS: readonly Font[] = ['sans', 'serif', 'mono', 'hand']
/** Types whose ends may bind to items. */
export const LINEAR_TYPES: readonly ItemType[] = ['line', 'arrow']
/** Types that may carry a label (`text`, a Y.Text) drawn inside them; text and sticky always have one. */
export const LABEL_TYPES: readonly ItemType[] = ['rect', 'ellipse', 'sticky', 'frame']
/** Types that contain others through their children's `parentId`. */
export const CONTAINER_TYPES: readonly ItemType[] = ['group', 'frame']

export function isLinear(t: ItemType): boolean {
  return LINEAR_TYPES.includes(t)
}
export function isLabelled(t: string): boolean {
  return (LABEL_TYPES as readonly string[]).includes(t)
}
export function isContainer(t: ItemType): boolean {
  return CONTAINER_TYPES.includes(t)
}

const anchorCoord = z.number().finite().min(0).max(1)
export const bindingSchema = z.object({ itemId: idSchema, anchor: z.tuple([anchorCoord, anchorCoord]) })
const arrowheadKind = z.enum(ARROWHEAD_KINDS as [ArrowheadKind, ...ArrowheadKind[]])
export const arrowheadsSchema = z.object({ start: arrowheadKind, end: arrowheadKind })
const depthShape = {
  parentId: idSchema,
  startBinding: bindingSchema,
  endBinding: bindingSchema,
  arrowheads: arrowheadsSchema,
  dash: z.enum(DASHES as [Dash, ...Dash[]]),
  align: z.enum(ALIGNS as [Align, ...Align[]]),
  font: z.enum(FONTS as [Font, ...Font[]]),
}
const DEPTH_KEYS: Record<string, true> = Object.fromEntries(Object.keys(depthShape).map((k) => [k, true]))
const CLEARABLE: readonly string[] = ['parentId', 'startBinding', 'endBinding']

function depthPatchFields() {
  return {
    ...depthShape,
    parentId: depthShape.parentId.nullable(),
    startBinding: depthShape.startBinding.nullable(),
    endBinding: depthShape.endBinding.nullable(),
  }
}
function depthItemFields() {
  return Object.fromEntries(Object.entries(depthShape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof depthShape]: z.ZodOptional<(typeof depthShape)[K]>
  }
}

/** Whether a patch field may be cleared with `null`. */
export function isClearable(key: string): boolean {
  return CLEARABLE.includes(key)
}

/** Which depth fields belong to a type (the others are dropped by normaliseItem). */
export function depthFieldAllowed(type: ItemType, key: string): boolean {
  switch (key) {
    case 'parentId':
      return true
    case 'startBinding':
    case 'endBinding':
    case 'arrowheads':
      return isLinear(type)
    case 'dash':
      return type !== 'text' && type !== 'group'
    case 'align':
    case 'font':
      return hasText(type) || isLabelled(type)
    default:
      return false
  }
}

function normaliseDepth(it: Item, out: Item): void {
  if (isLabelled(it.type) && !hasText(it.type) && it.text !== undefined) {
    out.text = it.text
    if (it.fontSize !== undefined) out.fontSize = it.fontSize
  }
  const rec = it as unknown as Record<string, unknown>
  const dst = out as unknown as Record<string, unknown>
  for (const key of Object.keys(depthShape)) {
    const v = rec[key]
    if (v === undefined || v === null || !depthFieldAllowed(it.type, key)) continue
    dst[key] = typeof v === 'object' ? structuredClone(v) : v
  }
  // an item is never its own parent, an arrow never bound to itself
  if (out.parentId === it.id) delete out.parentId
  if (out.startBinding?.itemId === it.id) delete out.startBinding
  if (out.endBinding?.itemId === it.id) delete out.endBinding
}

/** Validators for the fields a patch may change. */
export const patchFields = {
  pageId: idSchema,
  x: finite,
  y: finite,
  width: nonNegative,
  height: nonNegative,
  rotation: finite,
  index: indexSchema,
  fill: colour,
  stroke: colour,
  strokeWidth: nonNegative,
  opacity: finite.min(0).max(1),
  points: pointsSchema,
  fontSize: finite.positive(),
  ...lookFields,
  ...depthPatchFields(),
} as const

export const itemPatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(patchFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof patchFields]: z.ZodOptional<(typeof patchFields)[K]>
  },
)

const baseItem = z.object({
  id: idSchema,
  type: itemTypeSchema,
  pageId: patchFields.pageId,
  x: patchFields.x,
  y: patchFields.y,
  width: patchFields.width,
  height: patchFields.height,
  rotation: patchFields.rotation,
  index: patchFields.index,
  fill: patchFields.fill,
  stroke: patchFields.stroke,
  strokeWidth: patchFields.strokeWidth,
  opacity: patchFields.opacity,
  points: patchFields.points.optional(),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  fontSize: patchFields.fontSize.optional(),
  ...optionalLook,
  ...depthItemFields(),
})

/** A complete plain item (JSON import, clipboard): type-specific fields are required. */
export const itemSchema = baseItem
  .superRefine((it, ctx) => {
    if (hasPoints(it.type) && it.points === undefined)
      ctx.addIssue({ code: 'custom', path: ['points'], message: `required for type ${it.type}` })
    if (hasText(it.type)) {
      if (it.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: `required for type ${it.type}` })
      if (it.fontSize === undefined)
        ctx.addIssue({ code: 'custom', path: ['fontSize'], message: `required for type ${it.type}` })
    }
    if (it.type === 'image' && it.image === undefined) ctx.addIssue({ code: 'custom', path: ['image'], message: 'required for type image' })
  })
  .transform((it): Item => normaliseItem(it))

export const pageSchema = z.object({
  id: idSchema,
  name: z.string().max(MAX_NAME_LENGTH),
  index: indexSchema,
})

/** Drops fields that do not belong to the item's type, in a stable key order. */
export function normaliseItem(it: Item): Item {
  const out: Item = {
    id: it.id,
    type: it.type,
    pageId: it.pageId,
    x: it.x,
    y: it.y,
    width: it.width,
    height: it.height,
    rotation: it.rotation,
    index: it.index,
    fill: it.fill,
    stroke: it.stroke,
    strokeWidth: it.strokeWidth,
    opacity: it.opacity,
  }
  if (hasPoints(it.type)) out.points = it.points ? [...it.points] : []
  if (hasText(it.type)) {
    out.text = it.text ?? ''
    out.fontSize = it.fontSize ?? 16
  }
  for (const k of LOOK_KEYS) if (it[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = it[k]
  normaliseDepth(it, out)
  return out
}

// ---- defaults ---------------------------------------------------------------------

const INK = '#1e1e1e'

export function defaultsFor(type: ItemType): Omit<Item, 'id' | 'type' | 'pageId' | 'index'> {
  const base = { x: 0, y: 0, rotation: 0, opacity: 1, strokeWidth: 2, stroke: INK }
  switch (type) {
    case 'rect':
    case 'ellipse':
      return { ...base, width: 100, height: 100, fill: 'transparent' }
    case 'line':
    case 'arrow':
      return { ...base, width: 100, height: 0, fill: 'transparent', points: [0, 0, 100, 0] }
    case 'path':
      return { ...base, width: 0, height: 0, fill: 'transparent', points: [] }
    case 'text':
      return { ...base, width: 200, height: 32, fill: INK, stroke: 'transparent', strokeWidth: 0, text: '', fontSize: 24 }
    case 'sticky':
      return { ...base, width: 200, height: 200, fill: '#fff59d', stroke: 'transparent', strokeWidth: 0, text: '', fontSize: 20 }
    case 'group':
      return { ...base, width: 0, height: 0, fill: 'transparent', stroke: 'transparent', strokeWidth: 0 }
    case 'frame':
      return { ...base, width: 320, height: 200, fill: 'transparent', stroke: '#adb5bd', strokeWidth: 1 }
    case 'image':
      return { ...base, width: 320, height: 240, fill: 'transparent', stroke: 'transparent', strokeWidth: 0 }
  }
}

// ---- reading a Y.Map written by anyone ------------------------------------------

/** Formats zod issues as `path: message` lines, e.g. `items[3].x: expected number`. */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map((iss) => {
      let p = prefix
      for (const seg of iss.path) {
        if (typeof seg === 'number') p += `[${seg}]`
        else p += p ? `.${String(seg)}` : String(seg)
      }
      const msg = iss.message.replace(/^Invalid input: /, '')
      return p ? `${p}: ${msg}` : msg
    })
    .join('; ')
}

/** Validates one item map from `doc.getMap('items')`. Never throws. */
export function parseItem(id: string, ymap: unknown): Result<Item> {
  if (!(ymap instanceof Y.Map)) return fail('invalid_item', `${id}: expected a Y.Map`)
  const raw: Record<string, unknown> = { id }
  for (const key of Object.keys(baseItem.shape)) {
    if (key === 'id') continue
    const v: unknown = ymap.get(key)
    if (key === 'text') {
      if (v instanceof Y.Text) raw.text = v.toString()
      else if (v === undefined || (v === null && isLabelled(String(raw.type ?? ymap.get('type'))))) continue
      else if (v !== undefined) raw.text = v // a non-Y.Text value fails validation below
      continue
    }
    // null is how a cleared optional field may look when written by another client
    if (v !== undefined && !(v === null && key in DEPTH_KEYS)) raw[key] = v
  }
  const t = raw.type
  if (typeof t === 'string' && (TEXT_TYPES as readonly string[]).includes(t) && !(ymap.get('text') instanceof Y.Text))
    return fail('invalid_item', `${id}.text: expected Y.Text`)
  const r = itemSchema.safeParse(raw)
  if (!r.success) return fail('invalid_item', formatIssues(r.error, id))
  return ok(r.data)
}

