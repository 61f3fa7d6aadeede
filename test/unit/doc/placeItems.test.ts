import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { placeItems, readItem } from '../../../src/doc'
import { add, must, newDoc } from './docHelpers'

/** Two replicas whose updates wait in queues until delivered. */
function pair() {
  const a = newDoc()
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  const toB: Uint8Array[] = []
  const toA: Uint8Array[] = []
  a.on('update', (u: Uint8Array, o: unknown) => o !== 'net' && toB.push(u))
  b.on('update', (u: Uint8Array, o: unknown) => o !== 'net' && toA.push(u))
  const deliver = () => {
    for (const u of toB.splice(0)) Y.applyUpdate(b, u, 'net')
    for (const u of toA.splice(0)) Y.applyUpdate(a, u, 'net')
  }
  return { a, b, deliver }
}

describe('placeItems (drag writes)', () => {
  it('concurrent drags, one only in x and one only in y, end under one pointer, not at the sum', () => {
    for (const deliverMidway of [false, true]) {
      const { a, b, deliver } = pair()
      const [id] = add(a, { type: 'rect', x: 0, y: 0 })
      deliver()
      // each drag writes its position several times (10 Hz), start + delta
      for (let step = 1; step <= 5; step++) {
        must(placeItems(a, [{ id: id!, x: step * 20, y: 0 }]))
        must(placeItems(b, [{ id: id!, x: 0, y: step * 30 }]))
        if (deliverMidway && step === 2) deliver()
      }
      deliver()
      const ends = [readItem(a, id!), readItem(b, id!)].map((it) => [it!.x, it!.y])
      expect(ends[0]).toEqual(ends[1])
      expect([[100, 0], [0, 150]]).toContainEqual(ends[0])
    }
  })

  it('writes x and y together and skips items that are gone; bad numbers are refused', () => {
    const doc = newDoc()
    const [id] = add(doc, { type: 'rect', x: 5, y: 5 })
    const writes: string[] = []
    doc.getMap('items').observeDeep((evs) => evs.forEach((e) => writes.push(...(e as Y.YMapEvent<unknown>).keysChanged)))
    expect(must(placeItems(doc, [{ id: id!, x: 9, y: 5 }, { id: 'gone', x: 1, y: 1 }]))).toEqual([id])
    expect(writes.sort()).toEqual(['x', 'y'])
    expect(placeItems(doc, [{ id: id!, x: Number.NaN, y: 0 }]).ok).toBe(false)
    expect(readItem(doc, id!)).toMatchObject({ x: 9, y: 5 })
  })
})
