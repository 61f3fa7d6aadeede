import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addItems, createUndoManager, ensureDefaultPage, removeItems, updateItems, type ItemInit } from '../../../src/doc'
import { BULK_MOVE, SceneModel } from '../../../src/canvas/items/sceneModel'

/** BULK_MOVE pairs of rects with an arrow bound from one to the other, and as many pen strokes. */
function board(): { doc: Y.Doc; rects: string[]; arrows: string[]; paths: string[] } {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const inits: ItemInit[] = []
  for (let i = 0; i < BULK_MOVE; i++) {
    const y = i * 200
    inits.push({ id: `a${i}`, type: 'rect', pageId: 'page-1', x: 0, y, width: 100, height: 80 })
    inits.push({ id: `b${i}`, type: 'rect', pageId: 'page-1', x: 300, y, width: 100, height: 80 })
    inits.push({ id: `p${i}`, type: 'path', pageId: 'page-1', x: 600, y, points: [0, 0, 20, 30, 50, 10] })
  }
  for (let i = 0; i < BULK_MOVE; i++)
    inits.push({ id: `l${i}`, type: 'arrow', pageId: 'page-1', x: 100, y: i * 200 + 40, points: [0, 0, 200, 0], startBinding: { itemId: `a${i}`, anchor: [0.5, 0.5] }, endBinding: { itemId: `b${i}`, anchor: [0.5, 0.5] } })
  const r = addItems(doc, inits)
  if (!r.ok) throw new Error(r.message)
  const ids = (p: string) => Array.from({ length: BULK_MOVE }, (_, i) => `${p}${i}`)
  return { doc, rects: [...ids('a'), ...ids('b')], arrows: ids('l'), paths: ids('p') }
}

/** Every item's snapshot as a fresh model (a full parse, ends resolved) reads it. */
function fresh(doc: Y.Doc, ids: readonly string[]): unknown[] {
  const m = new SceneModel(doc)
  return ids.map((id) => m.get(id))
}

/** Every item's placement as a fresh model reads it. */
function freshPlacements(doc: Y.Doc, ids: readonly string[]): unknown[] {
  const m = new SceneModel(doc)
  return ids.map((id) => m.placement(id))
}

describe('SceneModel: big changes of bound arrows and of items drawn from points', () => {
  it('a rotation of arrows bound at both ends, with their targets, goes to the bulk listener; each snapshot equals a fresh read', () => {
    const { doc, rects, arrows, paths } = board()
    const all = [...rects, ...paths, ...arrows]
    const model = new SceneModel(doc)
    for (const id of all) model.get(id)
    let looks = 0
    for (const id of all) model.subscribeItem(id, () => looks++, { skipBulkMoves: true })
    const keysOf = new Map<string, string[]>()
    model.subscribeBulk({
      changed: (ids, keys) => {
        for (const id of ids) keysOf.set(id, [...keys(id)].sort())
        return []
      },
    })
    // a turn of everything by 90° about the origin, as the box writes it (bound arrows' stored
    // placements turn too; their ends are resolved against the turned targets)
    updateItems(doc, all.map((id) => {
      const p = model.stored(id)!
      return { id, patch: { x: -p.y, y: p.x, rotation: 90 } }
    }))
    expect(looks).toBe(0)
    expect(keysOf.size).toBe(all.length)
    // what resolving the ends sets goes to the nodes too
    expect(keysOf.get('l3')).toEqual(['height', 'points', 'rotation', 'width', 'x', 'y'])
    expect(all.map((id) => model.get(id))).toEqual(fresh(doc, all))
    expect(arrows.map((id) => model.placement(id))).toEqual(freshPlacements(doc, arrows))
  })

  it('a resize of pen strokes and bound arrows (new points) goes to the bulk listener; each snapshot equals a fresh read', () => {
    const { doc, rects, arrows, paths } = board()
    const all = [...rects, ...paths, ...arrows]
    const model = new SceneModel(doc)
    for (const id of all) model.get(id)
    let looks = 0
    for (const id of all) model.subscribeItem(id, () => looks++, { skipBulkMoves: true })
    const changed = new Set<string>()
    model.subscribeBulk({
      changed: (ids) => {
        for (const id of ids) changed.add(id)
        return []
      },
    })
    updateItems(doc, all.map((id) => {
      const p = model.stored(id)!
      return { id, patch: { x: p.x * 0.5, y: p.y * 0.5, width: p.width * 0.5, height: p.height * 0.5, ...(p.points ? { points: p.points.map((v) => v * 0.5) } : {}) } }
    }))
    expect(looks).toBe(0)
    expect(changed.size).toBe(all.length)
    expect(model.get('p7')?.points).toEqual([0, 0, 10, 15, 25, 5])
    expect(all.map((id) => model.get(id))).toEqual(fresh(doc, all))
  })

  it('bound arrows moved without their targets get ends resolved against the targets (not the old resolved points)', () => {
    const { doc, arrows } = board()
    const model = new SceneModel(doc)
    for (const id of arrows) model.get(id)
    model.subscribeBulk({ changed: () => [] })
    updateItems(doc, arrows.map((id) => ({ id, patch: { x: model.stored(id)!.x + 50 } })))
    expect(arrows.map((id) => model.get(id))).toEqual(fresh(doc, arrows))
  })

  it('the undo of a delete of bound arrows and their targets takes the arrows as stored before, neither read nor parsed again', () => {
    const { doc, rects, arrows, paths } = board()
    const all = [...rects, ...paths, ...arrows]
    const model = new SceneModel(doc)
    for (const id of all) model.get(id)
    model.subscribeBulk({ removed: () => {} })
    const undo = createUndoManager(doc)
    removeItems(doc, all)
    const reads = vi.spyOn(Y.Map.prototype, 'get')
    let count = 0
    let snapshots: unknown[]
    try {
      undo.undo()
      snapshots = all.map((id) => model.get(id))
      count = reads.mock.calls.length
    } finally {
      reads.mockRestore()
    }
    // one read per item (its map, from the items map); an arrow's placement was read again
    // (readPlacement) and its snapshot parsed whole when its component asked for it
    expect(count).toBeLessThanOrEqual(all.length)
    expect(snapshots).toEqual(fresh(doc, all))
    expect(arrows.map((id) => model.placement(id))).toEqual(freshPlacements(doc, arrows))
    const again = new SceneModel(doc)
    for (const id of ['a0', 'b7', 'a299']) expect([...model.boundArrows(id)]).toEqual([...again.boundArrows(id)])
    expect(model.pageItems('page-1')).toEqual(again.pageItems('page-1'))
  })
})
