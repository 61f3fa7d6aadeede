import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { numericPatch } from '../../../src/doc/numericPatch'
import { itemPatchSchema } from '../../../src/doc/schema'
import { patchSnapshot } from '../../../src/doc/snapshotPatch'
import { defaultsFor, type Item } from '../../../src/doc'

const FIELDS = ['x', 'y', 'rotation', 'width', 'height', 'strokeWidth', 'fontSize', 'opacity', 'points'] as const
const number = fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, 1, -1, 0.5, 1.0000001, Infinity, -Infinity, NaN))
const value = fc.oneof(number, fc.constantFrom('3', null, true, undefined, [1], [0, 0, '1', 2], [0, 0, 1, undefined]), fc.array(number, { maxLength: 9 }))

describe('numeric placement patches checked without the schema library', () => {
  it('accept exactly what the item patch schema accepts, with the same data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1 }), (patch) => {
        const fast = numericPatch(patch)
        const full = itemPatchSchema.safeParse(patch)
        if (fast !== null) {
          expect(full.success).toBe(true)
          expect(full.data).toEqual(fast)
        } else if (full.success) {
          // left to the full check only when some value is undefined (which the schema drops) or the
          // patch is not a plain object
          expect(Object.getPrototypeOf(patch) !== Object.prototype || Object.values(patch).some((v) => v === undefined)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('leave any other field, an empty patch and a non-plain object to the full check', () => {
    expect(numericPatch({ x: 1, fill: '#fff' })).toBeNull()
    expect(numericPatch({ x: 1, points: [0, 0, 1] })).toBeNull()
    expect(numericPatch({ x: 1, points: [0, 0, 3, 4] })).toEqual({ x: 1, points: [0, 0, 3, 4] })
    expect(numericPatch({})).toBeNull()
    expect(numericPatch([1])).toBeNull()
    expect(numericPatch(Object.assign(Object.create({ x: 1 }), { y: 2 }))).toBeNull()
    expect(numericPatch({ x: 1, y: 2, rotation: 30 })).toEqual({ x: 1, y: 2, rotation: 30 })
  })

  it('refuse what the schema refuses: a negative size, an opacity above 1, a zero font size, NaN', () => {
    for (const bad of [{ width: -1 }, { height: -0.5 }, { strokeWidth: -2 }, { opacity: 1.5 }, { opacity: -0.1 }, { fontSize: 0 }, { x: NaN }, { y: Infinity }])
      expect([numericPatch(bad), itemPatchSchema.safeParse(bad).success]).toEqual([null, false])
  })

  it('carry a snapshot through a new placement, and refuse a bad one, as before', () => {
    const item = { ...defaultsFor('rect'), id: 'r', type: 'rect', pageId: 'page-1', index: 'a0' } as Item
    const at = { x: 12.5, y: -3, rotation: 28.1, width: 80 }
    expect(patchSnapshot(item, Object.keys(at), (k) => at[k as keyof typeof at])).toEqual({ ...item, ...at })
    expect(patchSnapshot(item, ['width'], () => -4)).toBeNull()
    expect(patchSnapshot(item, ['x'], () => NaN)).toBeNull()
    expect(patchSnapshot(item, ['x'], () => '4')).toBeNull()
  })
})
