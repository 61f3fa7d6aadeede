import { describe, expect, it } from 'vitest'
import { createUndoManager, editText, moveItems, readItem, removeItems, undoNotice, updateItems } from '../../../src/doc'
import { add, linkedPair, must } from './docHelpers'

describe('undo in company', () => {
  it('A’s undo of a move that B has since overwritten changes nothing and keeps the item (the issue’s row)', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(a, { type: 'rect', x: 0, y: 0 })
    um.stopCapturing()
    must(moveItems(a, [id!], 50, 50)) // A drags it
    must(moveItems(b, [id!], 100, 0)) // then B drags it
    um.undo()
    expect(um.lastOutcome).toEqual({ popped: true, skipped: true, kept: 0 })
    expect(undoNotice(um.lastOutcome, 'Undo')).toMatch(/skipped/)
    expect(readItem(a, id!)).toMatchObject({ x: 150, y: 50 })
    expect(readItem(b, id!)).toMatchObject({ x: 150, y: 50 })
  })

  it('undoing the creation of an item someone else has since moved keeps the item and their move', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(a, { type: 'rect', x: 0, y: 0, fill: 'red' })
    um.stopCapturing()
    must(moveItems(a, [id!], 50, 50))
    must(moveItems(b, [id!], 100, 0))
    um.undo() // A's move: skipped
    um.undo() // A's creation: the item shows B's work, so it stays, whole
    expect(um.lastOutcome).toEqual({ popped: true, skipped: true, kept: 1 })
    expect(undoNotice(um.lastOutcome, 'Undo')).toMatch(/kept 1 item/)
    expect(readItem(b, id!)).toMatchObject({ x: 150, y: 50, fill: 'red', width: expect.any(Number) })
    expect(um.canUndo()).toBe(false)
  })

  it('undoing a creation still removes an item nobody else touched, and the other items of the step', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [mine, theirs] = add(a, { type: 'rect' }, { type: 'ellipse' })
    must(updateItems(b, [{ id: theirs!, patch: { stroke: 'blue' } }]))
    um.undo()
    expect(readItem(b, mine!)).toBeNull()
    expect(readItem(b, theirs!)).toMatchObject({ stroke: 'blue' })
    expect(um.lastOutcome).toEqual({ popped: true, skipped: false, kept: 1 })
  })

  it('text someone else typed into my new sticky keeps it from being deleted by my undo', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(a, { type: 'sticky', text: '' })
    must(editText(b, id!, 0, 0, 'hi from B'))
    um.undo()
    expect(readItem(a, id!)).toMatchObject({ text: 'hi from B' })
  })

  it('a step that is partly overwritten reverts only my fields', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(b, { type: 'rect', fill: 'white', stroke: 'black' })
    must(updateItems(a, [{ id: id!, patch: { fill: 'red', stroke: 'red' } }]))
    must(updateItems(b, [{ id: id!, patch: { fill: 'green' } }]))
    um.undo()
    expect(readItem(a, id!)).toMatchObject({ fill: 'green', stroke: 'black' })
    expect(um.lastOutcome.skipped).toBe(false)
  })

  it('one Ctrl+Z is one step: an older step is not reached through a skipped one', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(a, { type: 'rect', fill: 'white' })
    um.stopCapturing()
    must(updateItems(a, [{ id: id!, patch: { fill: 'red' } }]))
    um.stopCapturing()
    must(updateItems(a, [{ id: id!, patch: { stroke: 'red' } }]))
    must(updateItems(b, [{ id: id!, patch: { stroke: 'blue' } }]))
    um.undo()
    expect(readItem(a, id!)).toMatchObject({ fill: 'red', stroke: 'blue' })
    um.undo()
    expect(readItem(a, id!)).toMatchObject({ fill: 'white', stroke: 'blue' })
  })

  it('redo of my removal leaves an item others changed after my undo', () => {
    const [a, b] = linkedPair()
    const um = createUndoManager(a)
    const [id] = add(b, { type: 'rect' })
    must(removeItems(a, [id!]))
    um.undo()
    expect(readItem(b, id!)).not.toBeNull()
    must(updateItems(b, [{ id: id!, patch: { fill: 'gold' } }]))
    um.redo()
    expect(readItem(a, id!)).toMatchObject({ fill: 'gold' })
    expect(um.lastOutcome.kept).toBe(1)
  })
})
