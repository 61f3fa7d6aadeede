import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, moveItems, updateItems, type ItemInit } from '../../../src/doc'
import { SceneModel } from '../../../src/canvas/items/sceneModel'

const COUNT = 300

function board(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const inits: ItemInit[] = Array.from({ length: COUNT }, (_, i) => ({ id: `r${i}`, type: 'rect', pageId: 'page-1', x: i * 150, y: 0, width: 100, height: 80 }))
  const r = addItems(doc, inits)
  if (!r.ok) throw new Error(r.message)
  return { doc, ids: inits.map((i) => i.id!) }
}

describe('SceneModel: a move or turn of many items', () => {
  it('patches each placement from the changed fields (a dozen map reads per item before); placements equal a fresh read', () => {
    const { doc, ids } = board()
    const model = new SceneModel(doc)
    for (const id of ids) model.get(id)
    model.subscribeBulk({ changed: () => [] })
    const r0 = moveItems(doc, ids, 7, -3)
    if (!r0.ok) throw new Error(r0.message)
    const counted = vi.spyOn(Y.Map.prototype, 'get')
    let duringApply = 0
    const stop = model.subscribeScene(() => void (duringApply = counted.mock.calls.length))
    try {
      const r = updateItems(doc, ids.map((id, i) => ({ id, patch: { x: i * 150 + 20, rotation: 30 } })))
      if (!r.ok) throw new Error(r.message)
    } finally {
      counted.mockRestore()
      stop()
    }
    // per item: updateItems' own reads (type, the old values, the author) and the model's of the
    // changed fields for the placement and the snapshot — 9 here; reading the whole placement
    // again (readPlacement: type, page, index, box, rotation, stroke, points, parent) made 18
    expect(duringApply).toBeLessThanOrEqual(COUNT * 10)
    const fresh = new SceneModel(doc)
    expect(ids.map((id) => model.placement(id))).toEqual(ids.map((id) => fresh.placement(id)))
    expect(ids.map((id) => model.get(id))).toEqual(ids.map((id) => fresh.get(id)))
    expect(model.placement('r3')).toMatchObject({ x: 470, y: -3, rotation: 30 })
  })
})
