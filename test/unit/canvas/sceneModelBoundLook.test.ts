import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, moveItems, updateItems, type ItemInit } from '../../../src/doc'
import { BULK_MOVE, SceneModel } from '../../../src/canvas/items/sceneModel'
import * as bindings from '../../../src/canvas/shapes/bindings'

// counts how often bound ends are resolved (the model imports the function from this module)
vi.mock('../../../src/canvas/shapes/bindings', async (importOriginal) => {
  const m = await importOriginal<typeof bindings>()
  return { ...m, withResolvedEnds: vi.fn(m.withResolvedEnds) }
})

/** BULK_MOVE pairs of rects with an arrow bound from one to the other. */
function board(): { doc: Y.Doc; all: string[]; arrows: string[] } {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const inits: ItemInit[] = []
  for (let i = 0; i < BULK_MOVE; i++) {
    inits.push({ id: `a${i}`, type: 'rect', pageId: 'page-1', x: 0, y: i * 200, width: 100, height: 80 })
    inits.push({ id: `b${i}`, type: 'rect', pageId: 'page-1', x: 300, y: i * 200, width: 100, height: 80 })
  }
  for (let i = 0; i < BULK_MOVE; i++)
    inits.push({ id: `l${i}`, type: 'arrow', pageId: 'page-1', x: 100, y: i * 200 + 40, points: [0, 0, 200, 0], startBinding: { itemId: `a${i}`, anchor: [0.5, 0.5] }, endBinding: { itemId: `b${i}`, anchor: [0.5, 0.5] } })
  const r = addItems(doc, inits)
  if (!r.ok) throw new Error(r.message)
  return { doc, all: inits.map((i) => i.id!), arrows: inits.filter((i) => i.type === 'arrow').map((i) => i.id!) }
}

describe('SceneModel: a restyle of bound arrows', () => {
  it('patches their snapshots without resolving their ends again; placements kept, snapshots equal a fresh read', () => {
    const { doc, all, arrows } = board()
    const model = new SceneModel(doc)
    for (const id of all) model.get(id)
    const placements = arrows.map((id) => model.placement(id))
    let layout = 0
    model.subscribeScene(() => void layout++, { layoutOnly: true })
    const changed = new Set<string>()
    model.subscribeBulk({
      changed: (ids) => {
        for (const id of ids) changed.add(id)
        return []
      },
    })
    const resolved = vi.mocked(bindings.withResolvedEnds)
    resolved.mockClear()
    updateItems(doc, all.map((id) => ({ id, patch: { stroke: '#e03131', dash: 'dashed' } })))
    expect(resolved).toHaveBeenCalledTimes(0)
    expect(changed.size).toBe(all.length)
    expect(layout).toBe(0)
    expect(arrows.map((id) => model.placement(id))).toEqual(placements)
    const fresh = new SceneModel(doc)
    expect(all.map((id) => model.get(id))).toEqual(all.map((id) => fresh.get(id)))
    expect(model.get('l3')?.stroke).toBe('#e03131')
  })
})

describe('SceneModel: a move or turn of bound arrows with their targets', () => {
  it('resolves each arrow twice (its placement, its snapshot), once its targets are in place; placements and snapshots equal a fresh read', () => {
    const { doc, all, arrows } = board()
    const model = new SceneModel(doc)
    for (const id of all) model.get(id)
    model.subscribeBulk({ changed: () => [] })
    const resolved = vi.mocked(bindings.withResolvedEnds)
    resolved.mockClear()
    const r = moveItems(doc, all, 7, -3)
    if (!r.ok) throw new Error(r.message)
    // per arrow: its resolved placement and its resolved snapshot. Before, it was also read whole
    // and put (and resolved) in the first pass, before its targets had moved: 3 per arrow
    expect(resolved).toHaveBeenCalledTimes(2 * arrows.length)
    resolved.mockClear()
    const t = updateItems(doc, all.map((id, i) => ({ id, patch: { rotation: 30 + (i % 7) } })))
    if (!t.ok) throw new Error(t.message)
    expect(resolved).toHaveBeenCalledTimes(2 * arrows.length)
    const fresh = new SceneModel(doc)
    expect(all.map((id) => model.placement(id))).toEqual(all.map((id) => fresh.placement(id)))
    expect(all.map((id) => model.stored(id))).toEqual(all.map((id) => fresh.stored(id)))
    expect(all.map((id) => model.bounds(id))).toEqual(all.map((id) => fresh.bounds(id)))
    expect(all.map((id) => model.paintBounds(id))).toEqual(all.map((id) => fresh.paintBounds(id)))
    expect(all.map((id) => model.get(id))).toEqual(all.map((id) => fresh.get(id)))
    expect(model.boundArrows('a3')).toEqual(fresh.boundArrows('a3'))
  })
})
