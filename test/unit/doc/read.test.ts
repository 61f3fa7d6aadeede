import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { getItemMap, getItemText, parseItem, readItem, readItems } from '../../../src/doc'
import { add, newDoc } from './docHelpers'

/** Writes an item map the way a buggy or hostile foreign client might. */
function foreign(doc: Y.Doc, id: string, fields: Record<string, unknown>, text?: boolean): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    for (const [k, v] of Object.entries(fields)) m.set(k, v)
    if (text) m.set('text', new Y.Text('t'))
    doc.getMap('items').set(id, m)
  }, 'remote')
}

const good = {
  type: 'rect',
  pageId: 'page-1',
  x: 0,
  y: 0,
  width: 10,
  height: 10,
  rotation: 0,
  index: 'a0',
  fill: 'red',
  stroke: 'blue',
  strokeWidth: 1,
  opacity: 1,
}

describe('readers against invalid foreign data', () => {
  it('accepts a well-formed foreign item', () => {
    const doc = newDoc()
    foreign(doc, 'ok', good)
    expect(readItems(doc)).toMatchObject({ invalid: 0, items: [{ id: 'ok', type: 'rect' }] })
  })

  it.each([
    ['wrong type of a field', { ...good, x: '12' }],
    ['missing field', { ...good, width: undefined }],
    ['unknown item type', { ...good, type: 'hexagon' }],
    ['NaN', { ...good, y: Number.NaN }],
    ['negative width', { ...good, width: -3 }],
    ['opacity out of range', { ...good, opacity: 7 }],
    ['bad index', { ...good, index: '' }],
    ['line without points', { ...good, type: 'line' }],
    ['odd points', { ...good, type: 'path', points: [1, 2, 3] }],
    ['points with a string', { ...good, type: 'path', points: [1, 'x'] }],
    ['text item with a plain string text', { ...good, type: 'text', fontSize: 12, text: 'plain' }],
    ['text item without fontSize', { ...good, type: 'sticky' }],
  ])('skips and counts an item with %s', (_name, fields) => {
    const doc = newDoc()
    const [mine] = add(doc, { type: 'ellipse' })
    const f = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    foreign(doc, 'bad', f, _name === 'text item without fontSize')
    expect(() => readItems(doc)).not.toThrow()
    const r = readItems(doc)
    expect(r.invalid).toBe(1)
    expect(r.items.map((i) => i.id)).toEqual([mine])
    expect(readItem(doc, 'bad')).toBeNull()
  })

  it('skips a value that is not a Y.Map at all', () => {
    const doc = newDoc()
    doc.getMap('items').set('plain', { type: 'rect' })
    doc.getMap('items').set('num', 42)
    expect(readItems(doc)).toEqual({ items: [], invalid: 2 })
    expect(getItemMap(doc, 'plain')).toBeNull()
    expect(getItemText(doc, 'num')).toBeNull()
    expect(parseItem('num', 42)).toMatchObject({ ok: false, code: 'invalid_item' })
  })

  it('filters by page and sorts by index, ties broken by id', () => {
    const doc = newDoc()
    foreign(doc, 'b', { ...good, index: 'a1' })
    foreign(doc, 'a', { ...good, index: 'a1' })
    foreign(doc, 'c', { ...good, index: 'a0' })
    foreign(doc, 'other', { ...good, pageId: 'page-2' })
    expect(readItems(doc, 'page-1').items.map((i) => i.id)).toEqual(['c', 'a', 'b'])
    expect(readItems(doc, 'page-2').items.map((i) => i.id)).toEqual(['other'])
    expect(readItems(doc).items).toHaveLength(4)
  })

  it('drops fields that do not belong to the type', () => {
    const doc = newDoc()
    foreign(doc, 'r', { ...good, points: [0, 0], fontSize: 9 })
    const it = readItem(doc, 'r')
    expect(it).not.toBeNull()
    expect(it).not.toHaveProperty('points')
    expect(it).not.toHaveProperty('fontSize')
  })
})
