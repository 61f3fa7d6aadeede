// The undo of a bulk delete (issue 15): the removed items' nodes wait, parked, and go back into
// the layer as they were, in one pass, instead of React unmounting and mounting thousands of
// item components (bulkNodes.ts, nodeRegistry.ts).
import { describe, expect, it, vi } from 'vitest'
import Konva from 'konva'
import * as Y from 'yjs'
import { addItems, createUndoManager, ensureDefaultPage, removeItems, updateItems, type ItemInit } from '../../../src/doc'
import { BULK_MOVE, SceneModel } from '../../../src/canvas/items/sceneModel'
import { bulkNodes } from '../../../src/canvas/items/bulkNodes'
import { itemNodes } from '../../../src/canvas/items/nodeRegistry'

const COUNT = BULK_MOVE + 100

/** A board of COUNT rects, its scene model, and a stand-in items layer holding a node per item, bottom first. */
function board() {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const inits: ItemInit[] = Array.from({ length: COUNT }, (_, i) => ({ type: 'rect', pageId: 'page-1', x: (i % 20) * 150, y: Math.floor(i / 20) * 150, width: 100, height: 80 }))
  const r = addItems(doc, inits)
  if (!r.ok) throw new Error(r.message)
  const model = new SceneModel(doc)
  // a Konva layer needs a canvas, which Node lacks: a group stands in for it
  const layer = new Konva.Group() as unknown as Konva.Layer
  let draws = 0
  ;(layer as unknown as { batchDraw(): void }).batchDraw = () => void draws++
  const nodes = itemNodes(doc)
  for (const id of model.pageItems('page-1')) {
    const n = new Konva.Rect({ id, name: 'item' })
    layer.add(n)
    nodes.set(id, n)
  }
  model.subscribeBulk(bulkNodes(model, () => layer))
  return { doc, model, layer, ids: r.value, undo: createUndoManager(doc), draws: () => draws }
}

const children = (layer: Konva.Layer) => layer.getChildren().map((n) => n.id())
/** Registered nodes out of the layer (ItemNode registers its root node; nodeRegistry.ts). */
const parked = (doc: Y.Doc) => [...itemNodes(doc).values()].filter((n) => n.parent === null)

describe('bulkNodes: a bulk removal parks the nodes, its undo puts the same nodes back', () => {
  it('a delete of every item, then its undo: the very nodes back in the layer, in z-order, in one pass', () => {
    const { doc, model, layer, ids, undo, draws } = board()
    const before = [...layer.getChildren()]
    removeItems(doc, ids)
    expect(layer.getChildren()).toHaveLength(0)
    // still registered (their components stay mounted), out of the layer
    expect(parked(doc)).toHaveLength(COUNT)
    const drawsBefore = draws()

    // Konva's own ways of adding a child re-index every sibling per node
    const add = vi.spyOn(Konva.Container.prototype, 'add')
    const zIndex = vi.spyOn(Konva.Node.prototype, 'setZIndex')
    let calls = -1
    try {
      undo.undo()
      calls = add.mock.calls.length + zIndex.mock.calls.length
    } finally {
      add.mockRestore()
      zIndex.mockRestore()
    }
    expect(calls).toBe(0)
    const after = layer.getChildren()
    expect(after).toHaveLength(COUNT)
    after.forEach((n, i) => {
      expect(n).toBe(before[i])
      expect(n.parent).toBe(layer)
      expect(n.index).toBe(i)
    })
    expect(children(layer)).toEqual(model.pageItems('page-1'))
    expect(parked(doc)).toHaveLength(0)
    expect(itemNodes(doc).size).toBe(COUNT)
    expect(itemNodes(doc).get(ids[9]!)).toBe(before.find((n) => n.id() === ids[9]))
    expect(draws()).toBe(drawsBefore + 1)
  })

  it('items back among items that stayed go where their z-order puts them', () => {
    const { doc, model, layer, ids, undo } = board()
    const order = children(layer)
    // every fourth item stays: the others (BULK_MOVE of them) leave and come back around them
    const gone = order.filter((_, i) => i % 4 !== 0)
    expect(gone.length).toBeGreaterThanOrEqual(BULK_MOVE)
    removeItems(doc, gone)
    expect(children(layer)).toEqual(order.filter((_, i) => i % 4 === 0))
    undo.undo()
    expect(children(layer)).toEqual(order)
    expect(children(layer)).toEqual(model.pageItems('page-1'))
    expect(ids).toHaveLength(COUNT)
  })

  it('a node whose component let go of it meanwhile is not put back', () => {
    const { doc, layer, ids, undo } = board()
    removeItems(doc, ids)
    // the item component unmounted (its ref, called with null, unregisters the node: ItemNode)
    const dropped = ids[3]!
    itemNodes(doc).delete(dropped)
    undo.undo()
    expect(layer.getChildren()).toHaveLength(COUNT - 1)
    expect(children(layer)).not.toContain(dropped)
    expect(itemNodes(doc).has(dropped)).toBe(false)
  })

  it('items restyled in bulk, deleted and brought back: no item component is told (their nodes show them as they are)', () => {
    const { doc, model, layer, ids, undo } = board()
    let looks = 0
    for (const id of ids) model.subscribeItem(id, () => looks++, { skipBulkMoves: true })
    // a restyle changes the nodes behind the components' backs (their next render builds anew)
    updateItems(doc, ids.map((id) => ({ id, patch: { stroke: '#e03131' } })))
    undo.stopCapturing()
    removeItems(doc, ids)
    undo.stopCapturing()
    undo.undo()
    expect(layer.getChildren()).toHaveLength(COUNT)
    expect(layer.getChildren().every((n) => (n as Konva.Rect).stroke() === '#e03131')).toBe(true)
    // told, each would render anew and replace its node: one Konva re-index of the layer each
    expect(looks).toBe(0)

    // one that comes back different is told (its component renders what it is now)
    removeItems(doc, ids)
    undo.stopCapturing()
    doc.transact(() => {
      undo.undo()
      ;(doc.getMap('items').get(ids[5]!) as Y.Map<unknown>).set('fill', '#00ff00')
    })
    expect(looks).toBe(1)
    expect(model.get(ids[5]!)?.fill).toBe('#00ff00')
  })
})
