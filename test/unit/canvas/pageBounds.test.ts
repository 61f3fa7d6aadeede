import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, addPage, ensureDefaultPage, groupItems, moveItems, readItems } from '../../../src/doc'
import { SceneModel } from '../../../src/canvas/items/sceneModel'

describe('zoom to fit bounds of a page (SceneModel.pageBounds)', () => {
  it('equal the union of the validated items, follow moves, leave out other pages, and are null for an empty page', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [
      { type: 'rect', pageId: 'page-1', x: -100, y: 20, width: 50, height: 40, rotation: 30 },
      { type: 'ellipse', pageId: 'page-1', x: 300, y: -80, width: 60, height: 60 },
      { type: 'path', pageId: 'page-1', x: 10, y: 400, points: [0, 0, 40, 25, 90, -30] },
      { type: 'sticky', pageId: 'page-1', x: 120, y: 120, text: 'note' },
    ])
    if (!r.ok) throw new Error(r.message)
    const [rect, , , sticky] = r.value as [string, string, string, string]
    const arrow = addItems(doc, [{ type: 'arrow', pageId: 'page-1', x: 0, y: 0, points: [0, 0, 10, 10], startBinding: { itemId: rect, anchor: [0.5, 0.5] }, endBinding: { itemId: sticky, anchor: [0.5, 0.5] } }])
    if (!arrow.ok) throw new Error(arrow.message)
    const grouped = groupItems(doc, [rect, sticky], { x: -5000, y: -5000, width: 10, height: 10 }) // a group's own box is not drawn: left out
    if (!grouped.ok) throw new Error(grouped.message)
    const other = addPage(doc, 'Other')
    if (!other.ok) throw new Error(other.message)
    addItems(doc, [{ type: 'rect', pageId: other.value, x: 90_000, y: 90_000 }])
    const model = new SceneModel(doc)
    // the tightest box holding every drawn item of the page as the canvas places it (a bound
    // arrow with its resolved ends), not the group's own box, not the other page's item
    const tight = () => {
      const boxes = readItems(doc, 'page-1').items.filter((it) => it.type !== 'group').map((it) => model.bounds(it.id)!)
      const x = Math.min(...boxes.map((b) => b.x)), y = Math.min(...boxes.map((b) => b.y))
      return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y }
    }
    expect(model.pageBounds('page-1')).toEqual(tight())
    expect(model.pageBounds('page-1')!.x).toBeGreaterThan(-200)
    moveItems(doc, [sticky], 2000, 500) // the bound arrow's end follows it
    expect(model.pageBounds('page-1')).toEqual(tight())
    expect(model.pageBounds('page-1')!.x + model.pageBounds('page-1')!.width).toBeGreaterThan(2000)
    expect(model.pageBounds(other.value)).toEqual({ x: 90_000, y: 90_000, width: expect.any(Number), height: expect.any(Number) })
    expect(model.pageBounds('no-such-page')).toBeNull()
  })
})
