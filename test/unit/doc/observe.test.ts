import * as Y from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import {
  addItems,
  createUndoManager,
  editText,
  moveItems,
  observeItems,
  removeItems,
  updateItems,
  type ItemChanges,
} from '../../../src/doc'
import { add, must, newDoc } from './docHelpers'

function record(doc: Y.Doc): { log: ItemChanges[]; stop: () => void } {
  const log: ItemChanges[] = []
  const stop = observeItems(doc, (c) => log.push({ ...c, added: [...c.added].sort(), updated: [...c.updated].sort() }))
  return { log, stop }
}

describe('observeItems', () => {
  it('reports exactly the touched ids per transaction', () => {
    const doc = newDoc()
    const [a, b, c] = add(doc, { type: 'rect' }, { type: 'text', text: 'x' }, { type: 'rect' })
    const { log, stop } = record(doc)
    const [d] = must(addItems(doc, [{ type: 'ellipse' }]))
    must(moveItems(doc, [a!], 1, 1))
    must(editText(doc, b!, 0, 0, 'y'))
    must(updateItems(doc, [{ id: c!, patch: { fill: 'red' } }]))
    must(removeItems(doc, [a!, d!]))
    // movedOnly: the updated ids whose change was a move (x/y) and nothing else
    // changedKeys: the top-level fields of each updated id (not for text typed: a nested change)
    const none = new Set<string>()
    const noKeys = new Map<string, ReadonlySet<string>>()
    expect(log).toEqual([
      { added: [d], updated: [], removed: [], local: true, movedOnly: none, changedKeys: noKeys },
      { added: [], updated: [a], removed: [], local: true, movedOnly: new Set([a]), changedKeys: new Map([[a, new Set(['x', 'y'])]]) },
      { added: [], updated: [b], removed: [], local: true, movedOnly: none, changedKeys: noKeys },
      { added: [], updated: [c], removed: [], local: true, movedOnly: none, changedKeys: new Map([[c, new Set(['fill'])]]) },
      { added: [], updated: [], removed: [a, d], local: true, movedOnly: none, changedKeys: noKeys },
    ])
    stop()
    must(moveItems(doc, [b!], 1, 1))
    expect(log).toHaveLength(5)
  })

  it('tells a move from a change of look, also when both happen in one transaction', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'rect' }, { type: 'rect' })
    const { log } = record(doc)
    doc.transact(() => {
      must(moveItems(doc, [a!, b!], 3, 4))
      must(updateItems(doc, [{ id: b!, patch: { stroke: '#ff0000' } }]))
    })
    expect(log).toHaveLength(1)
    expect(log[0]!.updated).toEqual([a, b].sort())
    expect(log[0]!.movedOnly).toEqual(new Set([a]))
    expect(log[0]!.changedKeys).toEqual(new Map([[a, new Set(['x', 'y'])], [b, new Set(['x', 'y', 'stroke'])]]))
  })

  it('marks remote changes as not local, and undo as local', () => {
    const a = newDoc()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const { log } = record(a)
    const [id] = add(b, { type: 'rect' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'remote')
    expect(log).toEqual([{ added: [id], updated: [], removed: [], local: false, movedOnly: new Set(), changedKeys: new Map() }])
    const um = createUndoManager(a)
    must(moveItems(a, [id!], 5, 5))
    um.undo()
    expect(log.slice(1).map((c) => [c.updated, c.local])).toEqual([
      [[id], true],
      [[id], true],
    ])
  })

  it('shares one deep observer of the items map between its listeners, each told of every transaction', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    const observe = vi.spyOn(Y.AbstractType.prototype, 'observeDeep')
    const unobserve = vi.spyOn(Y.AbstractType.prototype, 'unobserveDeep')
    try {
      const logs: string[][] = [[], [], []]
      const stops = logs.map((log) => observeItems(doc, (c) => log.push(...c.updated)))
      // before: one deep observer per listener, each walking every event of the transaction
      expect(observe).toHaveBeenCalledTimes(1)
      must(moveItems(doc, [a!], 1, 1))
      expect(logs).toEqual([[a], [a], [a]])
      stops[1]!()
      must(moveItems(doc, [a!], 1, 1))
      expect(logs).toEqual([[a, a], [a], [a, a]])
      expect(unobserve).not.toHaveBeenCalled()
      stops[0]!()
      stops[2]!()
      expect(unobserve).toHaveBeenCalledTimes(1)
      must(moveItems(doc, [a!], 1, 1))
      expect(logs).toEqual([[a, a], [a], [a, a]])
      const { log, stop } = record(doc)
      must(moveItems(doc, [a!], 1, 1))
      expect(log.map((c) => c.updated)).toEqual([[a]])
      expect(observe).toHaveBeenCalledTimes(2)
      stop()
    } finally {
      observe.mockRestore()
      unobserve.mockRestore()
    }
  })

  it('tells every listener even when one of them throws, then throws', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    const told: string[] = []
    const stops = [
      observeItems(doc, () => {
        throw new Error('boom')
      }),
      observeItems(doc, (c) => told.push(...c.updated)),
    ]
    expect(() => moveItems(doc, [a!], 1, 1)).toThrow('boom')
    expect(told).toEqual([a])
    for (const stop of stops) stop()
  })
})
