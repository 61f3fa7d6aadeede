// CONTRACT §3 as zod validators. Everything that reads foreign data (readers, JSON import,
// clipboard) goes through these, so a bad value from another client is rejected here instead of
// crashing a renderer. The types and constants they check are in itemTypes.ts (re-exported here).
import * as Y from 'yjs'
import * as z from 'zod'
import { isValidKey } from './fractionalIndex'
import {
  ALIGNS, ARROWHEAD_KINDS, DASHES, depthFieldAllowed, FONTS, hasPoints, hasText, isLabelled, ITEM_STYLES, ITEM_TYPES,
  MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_POINTS, MAX_TEXT_LENGTH, TEXT_TYPES,
  type Align, type ArrowheadKind, type Dash, type Font, type Item, type ItemStyle, type ItemType, type LookFields,
} from './itemTypes'
import { fail, ok, type Result } from './result'
import { cropSchema } from './crop'

export * from './itemTypes'
export * from './result'

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

// ---- issue 17 (depth): bindings, labels, groups, frames (validators) -------------

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
  crop: cropSchema.nullable(),
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
  // a malformed crop is dropped (the image shows whole), the item kept
  crop: cropSchema.optional().catch(undefined),
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
  if (it.type === 'image' && it.crop) out.crop = { x: it.crop.x, y: it.crop.y, width: it.crop.width, height: it.crop.height }
  return out
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
