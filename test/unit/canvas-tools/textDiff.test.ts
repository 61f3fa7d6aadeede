import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addItems, editText, ensureDefaultPage, getItemText } from '../../../src/doc'
import { diffText } from '../../../src/canvas/ui/textDiff'
import { mapIndex, mergeComposition, type TextDelta } from '../../../src/canvas/ui/textRebase'

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

/**
 * A's textarea composes with an IME while B edits the same note. `remote` collects the deltas of
 * every change A's Y.Text goes through during the composition, as the editor's observer does.
 */
function composingPair(text: string) {
  const a = new Y.Doc()
  ensureDefaultPage(a)
  const r = addItems(a, [{ type: 'sticky', text }])
  if (!r.ok) throw new Error(r.message)
  const id = r.value[0]!
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  const textA = getItemText(a, id)!
  const remote: TextDelta[] = []
  const record = (e: Y.YTextEvent) => remote.push(e.delta)
  textA.observe(record)
  const sync = () => {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  }
  return {
    /** B edits (one transaction each) and A receives it */
    remoteEdit(index: number, deleteCount: number, insert: string) {
      const res = editText(b, id, index, deleteCount, insert)
      if (!res.ok) throw new Error(res.message)
      sync()
    },
    /** compositionend in A: merge the textarea's `local` text (composed from `text`) into A's Y.Text */
    commit(local: string, caret: number) {
      textA.unobserve(record)
      const merged = mergeComposition(text, local, remote, [caret, caret])
      a.transact(() => merged.splices.forEach((s) => must(editText(a, id, s.index, s.deleteCount, s.insert))))
      sync()
      const [inA, inB] = [textA.toString(), getItemText(b, id)!.toString()]
      expect(inB).toBe(inA)
      return { text: inA, caret: merged.selection[0], splices: merged.splices }
    },
  }
}

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message)
  return r.value
}

describe('merging an IME composition with edits that arrived during it', () => {
  // A's caret is after "Hello"; the IME turns "ni hao" into 你好 there.
  const base = 'Hello world'
  const local = 'Hello你好 world'
  const caret = 7 // right after 你好

  it('keeps remote text inserted before the caret, and the caret after the composed word', () => {
    const p = composingPair(base)
    p.remoteEdit(0, 0, 'XYZ')
    const r = p.commit(local, caret)
    expect(r.text).toBe('XYZHello你好 world')
    expect(r.caret).toBe('XYZHello你好'.length)
  })

  it('keeps remote text inserted after the caret', () => {
    const p = composingPair(base)
    p.remoteEdit(base.length, 0, 'XYZ')
    const r = p.commit(local, caret)
    expect(r.text).toBe('Hello你好 worldXYZ')
    expect(r.caret).toBe(caret)
  })

  it('puts the composed word after remote text typed at the caret itself (as the caret would)', () => {
    const p = composingPair(base)
    p.remoteEdit(5, 0, 'XYZ')
    const r = p.commit(local, caret)
    expect(r.text).toBe('HelloXYZ你好 world')
    expect(r.caret).toBe('HelloXYZ你好'.length)
  })

  it('follows several remote changes, deletions included', () => {
    const p = composingPair(base)
    p.remoteEdit(0, 0, 'X') // XHello world
    p.remoteEdit(1, 2, '') // Xllo world
    p.remoteEdit(10, 0, 'Z') // Xllo worldZ
    p.remoteEdit(4, 0, 'Y') // XlloY worldZ
    expect(p.commit(local, caret)).toMatchObject({ text: 'XlloY你好 worldZ', caret: 'XlloY你好'.length })
  })

  it('a composition replacing a selection deletes only the selected characters, not text typed inside it', () => {
    const p = composingPair(base)
    p.remoteEdit(9, 0, 'XYZ') // Hello worXYZld
    const r = p.commit('Hello 世界', 8)
    expect(r.text).toBe('Hello 世界XYZ')
    expect(r.caret).toBe('Hello 世界'.length)
    // two splices, back to front: "ld" after the remote text, then "wor" replaced by 世界
    expect(r.splices).toEqual([
      { index: 12, deleteCount: 2, insert: '' },
      { index: 6, deleteCount: 3, insert: '世界' },
    ])
  })

  it('a cancelled composition changes nothing and the caret follows the remote edit', () => {
    const p = composingPair(base)
    p.remoteEdit(0, 0, 'XYZ')
    const r = p.commit(base, 5)
    expect(r).toEqual({ text: 'XYZHello world', caret: 8, splices: [] })
  })

  it('without remote changes it is the plain minimal splice', () => {
    const p = composingPair(base)
    expect(p.commit(local, caret)).toEqual({ text: local, caret, splices: [{ index: 5, deleteCount: 0, insert: '你好' }] })
  })

  it('property: each side’s edit survives, in the order each side saw it', () => {
    // Base characters are distinct lowercase letters, A composes digits, B types capitals, so the
    // merged text can be checked per character: B's capitals all stay, in B's order, among the base
    // characters A kept; A's digits all stay, in A's order, among the base characters B kept.
    const letters = 'abcdefghijklmnop'
    const edit = (...chars: string[]) => fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.string({ unit: fc.constantFrom(...chars), maxLength: 3 }) })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: letters.length }),
        edit('1', '2', '3'),
        fc.nat(),
        fc.array(edit('X', 'Y', 'Z'), { maxLength: 4 }),
        (n, mine, caretSeed, theirs) => {
          const base = letters.slice(0, n)
          const at = mine.at % (base.length + 1)
          const local = base.slice(0, at) + mine.ins + base.slice(Math.min(base.length, at + mine.del))
          const p = composingPair(base)
          let remoteText = base
          for (const t of theirs) {
            const i = t.at % (remoteText.length + 1)
            const d = Math.min(t.del, remoteText.length - i)
            p.remoteEdit(i, d, t.ins)
            remoteText = remoteText.slice(0, i) + t.ins + remoteText.slice(i + d)
          }
          const caret = caretSeed % (local.length + 1)
          const r = p.commit(local, caret)
          const keptByA = new Set(local)
          const keptByB = new Set(remoteText)
          const only = (s: string, keep: (c: string) => boolean) => [...s].filter(keep).join('')
          const isLetter = (c: string) => /[a-p]/.test(c)
          expect(only(r.text, (c) => /[A-Z]/.test(c) || (isLetter(c) && keptByA.has(c)))).toBe(only(remoteText, (c) => /[A-Z]/.test(c) || keptByA.has(c)))
          expect(only(r.text, (c) => /[0-9]/.test(c) || (isLetter(c) && keptByB.has(c)))).toBe(only(local, (c) => /[0-9]/.test(c) || keptByB.has(c)))
          // the caret keeps its place among A's own characters
          const before = (s: string, i: number) => only(s.slice(0, i), (c) => /[0-9]/.test(c) || (isLetter(c) && keptByB.has(c)))
          expect(before(r.text, r.caret)).toBe(before(local, caret))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('mapIndex', () => {
  it('moves a position through inserts and deletes, with the bias deciding ties', () => {
    const d: TextDelta = [{ retain: 2 }, { insert: 'XY' }, { delete: 3 }, { retain: 1 }]
    expect(mapIndex(1, d, 'right')).toBe(1)
    expect(mapIndex(2, d, 'left')).toBe(2)
    expect(mapIndex(2, d, 'right')).toBe(4)
    expect(mapIndex(3, d, 'left')).toBe(4) // a deleted position lands where the deletion was
    expect(mapIndex(5, d, 'left')).toBe(4)
    expect(mapIndex(7, d, 'left')).toBe(6) // past the delta: implicitly retained
  })
})
