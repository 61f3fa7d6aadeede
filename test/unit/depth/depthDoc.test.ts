import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { duplicateItems, getItemMap, groupItems, idsWithContents, parseItem, readItem, readItems, ungroupItems, updateItems } from '../../../src/doc'
import { exportScene, importScene } from '../../../src/doc/sceneJson'
import { SceneModel } from '../../../src/canvas/items/sceneModel'
import { add, countTx, linkedPair, must, newDoc } from '../doc/docHelpers'

describe('depth fields in the scene document', () => {
  it('an arrow keeps its bindings, heads and dash; a rect keeps its label, font and alignment', () => {
    const doc = newDoc()
    const [r] = add(doc, { type: 'rect', text: 'Hello', align: 'left', font: 'hand', fontSize: 18 })
    const [a] = add(doc, {
      type: 'arrow',
      startBinding: { itemId: r!, anchor: [0.5, 0.5] },
      arrowheads: { start: 'dot', end: 'bar' },
      dash: 'dashed',
    })
    expect(readItem(doc, r!)).toMatchObject({ text: 'Hello', align: 'left', font: 'hand', fontSize: 18 })
    expect(getItemMap(doc, r!)!.get('text')).toBeInstanceOf(Y.Text)
    expect(readItem(doc, a!)).toMatchObject({ startBinding: { itemId: r, anchor: [0.5, 0.5] }, arrowheads: { start: 'dot', end: 'bar' }, dash: 'dashed' })
  })

  it('fields that do not belong to a type are dropped, not stored', () => {
    const doc = newDoc()
    const [r] = add(doc, { type: 'rect', arrowheads: { start: 'arrow', end: 'arrow' } })
    expect(getItemMap(doc, r!)!.has('arrowheads')).toBe(false)
    const bad = updateItems(doc, [{ id: r!, patch: { startBinding: { itemId: 'x', anchor: [0, 0] } } }])
    expect(bad.ok).toBe(false)
  })

  it('a binding can be cleared with null, in one transaction', () => {
    const doc = newDoc()
    const [r] = add(doc, { type: 'rect' })
    const [a] = add(doc, { type: 'arrow', endBinding: { itemId: r!, anchor: [1, 1] } })
    const { count } = countTx(doc, () => must(updateItems(doc, [{ id: a!, patch: { endBinding: null } }])))
    expect(count).toBe(1)
    expect(readItem(doc, a!)!.endBinding).toBeUndefined()
  })

  it('an item with a malformed binding or font written by another client is skipped and counted', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'arrow' }, { type: 'rect' })
    doc.transact(() => {
      getItemMap(doc, a!)!.set('startBinding', { itemId: 3, anchor: 'x' })
      getItemMap(doc, b!)!.set('font', 'comic')
    })
    expect(parseItem(a!, getItemMap(doc, a!)).ok).toBe(false)
    expect(readItems(doc).invalid).toBe(2)
  })

  it('readers ignore fields they do not know', () => {
    const doc = newDoc()
    const [r] = add(doc, { type: 'rect' })
    getItemMap(doc, r!)!.set('somethingNew', { a: 1 })
    expect(readItem(doc, r!)).not.toBeNull()
  })
})

