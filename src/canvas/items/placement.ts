import * as Y from 'yjs'
import { ITEM_TYPES, type Binding, type Item, type ItemType } from '../../doc'

/** The fields that place an item in the scene: enough for culling, z-order and bounds. */
export type Placement = Pick<
  Item,
  'id' | 'type' | 'pageId' | 'index' | 'x' | 'y' | 'width' | 'height' | 'rotation' | 'strokeWidth' | 'points' | 'startBinding' | 'endBinding' | 'parentId'
>

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * A cheap, non-throwing read of an item's placement straight from its Y.Map. Full validation
 * (readItem) runs only for items that get mounted, so loading 10,000 items validates the few
 * hundred on screen instead of all of them. Anything malformed here is treated as invalid.
 */
export function readPlacement(id: string, v: unknown): Placement | null {
  if (!(v instanceof Y.Map)) return null
  const type = v.get('type')
  const pageId = v.get('pageId')
  const index = v.get('index')
  const x = v.get('x')
  const y = v.get('y')
  const width = v.get('width')
  const height = v.get('height')
  const rotation = v.get('rotation')
  const strokeWidth = v.get('strokeWidth')
  if (typeof type !== 'string' || !(ITEM_TYPES as readonly string[]).includes(type)) return null
  if (typeof pageId !== 'string' || typeof index !== 'string') return null
  if (!num(x) || !num(y) || !num(width) || !num(height) || !num(rotation) || !num(strokeWidth)) return null
  const p: Placement = { id, type: type as ItemType, pageId, index, x, y, width, height, rotation, strokeWidth }
  const points = v.get('points')
  if (points !== undefined) {
    if (!Array.isArray(points) || !points.every(num)) return null
    p.points = points as number[]
  }
  if (type === 'line' || type === 'arrow') {
    const sb = readBinding(v.get('startBinding'))
    const eb = readBinding(v.get('endBinding'))
    if (sb) p.startBinding = sb
    if (eb) p.endBinding = eb
  }
  const parentId = v.get('parentId')
  if (typeof parentId === 'string' && parentId !== id) p.parentId = parentId
  return p
}

/** A binding as stored, or undefined when absent or malformed (then the stored point is drawn). */
function readBinding(b: unknown): Binding | undefined {
  if (typeof b !== 'object' || b === null) return undefined
  const { itemId, anchor } = b as { itemId?: unknown; anchor?: unknown }
  if (typeof itemId !== 'string' || !Array.isArray(anchor) || anchor.length !== 2) return undefined
  const [ax, ay] = anchor as unknown[]
  if (!num(ax) || !num(ay) || ax < 0 || ax > 1 || ay < 0 || ay > 1) return undefined
  return { itemId, anchor: [ax, ay] }
}

/** The numeric fields of a Placement (what a move, turn or resize changes). */
const NUMERIC: ReadonlySet<string> = new Set(['x', 'y', 'width', 'height', 'rotation', 'strokeWidth'])

/**
 * `prev` with the fields in `keys` read afresh from the item's map, when each is a numeric
 * placement field holding a finite number or a field the Placement does not hold; null otherwise
 * (the caller reads the whole placement). A move of 10,000 items read a dozen fields of each.
 */
export function patchPlacement(prev: Placement, keys: ReadonlySet<string>, v: unknown, placed: (key: string) => boolean): Placement | null {
  if (!(v instanceof Y.Map)) return null
  let out: Placement | null = null
  for (const k of keys) {
    if (!placed(k)) continue
    const value = v.get(k)
    if (!NUMERIC.has(k) || !num(value)) return null
    out ??= { ...prev }
    ;(out as unknown as Record<string, number>)[k] = value
  }
  return out ?? prev
}
