// CONTRACT §3 as TypeScript types and constants: item types, fields, limits and defaults.
// No validation library here (that is schema.ts), so anything may import these cheaply.


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
  /** type 'image': the part of the source shown, 0..1 of its size (doc/crop.ts); absent: all of it */
  crop?: Crop
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
export type ClearableField = 'parentId' | 'startBinding' | 'endBinding' | 'crop'
/** An image's visible part: fractions 0..1 of the source image's width and height. */
export interface Crop {
  x: number
  y: number
  width: number
  height: number
}

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

const CLEARABLE: readonly string[] = ['parentId', 'startBinding', 'endBinding', 'crop']


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