describe('groups', () => {
  it('grouping makes one group item the parent of the members, in one transaction; ungrouping frees them', () => {
    const doc = newDoc()
    const [a, b, c] = add(doc, { type: 'rect' }, { type: 'ellipse', x: 200 }, { type: 'rect', x: 500 })
    const { value, count } = countTx(doc, () => groupItems(doc, [a!, b!], { x: 0, y: 0, width: 300, height: 100 }))
    expect(count).toBe(1)
    const g = must(value)
    expect(readItem(doc, a!)!.parentId).toBe(g)
    expect(readItem(doc, b!)!.parentId).toBe(g)
    expect(readItem(doc, c!)!.parentId).toBeUndefined()
    expect(idsWithContents(doc, [g]).sort()).toEqual([a, b, g].sort())
    must(ungroupItems(doc, [g]))
    expect(readItem(doc, g)).toBeNull()
    expect(readItem(doc, a!)!.parentId).toBeUndefined()
  })

  it('a group needs two items of one page', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    expect(groupItems(doc, [a!], { x: 0, y: 0, width: 1, height: 1 }).ok).toBe(false)
    expect(groupItems(doc, [a!, 'missing'], { x: 0, y: 0, width: 1, height: 1 }).ok).toBe(false)
  })

  it('duplicating a group with its arrow keeps the copies bound and grouped to each other', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'rect' }, { type: 'rect', x: 300 })
    const [arrow] = add(doc, { type: 'arrow', startBinding: { itemId: a!, anchor: [0.5, 0.5] }, endBinding: { itemId: b!, anchor: [0.5, 0.5] } })
    const g = must(groupItems(doc, [a!, b!, arrow!], { x: 0, y: 0, width: 400, height: 100 }))
    const ids = must(duplicateItems(doc, idsWithContents(doc, [g])))
    const copies = ids.map((id) => readItem(doc, id)!)
    const gCopy = copies.find((c) => c.type === 'group')!
    const arrowCopy = copies.find((c) => c.type === 'arrow')!
    const rectCopies = copies.filter((c) => c.type === 'rect').map((c) => c.id)
    expect(rectCopies).toContain(arrowCopy.startBinding!.itemId)
    expect(rectCopies).toContain(arrowCopy.endBinding!.itemId)
    for (const c of copies) if (c.type !== 'group') expect(c.parentId).toBe(gCopy.id)
  })

  it('a merged import keeps bindings and parents pointing at the imported items', () => {
    const src = newDoc()
    const [a] = add(src, { type: 'frame', width: 500, height: 300 })
    const [r] = add(src, { type: 'rect', parentId: a! })
    add(src, { type: 'arrow', endBinding: { itemId: r!, anchor: [0.5, 0.5] } })
    const dst = newDoc()
    must(importScene(dst, exportScene(src), 'merge'))
    const items = readItems(dst).items
    const frame = items.find((i) => i.type === 'frame')!
    const rect = items.find((i) => i.type === 'rect')!
    expect(frame.id).not.toBe(a)
    expect(rect.parentId).toBe(frame.id)
    expect(items.find((i) => i.type === 'arrow')!.endBinding!.itemId).toBe(rect.id)
  })
})

describe('scene model: bound ends follow their targets', () => {
  it('an arrow bound to a shape moved by another client is re-resolved and notified', () => {
    const [mine, theirs] = linkedPair()
    const [r] = add(mine, { type: 'rect', x: 300, y: 0 })
    const [a] = add(mine, { type: 'arrow', x: 0, y: 50, points: [0, 0, 300, 0], endBinding: { itemId: r!, anchor: [0.5, 0.5] } })
    const model = new SceneModel(mine)
    const before = model.get(a!)!
    expect(before.x + before.points![2]!).toBeCloseTo(294)
    let notified = 0
    model.subscribeItem(a!, () => notified++)
    // the other person moves the rectangle down
    theirs.transact(() => getItemMap(theirs, r!)!.set('y', 400))
    expect(notified).toBe(1)
    const after = model.get(a!)!
    expect(after.y + after.height).toBeGreaterThan(390)
    expect(model.boundArrows(r!).has(a!)).toBe(true)
    // the target is deleted: the stored points are drawn again
    theirs.transact(() => theirs.getMap('items').delete(r!))
    expect(model.get(a!)!.points).toEqual([0, 0, 300, 0])
    // still indexed: when the shape comes back (someone's undo), the arrow attaches again
    expect(model.boundArrows(r!).has(a!)).toBe(true)
    model.destroy()
  })

  it('an arrow loaded before its target still resolves', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'arrow', x: 0, y: 0, points: [0, 0, 10, 0], endBinding: { itemId: 'later', anchor: [0.5, 0.5] } })
    add(doc, { type: 'rect', id: 'later', x: 500, y: 500 })
    const model = new SceneModel(doc)
    expect(model.get(a!)!.x + model.get(a!)!.width).toBeGreaterThan(400)
    model.destroy()
  })
})
