import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addItems, createUndoManager, ensureDefaultPage, moveItems, readItem, removeItems, reorder, setText, updateItems } from '../../../src/doc'
import { BULK_MOVE, SceneModel } from '../../../src/canvas/items/sceneModel'

describe('SceneModel', () => {
  it('tracks adds, moves, text edits and removals; notifies only the changed item', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [
      { type: 'rect', pageId: 'page-1', x: 0, y: 0 },
      { type: 'sticky', pageId: 'page-1', x: 5000, y: 5000 },
    ])
    if (!r.ok) throw new Error(r.message)
    const [a, s] = r.value as [string, string]
    const model = new SceneModel(doc)
    expect(model.query('page-1', { x: -10, y: -10, width: 50, height: 50 })).toEqual([a])
    const calls = { a: 0, s: 0, scene: 0 }
    model.subscribeItem(a, () => calls.a++)
    model.subscribeItem(s, () => calls.s++)
    model.subscribeScene(() => calls.scene++)

    moveItems(doc, [a], 1000, 0)
    expect(calls).toEqual({ a: 1, s: 0, scene: 1 })
    expect(model.get(a)?.x).toBe(1000)
    expect(model.query('page-1', { x: -10, y: -10, width: 50, height: 50 })).toEqual([])

    setText(doc, s, 'hello')
    expect(model.get(s)?.text).toBe('hello')
    expect(calls.s).toBe(1)

    updateItems(doc, [{ id: s, patch: { x: 1000, y: 0 } }])
    expect(model.query('page-1', { x: 990, y: -10, width: 20, height: 20 })).toEqual([a, s]) // bottom first
    reorder(doc, [a], 'front')
    expect(model.query('page-1', { x: 990, y: -10, width: 20, height: 20 })).toEqual([s, a])

    removeItems(doc, [a])
    expect(model.get(a)).toBeUndefined()
    expect(model.pageItems('page-1')).toEqual([s])
    model.destroy()
  })

  it('follows an item moved to another page', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [{ type: 'rect', pageId: 'page-1' }])
    if (!r.ok) throw new Error(r.message)
    const model = new SceneModel(doc)
    updateItems(doc, [{ id: r.value[0]!, patch: { pageId: 'page-2' } }])
    expect(model.pageItems('page-1')).toEqual([])
    expect(model.pageItems('page-2')).toEqual(r.value)
  })
})

