import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

// counts the z-order comparisons the scene index makes (the module's own function, wrapped)
const compares = vi.hoisted(() => ({ n: 0 }))
vi.mock('../../../src/doc/fractionalIndex', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../src/doc/fractionalIndex')>()
  return { ...orig, compareIndexed: (a: Parameters<typeof orig.compareIndexed>[0], b: Parameters<typeof orig.compareIndexed>[1]) => (compares.n++, orig.compareIndexed(a, b)) }
})

const { addItems, ensureDefaultPage, moveItems, removeItems, reorder, updateItems } = await import('../../../src/doc')
const { SceneModel } = await import('../../../src/canvas/items/sceneModel')

const ALL = { x: -1e6, y: -1e6, width: 2e6, height: 2e6 }

describe('SceneModel.query: the page z-order kept between queries', () => {
  it('a move or turn of every item queries the page again without sorting it; an add, removal or reorder sorts it again; the order is always a fresh model\'s', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: 1000 }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: (i % 40) * 50, y: Math.floor(i / 40) * 50 })))
    if (!r.ok) throw new Error(r.message)
    const ids = r.value
    const model = new SceneModel(doc)
    const fresh = () => new SceneModel(doc).query('page-1', ALL)
    expect(model.query('page-1', ALL)).toEqual(fresh())

    moveItems(doc, ids, 7, 3)
    updateItems(doc, ids.map((id) => ({ id, patch: { rotation: 30 } })))
    compares.n = 0
    const after = model.query('page-1', ALL)
    expect(compares.n).toBe(0)
    expect(after).toEqual(fresh())
    // a part of the page: the same order, filtered
    const part = { x: 0, y: 0, width: 600, height: 600 }
    compares.n = 0
    expect(model.query('page-1', part)).toEqual(new SceneModel(doc).query('page-1', part))

    reorder(doc, [ids[5]!], 'front')
    expect(model.query('page-1', ALL).at(-1)).toBe(ids[5])
    expect(model.query('page-1', ALL)).toEqual(fresh())
    const added = addItems(doc, [{ type: 'ellipse', pageId: 'page-1', x: 10, y: 10 }])
    if (!added.ok) throw new Error(added.message)
    expect(model.query('page-1', ALL).at(-1)).toBe(added.value[0])
    removeItems(doc, ids.slice(0, 10))
    expect(model.query('page-1', ALL)).toEqual(fresh())
    expect(model.query('page-1', ALL)).not.toContain(ids[0])
  })
})
