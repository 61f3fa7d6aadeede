// A validated item snapshot carried through a shallow change (a move, a restyle, a rotation, a
// resize of a box) by
// validating only the fields that changed, instead of parsing the whole item again: a restyle of
// 10,000 items from the style panel (or a collaborator's) otherwise re-validated every item.
import { depthFieldAllowed, patchFields, type Item } from './schema'
import { isNumericField, validNumber, validPoints } from './numericPatch'

/** Top-level item fields whose change leaves the rest of the item as it was (scalars only). */
export const SHALLOW_KEYS: ReadonlySet<string> = new Set([
  'x', 'y', 'rotation', 'width', 'height', 'fontSize', 'fill', 'stroke', 'strokeWidth', 'opacity', 'updatedBy', 'dash', 'style', 'locked', 'font', 'align',
  // a line's, arrow's or pen stroke's points: a resize scales them (an array of numbers, copied)
  'points',
])

/** Fields an item must have: removing one makes the item invalid (left to the full parse). */
const REQUIRED: ReadonlySet<string> = new Set(['x', 'y', 'width', 'height', 'rotation', 'fill', 'stroke', 'strokeWidth', 'opacity'])

/** Fields the full parse keeps for some types only: patched only where the snapshot has them. */
const WHERE_PRESENT: ReadonlySet<string> = new Set(['fontSize', 'points'])

/** field + value → valid; a restyle writes the same few values to thousands of items */
const verdicts = new Map<string, boolean>()

function validField(key: string, value: unknown): boolean {
  // placements and sizes differ item by item (a rotation, a resize): checked directly, not memoised
  if (isNumericField(key)) return validNumber(key, value)
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false
  const memo = `${key}\u0000${typeof value}\u0000${String(value)}`
  let ok = verdicts.get(memo)
  if (ok === undefined) {
    const schema = (patchFields as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]
    ok = schema !== undefined && schema.safeParse(value).success
    if (verdicts.size > 4096) verdicts.clear()
    verdicts.set(memo, ok)
  }
  return ok
}

/**
 * `item` with the fields in `keys` read afresh through `read`, or null when that cannot be done
 * without a full parse: a key outside SHALLOW_KEYS, a required field removed, or a value that
 * fails its field's validator. A depth field (dash, font, align) the item's type does not carry
 * is left out, as the full parse (normaliseItem) leaves it out; null and absent clear it.
 */
export function patchSnapshot(item: Item, keys: Iterable<string>, read: (key: string) => unknown): Item | null {
  const out = { ...item } as Record<string, unknown>
  for (const key of keys) {
    if (!SHALLOW_KEYS.has(key)) return null
    if (WHERE_PRESENT.has(key) && out[key] === undefined) return null
    const v = read(key)
    if (v === undefined || v === null) {
      if (REQUIRED.has(key) || WHERE_PRESENT.has(key) || (v === null && !(key === 'dash' || key === 'font' || key === 'align'))) return null
      delete out[key]
      continue
    }
    if (key === 'points') {
      if (!validPoints(v)) return null
      out[key] = [...v]
      continue
    }
    if (!validField(key, v)) return null
    if ((key === 'dash' || key === 'font' || key === 'align') && !depthFieldAllowed(item.type, key)) continue
    out[key] = v
  }
  return out as unknown as Item
}
