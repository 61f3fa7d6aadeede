import { describe, expect, it } from 'vitest'
import { addItems, readItems, reorder, type ReorderOp } from '../../../src/doc'
import { countTx, must, newDoc } from './docHelpers'

function setup(n: number) {
  const doc = newDoc()
  const ids = must(addItems(doc, Array.from({ length: n }, (_, i) => ({ type: 'rect' as const, id: `i${i}` }))))
  const order = () => readItems(doc).items.map((i) => i.id)
  return { doc, ids, order }
}

describe('reorder', () => {
  it.each<[ReorderOp, string[], string[]]>([
    ['forward', ['i1'], ['i0', 'i2', 'i1', 'i3']],
    ['forward', ['i0', 'i1'], ['i2', 'i0', 'i1', 'i3']],
    ['forward', ['i0', 'i2'], ['i1', 'i0', 'i3', 'i2']],
    ['forward', ['i3'], ['i0', 'i1', 'i2', 'i3']],
    ['backward', ['i2'], ['i0', 'i2', 'i1', 'i3']],
    ['backward', ['i1', 'i3'], ['i1', 'i0', 'i3', 'i2']],
    ['front', ['i0', 'i2'], ['i1', 'i3', 'i0', 'i2']],
    ['back', ['i3', 'i1'], ['i1', 'i3', 'i0', 'i2']],
  ])('%s %j', (op, sel, expected) => {
    const { doc, order } = setup(4)
    must(reorder(doc, sel, op))
    expect(order()).toEqual(expected)
  })

  it('is one transaction, and none when nothing moves', () => {
    const { doc } = setup(3)
    expect(countTx(doc, () => reorder(doc, ['i0'], 'front')).count).toBe(1)
    expect(countTx(doc, () => reorder(doc, ['i0'], 'front')).count).toBe(0)
  })

  it('only re-keys the selection', () => {
    const { doc } = setup(5)
    const before = new Map(readItems(doc).items.map((i) => [i.id, i.index]))
    must(reorder(doc, ['i1'], 'forward'))
    const changed = readItems(doc).items.filter((i) => before.get(i.id) !== i.index).map((i) => i.id)
    expect(changed).toEqual(['i1'])
  })

  it('works between items whose indices tie (concurrent adds)', () => {
    const doc = newDoc()
    must(addItems(doc, [{ type: 'rect', id: 'a', index: 'a1' }, { type: 'rect', id: 'b', index: 'a1' }, { type: 'rect', id: 'c', index: 'a2' }]))
    must(reorder(doc, ['c'], 'backward'))
    expect(readItems(doc).items.map((i) => i.id)).toEqual(['a', 'c', 'b'])
  })

  it('refuses unknown ids and ops', () => {
    const { doc } = setup(2)
    expect(reorder(doc, ['zz'], 'front')).toMatchObject({ ok: false, code: 'not_found' })
    expect(reorder(doc, ['i0'], 'sideways' as ReorderOp)).toMatchObject({ ok: false, code: 'invalid_input' })
  })
})
