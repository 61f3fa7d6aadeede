import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { adoptLostLabel, editText, ensureLabel, getItemText, type Result } from '../../../src/doc'
import { add, newDoc } from './docHelpers'

const ok = <T>(r: Result<T>) => expect(r.ok).toBe(true)

/** A shape without a label on two docs that then go apart (offline, or simply at the same moment). */
function twoCopiesOfAShape(): { a: Y.Doc; b: Y.Doc; id: string } {
  const a = newDoc()
  const [id] = add(a, { type: 'rect', pageId: 'page-1', x: 0, y: 0, width: 200, height: 100 })
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return { a, b, id: id! }
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB, 'remote')
  Y.applyUpdate(a, toA, 'remote')
}

describe('two people starting the same first label', () => {
  it('without adoption one person’s words are lost (the case adoptLostLabel exists for)', () => {
    const { a, b, id } = twoCopiesOfAShape()
    ok(ensureLabel(a, id))
    ok(editText(a, id, 0, 0, 'Alpha'))
    ok(ensureLabel(b, id))
    ok(editText(b, id, 0, 0, 'Beta'))
    exchange(a, b)
    const text = getItemText(a, id)!.toString()
    expect(getItemText(b, id)!.toString()).toBe(text)
    expect(['Alpha', 'Beta']).toContain(text)
  })

  it('the person whose Y.Text lost adds what they typed to the kept label: both words on both sides', () => {
    const { a, b, id } = twoCopiesOfAShape()
    ok(ensureLabel(a, id))
    ok(editText(a, id, 0, 0, 'Alpha'))
    ok(ensureLabel(b, id))
    ok(editText(b, id, 0, 0, 'Beta'))
    const mine = new Map([[a, getItemText(a, id)!], [b, getItemText(b, id)!]])
    exchange(a, b)
    const kept = getItemText(a, id)!
    const loser = mine.get(a) === kept ? b : a
    const typed = loser === a ? 'Alpha' : 'Beta'
    expect(getItemText(loser, id)).not.toBe(mine.get(loser))
    ok(adoptLostLabel(loser, id, typed))
    exchange(a, b)
    const text = getItemText(a, id)!.toString()
    expect(getItemText(b, id)!.toString()).toBe(text)
    expect(text.split(' ').sort()).toEqual(['Alpha', 'Beta'])
  })

  it('adds no space after a label ending in whitespace, and nothing at all for an empty text', () => {
    const d = newDoc()
    const [id] = add(d, { type: 'ellipse', pageId: 'page-1', x: 0, y: 0, width: 100, height: 100 })
    ok(ensureLabel(d, id!))
    ok(editText(d, id!, 0, 0, 'Top\n'))
    ok(adoptLostLabel(d, id!, 'bottom'))
    ok(adoptLostLabel(d, id!, ''))
    expect(getItemText(d, id!)!.toString()).toBe('Top\nbottom')
  })

  it('refuses an item without a label', () => {
    const d = newDoc()
    const [id] = add(d, { type: 'rect', pageId: 'page-1', x: 0, y: 0, width: 100, height: 100 })
    const r = adoptLostLabel(d, id!, 'x')
    expect(r.ok).toBe(false)
  })
})
