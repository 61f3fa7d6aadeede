import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addPage,
  createUndoManager,
  endGesture,
  listPages,
  moveItems,
  readItem,
  readItems,
  updateItems,
  editText,
  startGesture,
  ensureDefaultPage,
} from '../../../src/doc'
import { add, linkedPair, must, newDoc } from './docHelpers'

describe('undo', () => {
  it('undoes and redoes a local op as one step', () => {
    const doc = newDoc()
    const um = createUndoManager(doc)
    const [id] = add(doc, { type: 'rect' })
    um.stopCapturing()
    must(moveItems(doc, [id!], 10, 0))
    um.undo()
    expect(readItem(doc, id!)).toMatchObject({ x: 0 })
    um.undo()
    expect(readItem(doc, id!)).toBeNull()
    um.redo()
    um.redo()
    expect(readItem(doc, id!)).toMatchObject({ x: 10 })
  })

  it('reverts only local changes while remote edits interleave', () => {
    const [a, b] = linkedPair()
    const umA = createUndoManager(a)
    const [id] = add(b, { type: 'rect' })
    must(updateItems(a, [{ id: id!, patch: { fill: 'red' } }]))
    must(updateItems(b, [{ id: id!, patch: { width: 42 } }]))
    const [mine] = add(a, { type: 'ellipse' })
    must(moveItems(b, [id!], 0, 7))
    umA.undo() // everything from a within the capture window is one step
    expect(readItem(a, mine!)).toBeNull()
    expect(readItem(a, id!)).toMatchObject({ fill: 'transparent', width: 42, y: 7 })
    expect(readItem(b, id!)).toEqual(readItem(a, id!))
    expect(umA.canUndo()).toBe(false)
  })

  it('does not undo remote-only changes', () => {
    const [a, b] = linkedPair()
    const umA = createUndoManager(a)
    add(b, { type: 'rect' })
    expect(umA.canUndo()).toBe(false)
    umA.undo()
    expect(readItems(a).items).toHaveLength(1)
  })

  it('tracks pages too', () => {
    const doc = newDoc()
    const um = createUndoManager(doc)
    must(addPage(doc, 'Two'))
    expect(listPages(doc)).toHaveLength(2)
    um.undo()
    expect(listPages(doc)).toHaveLength(1)
  })

  it('a gesture is one undo step, steps before and after stay separate', () => {
    const doc = newDoc()
    const um = createUndoManager(doc)
    const [id] = add(doc, { type: 'text', text: '' })
    startGesture(um)
    for (let i = 0; i < 20; i++) must(moveItems(doc, [id!], 1, 0))
    // even if the gesture outlasts the capture timeout, it stays one step
    um.lastChange = 1
    for (let i = 0; i < 5; i++) must(editText(doc, id!, i, 0, 'x'))
    endGesture(um)
    must(moveItems(doc, [id!], 0, 100))
    expect(readItem(doc, id!)).toMatchObject({ x: 20, y: 100, text: 'xxxxx' })
    um.undo()
    expect(readItem(doc, id!)).toMatchObject({ x: 20, y: 0, text: 'xxxxx' })
    um.undo()
    expect(readItem(doc, id!)).toMatchObject({ x: 0, y: 0, text: '' })
    um.undo()
    expect(readItem(doc, id!)).toBeNull()
    expect(um.captureTimeout).toBe(500)
  })

  it('system writes (default page) are not undo steps', () => {
    const doc = new Y.Doc()
    const um = createUndoManager(doc)
    ensureDefaultPage(doc)
    expect(listPages(doc)).toHaveLength(1)
    expect(um.canUndo()).toBe(false)
  })
})
