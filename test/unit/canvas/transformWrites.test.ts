import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, groupItems, readItem, updateItems } from '../../../src/doc'
import { SceneModel } from '../../../src/canvas/items/sceneModel'
import { transformUpdates } from '../../../src/canvas/transform/transformWrites'

function board() {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const r = addItems(doc, [
    { type: 'rect', pageId: 'page-1', x: 0, y: 0, width: 100, height: 50 },
    { type: 'rect', pageId: 'page-1', x: 200, y: 100, width: 100, height: 50 },
    { type: 'rect', pageId: 'page-1', x: 1000, y: 1000, width: 10, height: 10 },
  ])
  if (!r.ok) throw new Error(r.message)
  const [a, b, c] = r.value as [string, string, string]
  const inner = groupItems(doc, [a, b], { x: 0, y: 0, width: 300, height: 150 })
  if (!inner.ok) throw new Error(inner.message)
  const outer = groupItems(doc, [inner.value, c], { x: 0, y: 0, width: 1010, height: 1010 })
  if (!outer.ok) throw new Error(outer.message)
  return { doc, a, b, c, inner: inner.value, outer: outer.value, model: new SceneModel(doc) }
}

describe('transformUpdates: what the end of a rotation or resize writes', () => {
  it('refits the stored box of every group holding a resized member, in the same write', () => {
    const { doc, a, b, inner, outer, model } = board()
    // the box scaled the inner group's two members twice as wide and tall from its top-left corner
    const updates = transformUpdates(model, [
      { id: a, x: 0, y: 0, rotation: 0, scaleX: 2, scaleY: 2 },
      { id: b, x: 400, y: 200, rotation: 0, scaleX: 2, scaleY: 2 },
    ])
    expect(updates.map((u) => u.id).sort()).toEqual([a, b, inner, outer].sort())
    let txs = 0
    doc.on('afterTransaction', () => txs++)
    updateItems(doc, updates)
    expect(txs).toBe(1)
    expect(readItem(doc, b)).toMatchObject({ x: 400, y: 200, width: 200, height: 100 })
    // the inner group spans its members' new bounds; the outer one also its untouched member
    expect(readItem(doc, inner)).toMatchObject({ x: 0, y: 0, width: 600, height: 300 })
    expect(readItem(doc, outer)).toMatchObject({ x: 0, y: 0, width: 1010, height: 1010 })
    const moved = transformUpdates(model, [{ id: a, x: -50, y: -20, rotation: 0, scaleX: 1, scaleY: 1 }])
    updateItems(doc, moved)
    expect(readItem(doc, outer)).toMatchObject({ x: -50, y: -20, width: 1060, height: 1030 })
  })

  it('measures rotated members by their turned bounds', () => {
    const { doc, a, inner, model } = board()
    // a 100×50 box turned 90° about its top-left corner covers x -50…0, y 0…100
    updateItems(doc, transformUpdates(model, [{ id: a, x: 0, y: 0, rotation: 90, scaleX: 1, scaleY: 1 }]))
    expect(readItem(doc, a)?.rotation).toBe(90)
    const g = readItem(doc, inner)!
    expect(g.x).toBeCloseTo(-50)
    expect(g.y).toBeCloseTo(0)
    expect(g.x + g.width).toBeCloseTo(300)
    expect(g.y + g.height).toBeCloseTo(150)
  })

  it('writes nothing for groups when no member is in a group', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [{ type: 'rect', pageId: 'page-1', x: 0, y: 0, width: 100, height: 50 }])
    if (!r.ok) throw new Error(r.message)
    const model = new SceneModel(doc)
    const updates = transformUpdates(model, [{ id: r.value[0]!, x: 5, y: 5, rotation: 0, scaleX: 3, scaleY: 1 }])
    expect(updates).toEqual([{ id: r.value[0]!, patch: { x: 5, y: 5, rotation: 0, width: 300, height: 50 } }])
  })
})
