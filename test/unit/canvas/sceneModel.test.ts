import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, moveItems, removeItems, reorder, setText, updateItems } from '../../../src/doc'
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

  it('a transaction only moving BULK_MOVE items or more goes to move listeners, not to the item components; a restyle still re-renders', () => {
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
    const moved: string[] = []
    model.subscribeMoves((m) => moved.push(...m))

    expect(model.get(ids[3]!)?.x).toBe(30) // a validated snapshot, kept through the move
    moveItems(doc, ids, 5, 7, { author: 'Ann' })
    expect(looks).toBe(0)
    expect(plain).toBe(BULK_MOVE)
    expect(new Set(moved)).toEqual(new Set(ids))
    expect(model.placement(ids[3]!)).toMatchObject({ x: 35, y: 7 })
    expect(model.get(ids[3]!)).toMatchObject({ x: 35, y: 7, updatedBy: 'Ann' })
    expect(model.get(ids[4]!)).toMatchObject({ x: 45, y: 7, updatedBy: 'Ann' })

    // fewer items moved: their components re-render as before
    moved.length = 0
    moveItems(doc, ids.slice(0, BULK_MOVE - 1), 1, 0)
    expect(looks).toBe(BULK_MOVE - 1)
    expect(moved).toEqual([])

    // a change of look to all of them: every component re-renders
    looks = 0
    updateItems(doc, ids.map((id) => ({ id, patch: { fill: '#ff0000' } })))
    expect(looks).toBe(BULK_MOVE)
    expect(moved).toEqual([])
  })
})
