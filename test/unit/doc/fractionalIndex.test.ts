import { describe, expect, it } from 'vitest'
import { compareIndexed, isValidKey, keyBetween, keysBetween, rekey } from '../../../src/doc'

describe('fractional index', () => {
  it('validates keys', () => {
    expect(isValidKey('a0')).toBe(true)
    expect(isValidKey('a0V')).toBe(true)
    for (const k of ['', 'a00', 'zz', 42, null, 'x'.repeat(2000)]) expect(isValidKey(k)).toBe(false)
  })

  it('generates keys between bounds and refuses reversed or equal bounds', () => {
    const k = keyBetween('a0', 'a1')
    expect(k > 'a0' && k < 'a1').toBe(true)
    expect(keysBetween(null, null, 3)).toEqual(['a0', 'a1', 'a2'])
    expect(() => keyBetween('a1', 'a1')).toThrow()
    expect(() => keyBetween('a2', 'a1')).toThrow()
  })

  it('sorts by index, then id', () => {
    const l = [
      { id: 'b', index: 'a1' },
      { id: 'a', index: 'a1' },
      { id: 'z', index: 'a0' },
    ]
    expect(l.sort(compareIndexed).map((x) => x.id)).toEqual(['z', 'a', 'b'])
  })

  it('rekey produces strictly increasing keys even across ties', () => {
    const order = [
      { id: 'p', index: 'a1' },
      { id: 'm', index: 'a9' },
      { id: 'q', index: 'a1' },
      { id: 'r', index: 'a3' },
    ]
    const keys = rekey(order, new Set(['m']))
    const final = order.map((o) => keys.get(o.id) ?? o.index)
    for (let i = 1; i < final.length; i++) expect(final[i - 1]! < final[i]!).toBe(true)
    expect(keys.has('m')).toBe(true)
  })
})
