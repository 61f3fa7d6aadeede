import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addPage,
  createUndoManager,
  DEFAULT_CAPTURE_TIMEOUT,
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

  it('a typing burst within the capture timeout is one step; a longer pause starts the next', () => {
    const doc = newDoc()
    const um = createUndoManager(doc)
    const [id] = add(doc, { type: 'sticky', text: '' })
    um.stopCapturing() // as the sticky tool does: creating the note is a step of its own
    const text = () => readItem(doc, id!)?.text
    // Y.UndoManager times edits with lib0's getUnixTime, a reference to Date.now taken at import,
    // which fake timers cannot replace; so a pause is made by moving the last edit back in time.
    const typeAfter = (pause: number, index: number, deleteCount: number, insert: string) => {
      um.lastChange -= pause
      must(editText(doc, id!, index, deleteCount, insert))
    }
    const short = DEFAULT_CAPTURE_TIMEOUT - 50 // (leaves room for the real time the test takes)
    // The timeout counts from the previous edit, not from the start of the burst: this burst
    // spans 3 × 450 ms, longer than the timeout, yet is one step. Its correction (a delete) too.
    typeAfter(0, 0, 0, 'hel')
    typeAfter(short, 3, 0, 'p')
    typeAfter(short, 3, 1, '')
    typeAfter(short, 3, 0, 'lo')
    // a pause longer than the timeout: the next burst is another step
    typeAfter(DEFAULT_CAPTURE_TIMEOUT + 1, 5, 0, ' wor')
    typeAfter(10, 9, 0, 'ld')
    typeAfter(DEFAULT_CAPTURE_TIMEOUT + 1, 11, 0, '!')
    expect(text()).toBe('hello world!')
    um.undo()
    expect(text()).toBe('hello world')
    um.undo()
    expect(text()).toBe('hello')
    um.undo()
    expect(text()).toBe('')
    um.undo()
    expect(readItem(doc, id!)).toBeNull()
    expect(um.canUndo()).toBe(false)
    // redo replays the same steps
    um.redo()
    um.redo()
    expect(text()).toBe('hello')
  })

  it('system writes (default page) are not undo steps', () => {
    const doc = new Y.Doc()
    const um = createUndoManager(doc)
    ensureDefaultPage(doc)
    expect(listPages(doc)).toHaveLength(1)
    expect(um.canUndo()).toBe(false)
  })
})