describe('SceneModel and foreign data', () => {
  it('skips an item that fails validation instead of rendering it half-way', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [
      { type: 'rect', pageId: 'page-1', x: 0, y: 0 },
      { type: 'rect', pageId: 'page-1', x: 10, y: 10 },
    ])
    if (!r.ok) throw new Error(r.message)
    const [good, bad] = r.value as [string, string]
    const model = new SceneModel(doc)
    // another client writes garbage into one field and a half-formed item
    ;(doc.getMap('items').get(bad) as Y.Map<unknown>).set('fill', 42)
    const junk = new Y.Map<unknown>()
    doc.getMap('items').set('junk', junk)
    junk.set('type', 'banana')
    expect(model.get(good)).toBeDefined()
    expect(model.get(bad)).toBeUndefined()
    expect(model.get('junk')).toBeUndefined()
    expect(model.queryGeometric('page-1', { x: -50, y: -50, width: 200, height: 200 })).toEqual([good])
    expect(model.pageItems('page-1')).toEqual([good])
    // repaired by a later write: valid again
    ;(doc.getMap('items').get(bad) as Y.Map<unknown>).set('fill', '#fff')
    expect(model.get(bad)?.fill).toBe('#fff')
  })

  it('a transaction moving or restyling BULK_MOVE items or more goes to bulk listeners, not to the item components', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: BULK_MOVE }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: i * 10, y: 0 })))
    if (!r.ok) throw new Error(r.message)
    const ids = r.value
    const model = new SceneModel(doc)
    let looks = 0
    let plain = 0
    for (const id of ids) {
      model.subscribeItem(id, () => looks++, { skipBulkMoves: true })
      model.subscribeItem(id, () => plain++)
    }
    const calls: string[] = []
    const changed: string[] = []
    const keysSeen: string[][] = []
    /** ids the bulk listener says it could not apply: their components must re-render */
    let refuse = new Set<string>()
    model.subscribeBulk({
      changed: (m, keys) => {
        calls.push('changed')
        changed.push(...m)
        keysSeen.push([...keys(m[0]!)].sort())
        return m.filter((id) => refuse.has(id))
      },
    })

    expect(model.get(ids[3]!)?.x).toBe(30) // a validated snapshot, kept through the move
    moveItems(doc, ids, 5, 7, { author: 'Ann' })
    expect(looks).toBe(0)
    expect(plain).toBe(BULK_MOVE)
    expect(calls).toEqual(['changed'])
    expect(new Set(changed)).toEqual(new Set(ids))
    expect(keysSeen).toEqual([['updatedBy', 'x', 'y']])
    expect(model.placement(ids[3]!)).toMatchObject({ x: 35, y: 7 })
    expect(model.get(ids[3]!)).toMatchObject({ x: 35, y: 7, updatedBy: 'Ann' })
    expect(model.get(ids[4]!)).toMatchObject({ x: 45, y: 7, updatedBy: 'Ann' })
    // the components' next render builds their nodes afresh
    expect(model.generation(ids[3]!)).toBe(1)

    // fewer items moved: their components re-render as before
    changed.length = 0
    moveItems(doc, ids.slice(0, BULK_MOVE - 1), 1, 0)
    expect(looks).toBe(BULK_MOVE - 1)
    expect(changed).toEqual([])

    // a restyle of all of them: bulk too, the snapshots carry the new colour
    looks = 0
    updateItems(doc, ids.map((id) => ({ id, patch: { fill: '#ff0000', rotation: 15 } })), { author: 'Bo' })
    expect(looks).toBe(0)
    expect(new Set(changed)).toEqual(new Set(ids))
    expect(keysSeen.at(-1)).toEqual(['fill', 'rotation', 'updatedBy'])
    expect(model.get(ids[7]!)).toMatchObject({ fill: '#ff0000', rotation: 15, updatedBy: 'Bo' })
    expect(model.generation(ids[3]!)).toBe(2)

    // a look alone (colours, dash, opacity) leaves the placements as they were: not read again
    const placed = model.placement(ids[7]!)
    const paintBox = model.paintBounds(ids[7]!)
    updateItems(doc, ids.map((id) => ({ id, patch: { fill: '#0000ff', stroke: '#00aa00', opacity: 0.5, dash: 'dotted' } })))
    expect(model.placement(ids[7]!)).toBe(placed)
    expect(model.paintBounds(ids[7]!)).toBe(paintBox)
    expect(model.get(ids[7]!)).toMatchObject({ fill: '#0000ff', stroke: '#00aa00', opacity: 0.5, dash: 'dotted', rotation: 15 })
    expect(looks).toBe(0)
    expect(model.generation(ids[3]!)).toBe(3)
    updateItems(doc, ids.map((id) => ({ id, patch: { fill: '#ff0000' } })))

    // what the bulk listener could not apply re-renders, and keeps its generation
    refuse = new Set(ids.slice(0, 10))
    updateItems(doc, ids.map((id) => ({ id, patch: { stroke: '#00ff00' } })))
    expect(looks).toBe(10)
    expect(model.generation(ids[3]!)).toBe(4)
    expect(model.generation(ids[20]!)).toBe(5)

    // a resize (a big selection stretched with the box): bulk as well, the snapshots carry the size
    refuse = new Set()
    looks = 0
    changed.length = 0
    updateItems(doc, ids.map((id) => ({ id, patch: { x: 1, width: 50, height: 20, rotation: 0 } })))
    expect(looks).toBe(0)
    expect(new Set(changed)).toEqual(new Set(ids))
    expect(keysSeen.at(-1)).toEqual(['height', 'rotation', 'width', 'x'])
    expect(model.get(ids[7]!)).toMatchObject({ x: 1, width: 50, height: 20, fill: '#ff0000' })
    expect(model.bounds(ids[7]!)).toEqual({ x: 1, y: 7, width: 50, height: 20 })

    // a change beyond the shallow fields (another page) re-renders every component
    looks = 0
    changed.length = 0
    updateItems(doc, ids.map((id) => ({ id, patch: { pageId: 'page-2' } })))
    expect(looks).toBe(BULK_MOVE)
    expect(changed).toEqual([])
  })

  it('tells layout listeners (culling) of what can change what is on screen or its order, not of a restyle', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [
      { type: 'rect', pageId: 'page-1', x: 0, y: 0 },
      { type: 'rect', pageId: 'page-1', x: 500, y: 0 },
    ])
    if (!r.ok) throw new Error(r.message)
    const [a, b] = r.value as [string, string]
    const model = new SceneModel(doc)
    model.get(a)
    model.get(b)
    const all: string[][] = []
    const layout: string[][] = []
    model.subscribeScene((p) => all.push([...p]))
    model.subscribeScene((p) => layout.push([...p]), { layoutOnly: true })

    updateItems(doc, [{ id: a, patch: { fill: '#ff0000', stroke: '#00ff00', opacity: 0.5, dash: 'dashed' } }], { author: 'Ann' })
    ;(doc.getMap('items').get(b) as Y.Map<unknown>).set('x', 500) // written (by anyone), but where it already was
    expect(all).toEqual([['page-1'], ['page-1']])
    expect(layout).toEqual([])

    const steps: [string, () => void][] = [
      ['move', () => moveItems(doc, [a], 10, 0)],
      ['resize', () => updateItems(doc, [{ id: a, patch: { width: 300 } }])],
      ['thicker stroke (paints further out)', () => updateItems(doc, [{ id: a, patch: { strokeWidth: 12 } }])],
      ['reorder', () => reorder(doc, [a], 'front')],
      ['add', () => void addItems(doc, [{ type: 'rect', pageId: 'page-1' }])],
      ['remove', () => removeItems(doc, [b])],
    ]
    for (const [what, step] of steps) {
      const before = layout.length
      step()
      expect(layout.length, what).toBe(before + 1)
      expect(layout.at(-1), what).toEqual(['page-1'])
    }
    // an item that was drawn as invalid and is made valid again by a restyle may appear
    ;(doc.getMap('items').get(a) as Y.Map<unknown>).set('fill', 42)
    expect(model.get(a)).toBeUndefined()
    const before = layout.length
    updateItems(doc, [{ id: a, patch: { fill: '#123456' } }])
    expect(layout.length).toBe(before + 1)
    expect(model.get(a)?.fill).toBe('#123456')
  })

  it('a transaction removing BULK_MOVE items or more hands them to the bulk listener, not to the item components', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: BULK_MOVE + 5 }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: i * 10, y: 0 })))
    if (!r.ok) throw new Error(r.message)
    const ids = r.value
    const model = new SceneModel(doc)
    let looks = 0
    for (const id of ids) model.subscribeItem(id, () => looks++, { skipBulkMoves: true })
    const removed: string[] = []
    model.subscribeBulk({ removed: (m) => removed.push(...m) })
    const scenes: number[] = []
    model.subscribeScene(() => scenes.push(removed.length))

    removeItems(doc, ids.slice(0, 4))
    expect(looks).toBe(4)
    expect(removed).toEqual([])

    looks = 0
    removeItems(doc, ids.slice(4))
    expect(looks).toBe(0)
    expect(new Set(removed)).toEqual(new Set(ids.slice(4)))
    // the scene listeners (culling) hear of it after the nodes went
    expect(scenes.at(-1)).toBe(BULK_MOVE + 1)
    expect(model.pageItems('page-1')).toEqual([])
    // their nodes wait (parked) for an undo as their components last rendered them: not built afresh
    expect(model.generation(ids[10]!)).toBe(0)
  })

  it('an undo of a removal of BULK_MOVE items or more uses their snapshots again when they come back unchanged', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: BULK_MOVE }, (_, i) => ({ type: 'sticky' as const, pageId: 'page-1', x: i * 10, y: 0, text: `note ${i}` })))
    if (!r.ok) throw new Error(r.message)
    const ids = r.value
    const model = new SceneModel(doc)
    model.subscribeBulk({ removed: () => {} })
    const before = ids.map((id) => model.get(id))
    const undo = createUndoManager(doc)
    removeItems(doc, ids)
    undo.undo()
    expect(model.pageItems('page-1')).toHaveLength(BULK_MOVE)
    // the very snapshots from before (not parsed again), and equal to what a parse gives
    expect(model.get(ids[5]!)).toBe(before[5])
    expect(model.get(ids[5]!)).toEqual(readItem(doc, ids[5]!))
    expect(model.get(ids[5]!)?.text).toBe('note 5')

    // one that comes back different (a collaborator's item under the same id) is parsed
    removeItems(doc, ids)
    const m = new Y.Map<unknown>()
    doc.transact(() => {
      doc.getMap('items').set(ids[7]!, m)
      for (const [k, v] of Object.entries({ type: 'sticky', pageId: 'page-1', index: 'a7', x: 70, y: 0, width: 200, height: 200, rotation: 0, fill: '#00ff00', stroke: 'transparent', strokeWidth: 0, opacity: 1, fontSize: 20 })) m.set(k, v)
      m.set('text', new Y.Text('note 7'))
    })
    expect(model.get(ids[7]!)).toMatchObject({ fill: '#00ff00', text: 'note 7' })
    expect(model.get(ids[7]!)).not.toBe(before[7])
  })

  it('an undo of a removal of BULK_MOVE items or more takes their placements from before too, without reading them again', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: BULK_MOVE }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: i * 150, y: i % 7, width: 100, height: 80, rotation: i % 90 })))
    if (!r.ok) throw new Error(r.message)
    const ids = r.value
    const model = new SceneModel(doc)
    model.subscribeBulk({ removed: () => {} })
    for (const id of ids) model.get(id)
    const undo = createUndoManager(doc)
    removeItems(doc, ids)
    const counted = vi.spyOn(Y.Map.prototype, 'get')
    let duringApply = 0
    const stop = model.subscribeScene(() => void (duringApply = counted.mock.calls.length))
    try {
      undo.undo()
    } finally {
      counted.mockRestore()
      stop()
    }
    // one read per item: its map, from the items map. Each map is compared with its snapshot
    // field by field (forEach); the placement was read again as well (readPlacement: type, page,
    // index, box, rotation, stroke, points, parent: 12 reads per item)
    expect(duringApply).toBeLessThanOrEqual(BULK_MOVE)
    const fresh = new SceneModel(doc)
    expect(ids.map((id) => model.placement(id))).toEqual(ids.map((id) => fresh.placement(id)))
    expect(ids.map((id) => model.paintBounds(id))).toEqual(ids.map((id) => fresh.paintBounds(id)))
    expect(model.pageItems('page-1')).toEqual(fresh.pageItems('page-1'))
    expect(model.query('page-1', { x: 0, y: 0, width: 1000, height: 100 })).toEqual(fresh.query('page-1', { x: 0, y: 0, width: 1000, height: 100 }))
  })
})
