import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, editText, ensureDefaultPage, getItemText } from '../../../src/doc'
import { diffText } from '../../../src/canvas/ui/textDiff'

const apply = (s: string, d: ReturnType<typeof diffText>) => (d ? s.slice(0, d.index) + d.insert + s.slice(d.index + d.deleteCount) : s)

describe('diffText', () => {
  it('finds a single insertion, deletion and replacement', () => {
    expect(diffText('helo', 'hello')).toEqual({ index: 3, deleteCount: 0, insert: 'l' })
    expect(diffText('hello', 'hllo')).toEqual({ index: 1, deleteCount: 1, insert: '' })
    expect(diffText('the cat sat', 'the dog sat')).toEqual({ index: 4, deleteCount: 3, insert: 'dog' })
    expect(diffText('same', 'same')).toBeNull()
  })

  it('does not split surrogate pairs', () => {
    const d = diffText('a😀b', 'a😃b')!
    expect(d.insert).toBe('😃')
    expect(d.deleteCount).toBe(2)
  })

  it('property: applying the splice turns before into after, and the splice is minimal', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const d = diffText(a, b)
        expect(apply(a, d)).toBe(b)
        if (d) expect(d.deleteCount + d.insert.length).toBeLessThanOrEqual(a.length + b.length)
      }),
    )
  })
})

describe('two people typing in one text through minimal splices', () => {
  it('keeps both people’s characters', () => {
    const a = new Y.Doc()
    ensureDefaultPage(a)
    const r = addItems(a, [{ type: 'sticky', text: 'Hello world' }])
    if (!r.ok) throw new Error(r.message)
    const id = r.value[0]!
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))

    // each textarea edits its own copy, then sends the splice (concurrently, before syncing)
    const typeInto = (doc: Y.Doc, after: string) => {
      const before = getItemText(doc, id)!.toString()
      const d = diffText(before, after)!
      editText(doc, id, d.index, d.deleteCount, d.insert)
    }
    typeInto(a, 'Hello brave world')
    typeInto(b, 'Hello world!!')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(getItemText(a, id)!.toString()).toBe('Hello brave world!!')
    expect(getItemText(b, id)!.toString()).toBe('Hello brave world!!')
  })

  it('a relative caret position survives a remote insertion before it', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, [{ type: 'text', text: 'abc' }])
    if (!r.ok) throw new Error(r.message)
    const t = getItemText(doc, r.value[0]!)!
    const caret = Y.createRelativePositionFromTypeIndex(t, 2) // between b and c
    t.insert(0, 'XYZ')
    expect(Y.createAbsolutePositionFromRelativePosition(caret, doc)!.index).toBe(5)
  })
})
