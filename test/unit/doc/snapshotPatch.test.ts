import { describe, expect, it } from 'vitest'
import { getItemMap, patchSnapshot, readItem, type Item } from '../../../src/doc'
import { add, newDoc } from './docHelpers'

/** Writes `fields` straight to the item's map (as any client could) and returns the patched snapshot and a full parse. */
function change(type: Item['type'], fields: Record<string, unknown>, init: Record<string, unknown> = {}) {
  const doc = newDoc()
  const [id] = add(doc, { type, ...init } as Parameters<typeof add>[1])
  const before = readItem(doc, id!)!
  const m = getItemMap(doc, id!)!
  doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) m.delete(k)
      else m.set(k, v)
    }
  })
  return { patched: patchSnapshot(before, Object.keys(fields), (k) => m.get(k)), full: readItem(doc, id!) }
}

describe('patchSnapshot: a shallow change carried into a validated snapshot', () => {
  it('gives what a full parse gives for a restyle, a rotation, a move and attribution', () => {
    const r = change('rect', { fill: '#ff0000', stroke: '#00ff00', strokeWidth: 4, rotation: 30, x: 5, y: -7, opacity: 0.5, updatedBy: 'Ada' })
    expect(r.full).not.toBeNull()
    expect(r.patched).toEqual(r.full)
    expect(r.patched).toMatchObject({ fill: '#ff0000', rotation: 30, updatedBy: 'Ada' })
  })

  it('gives what a full parse gives for a resize (box and font size)', () => {
    const box = change('ellipse', { x: 3, y: 4, width: 250, height: 80, rotation: 0, updatedBy: 'Ada' })
    expect(box.full).not.toBeNull()
    expect(box.patched).toEqual(box.full)
    expect(box.patched).toMatchObject({ width: 250, height: 80 })
    const text = change('text', { width: 300, height: 60, fontSize: 31.5 }, { text: 'hi', fontSize: 24 })
    expect(text.full).not.toBeNull()
    expect(text.patched).toEqual(text.full)
    expect(text.patched).toMatchObject({ width: 300, fontSize: 31.5 })
  })

  it('leaves a font size on a type whose snapshot has none to the full parse', () => {
    const r = change('rect', { fontSize: 20 })
    expect(r.patched).toBeNull()
  })

  it('clears an optional field removed or set to null, and drops a depth field the type does not carry', () => {
    const cleared = change('rect', { dash: null, updatedBy: undefined }, { dash: 'dashed', updatedBy: 'Ada' })
    expect(cleared.patched).toEqual(cleared.full)
    expect(cleared.patched).not.toHaveProperty('dash')
    expect(cleared.patched).not.toHaveProperty('updatedBy')
    // texts have no dash: the full parse leaves it out, so does the patch
    const text = change('text', { dash: 'dotted', fill: '#123456' }, { text: 'hi' })
    expect(text.full).not.toBeNull()
    expect(text.patched).toEqual(text.full)
    expect(text.patched).not.toHaveProperty('dash')
  })

  it('refuses (null: parse it whole) a bad value, a removed required field, or a field beyond the shallow ones', () => {
    expect(change('rect', { strokeWidth: -1 }).patched).toBeNull()
    expect(change('rect', { opacity: 2 }).patched).toBeNull()
    expect(change('rect', { fill: { evil: true } }).patched).toBeNull()
    expect(change('rect', { x: Number.NaN }).patched).toBeNull()
    expect(change('rect', { fill: undefined }).patched).toBeNull()
    expect(change('rect', { updatedBy: null }).patched).toBeNull()
    expect(change('rect', { index: 'a5' }).patched).toBeNull()
    expect(change('rect', { width: -10 }).patched).toBeNull()
    expect(change('rect', { height: undefined }).patched).toBeNull()
    expect(change('text', { fontSize: 0 }, { text: 'hi' }).patched).toBeNull()
    expect(change('text', { fontSize: undefined }, { text: 'hi' }).patched).toBeNull()
    expect(change('rect', { pageId: 'elsewhere' }).patched).toBeNull()
    // and a bad value is refused every time, not just the first (the verdicts are remembered)
    expect(change('ellipse', { strokeWidth: -1 }).patched).toBeNull()
  })
})
