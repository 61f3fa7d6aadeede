import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addItems,
  DEFAULT_PAGE_ID,
  defaultsFor,
  duplicateItems,
  editText,
  MAX_TEXT_LENGTH,
  getItemMap,
  getItemText,
  ITEM_TYPES,
  localOrigin,
  moveItems,
  readItem,
  readItems,
  removeItems,
  setText,
  updateItems,
} from '../../../src/doc'
import { add, countTx, must, newDoc } from './docHelpers'

describe('addItems', () => {
  it('adds one item of every type with defaults, in one local transaction', () => {
    const doc = newDoc()
    const { value, count, origins } = countTx(doc, () => addItems(doc, ITEM_TYPES.map((type) => (type === 'image' ? { type, image: 'a'.repeat(64) } : { type }))))
    expect(count).toBe(1)
    expect(origins).toEqual([localOrigin])
    const ids = must(value)
    expect(ids).toHaveLength(ITEM_TYPES.length)
    const { items, invalid } = readItems(doc)
    expect(invalid).toBe(0)
    expect(items.map((i) => i.id)).toEqual(ids) // later inits land on top
    for (const it of items) {
      expect(it).toMatchObject({ ...defaultsFor(it.type), pageId: DEFAULT_PAGE_ID })
    }
  })

  it('stores items as nested Y.Maps with text as Y.Text', () => {
    const doc = newDoc()
    const [id] = add(doc, { type: 'sticky', text: 'hello', x: 5 })
    const m = doc.getMap('items').get(id!)
    expect(m).toBeInstanceOf(Y.Map)
    expect((m as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text)
    expect(readItem(doc, id!)).toMatchObject({ type: 'sticky', text: 'hello', x: 5 })
  })

  it('places new items above the top item of their page', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    const [b] = add(doc, { type: 'rect' })
    const [c, d] = add(doc, { type: 'ellipse' }, { type: 'text' })
    expect(readItems(doc).items.map((i) => i.id)).toEqual([a, b, c, d])
  })

  it('keeps a given id and index', () => {
    const doc = newDoc()
    add(doc, { type: 'rect', id: 'top', index: 'a5' })
    add(doc, { type: 'rect', id: 'low', index: 'a1' })
    expect(readItems(doc).items.map((i) => i.id)).toEqual(['low', 'top'])
  })

  it.each([
    [{ type: 'hexagon' }, 'invalid_item', 'type'],
    [{ type: 'rect', x: Number.NaN }, 'invalid_item', 'inits[1].x'],
    [{ type: 'rect', width: -1 }, 'invalid_item', 'inits[1].width'],
    [{ type: 'rect', opacity: 2 }, 'invalid_item', 'inits[1].opacity'],
    [{ type: 'line', points: [1, 2, 3] }, 'invalid_item', 'inits[1].points'],
    [{ type: 'rect', index: 'not a key' }, 'invalid_item', 'inits[1].index'],
  ])('refuses %j without a transaction', (init, code, where) => {
    const doc = newDoc()
    const { value, count } = countTx(doc, () => addItems(doc, [{ type: 'rect' }, init as never]))
    expect(count).toBe(0)
    expect(value).toMatchObject({ ok: false, code })
    if (!value.ok) expect(value.message).toContain(where)
    expect(readItems(doc).items).toHaveLength(0)
  })

  it('refuses an id that already exists', () => {
    const doc = newDoc()
    add(doc, { type: 'rect', id: 'x' })
    expect(addItems(doc, [{ type: 'rect', id: 'x' }])).toMatchObject({ ok: false, code: 'duplicate_id' })
  })
})

describe('updateItems', () => {
  it('sets several fields of several items in one transaction', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'rect' }, { type: 'line' })
    const { value, count } = countTx(doc, () =>
      updateItems(doc, [
        { id: a!, patch: { fill: '#ff0000', width: 50 } },
        { id: b!, patch: { points: [0, 0, 10, 10] } },
      ]),
    )
    expect(count).toBe(1)
    expect(must(value)).toEqual([a, b])
    expect(readItem(doc, a!)).toMatchObject({ fill: '#ff0000', width: 50 })
    expect(readItem(doc, b!)?.points).toEqual([0, 0, 10, 10])
  })

  it('writes nothing when values are unchanged', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect', x: 3 })
    expect(countTx(doc, () => updateItems(doc, [{ id: a!, patch: { x: 3 } }])).count).toBe(0)
  })

  it('refuses unknown ids, bad values, foreign fields and text without a transaction', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    const bad: [unknown, string][] = [
      [[{ id: 'nope', patch: { x: 1 } }], 'not_found'],
      [[{ id: a, patch: { x: 'left' } }], 'invalid_patch'],
      [[{ id: a, patch: { height: -5 } }], 'invalid_patch'],
      [[{ id: a, patch: { text: 'hi' } }], 'invalid_patch'],
      [[{ id: a, patch: { type: 'ellipse' } }], 'invalid_patch'],
      [[{ id: a, patch: { points: [0, 0] } }], 'invalid_patch'],
      // (fontSize is a rect's label size since labels came: CONTRACT §3)
      [[{ id: a, patch: { arrowheads: { start: 'none', end: 'arrow' } } }], 'invalid_patch'],
    ]
    for (const [updates, code] of bad) {
      const { value, count } = countTx(doc, () => updateItems(doc, updates as never))
      expect(value).toMatchObject({ ok: false, code })
      expect(count).toBe(0)
    }
  })

  it('judges the same patch written to many items by each item: a field its type lacks, a bad value among good ones', () => {
    const doc = newDoc()
    const ids = add(doc, ...Array.from({ length: 50 }, () => ({ type: 'rect' as const })), { type: 'text' })
    const rects = ids.slice(0, 50)
    const ok = updateItems(doc, rects.map((id) => ({ id: id!, patch: { stroke: '#e03131', strokeWidth: 3 } })))
    expect(ok.ok).toBe(true)
    expect(rects.every((id) => readItem(doc, id!)?.stroke === '#e03131')).toBe(true)
    // the same dash patch is fine for the rects, not for the text at the end
    const dash = countTx(doc, () => updateItems(doc, ids.map((id) => ({ id: id!, patch: { dash: 'dashed' as const } }))))
    expect(dash.value).toMatchObject({ ok: false, code: 'invalid_patch' })
    expect(dash.count).toBe(0)
    // one bad value among 49 good, equal patches
    const mixed = rects.map((id, i) => ({ id: id!, patch: { strokeWidth: i === 40 ? -1 : 4 } }))
    const bad = countTx(doc, () => updateItems(doc, mixed))
    expect(bad.value).toMatchObject({ ok: false, code: 'invalid_patch' })
    expect(bad.count).toBe(0)
  })
})

describe('moveItems', () => {
  it('moves items by a delta in one transaction', () => {
    const doc = newDoc()
    const [a, b] = add(doc, { type: 'rect', x: 1, y: 2 }, { type: 'ellipse', x: 10, y: 20 })
    const { count } = countTx(doc, () => must(moveItems(doc, [a!, b!], 5, -5)))
    expect(count).toBe(1)
    expect(readItem(doc, a!)).toMatchObject({ x: 6, y: -3 })
    expect(readItem(doc, b!)).toMatchObject({ x: 15, y: 15 })
  })

  it('refuses a missing item or a non-finite delta', () => {
    const doc = newDoc()
    const [a] = add(doc, { type: 'rect' })
    expect(moveItems(doc, [a!, 'gone'], 1, 1)).toMatchObject({ ok: false, code: 'not_found' })
    expect(moveItems(doc, [a!], Number.POSITIVE_INFINITY, 1)).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(readItem(doc, a!)).toMatchObject({ x: 0, y: 0 })
  })
})

describe('removeItems', () => {
  it('removes items in one transaction and ignores ids already gone', () => {
    const doc = newDoc()
    const [a, b, c] = add(doc, { type: 'rect' }, { type: 'rect' }, { type: 'rect' })
    const { value, count } = countTx(doc, () => removeItems(doc, [a!, 'gone', c!]))
    expect(count).toBe(1)
    expect(must(value)).toEqual([a, c])
    expect(readItems(doc).items.map((i) => i.id)).toEqual([b])
    expect(countTx(doc, () => removeItems(doc, [a!])).count).toBe(0)
  })
})

describe('duplicateItems', () => {
  it('copies with new ids, offset, above everything, keeping relative order', () => {
    const doc = newDoc()
    const [a, b, c] = add(doc, { type: 'rect', x: 0 }, { type: 'sticky', text: 'n', x: 100 }, { type: 'ellipse' })
    const { value, count } = countTx(doc, () => duplicateItems(doc, [b!, a!]))
    expect(count).toBe(1)
    const [b2, a2] = must(value)
    expect(readItems(doc).items.map((i) => i.id)).toEqual([a, b, c, a2, b2])
    expect(readItem(doc, b2!)).toMatchObject({ type: 'sticky', text: 'n', x: 116, y: 16 })
    expect(getItemText(doc, b2!)).not.toBe(getItemText(doc, b!))
    const [a3] = must(duplicateItems(doc, [a!], { x: 0, y: -4 }))
    expect(readItem(doc, a3!)).toMatchObject({ x: 0, y: -4 })
  })
})

describe('setText / editText', () => {
  it('setText replaces the text with a minimal middle edit', () => {
    const doc = newDoc()
    const [t] = add(doc, { type: 'text', text: 'hello world' })
    const ytext = getItemText(doc, t!)!
    const { count } = countTx(doc, () => must(setText(doc, t!, 'hello brave world')))
    expect(count).toBe(1)
    expect(readItem(doc, t!)?.text).toBe('hello brave world')
    // (reading e.delta runs a cleanup transaction of its own, so it is checked apart)
    const deltas: unknown[] = []
    ytext.observe((e) => deltas.push(e.delta))
    must(setText(doc, t!, 'hello world'))
    expect(deltas).toEqual([[{ retain: 6 }, { delete: 6 }]])
  })

  it('editText inserts and deletes at a position', () => {
    const doc = newDoc()
    const [t] = add(doc, { type: 'sticky', text: 'abcdef' })
    const { count } = countTx(doc, () => must(editText(doc, t!, 2, 2, 'XY')))
    expect(count).toBe(1)
    expect(readItem(doc, t!)?.text).toBe('abXYef')
  })

  it('refuses bad ranges and items without text', () => {
    const doc = newDoc()
    const [t, r] = add(doc, { type: 'text', text: 'abc' }, { type: 'rect' })
    expect(editText(doc, t!, 4, 0, 'x')).toMatchObject({ ok: false, code: 'invalid_range' })
    expect(editText(doc, t!, 2, 2, '')).toMatchObject({ ok: false, code: 'invalid_range' })
    expect(editText(doc, t!, 1.5, 0, 'x')).toMatchObject({ ok: false, code: 'invalid_range' })
    expect(setText(doc, r!, 'x')).toMatchObject({ ok: false, code: 'no_text' })
    expect(setText(doc, 'gone', 'x')).toMatchObject({ ok: false, code: 'not_found' })
    expect(readItem(doc, t!)?.text).toBe('abc')
  })

  it('a text that concurrent typing took past the limit can still be shortened, not lengthened', () => {
    const a = newDoc()
    const [t] = add(a, { type: 'text', text: 'x'.repeat(MAX_TEXT_LENGTH - 10) })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    must(editText(a, t!, 0, 0, 'a'.repeat(10)))
    must(editText(b, t!, 0, 0, 'b'.repeat(10)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(getItemText(a, t!)!.length).toBe(MAX_TEXT_LENGTH + 10)
    expect(editText(a, t!, 0, 0, 'c')).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(editText(a, t!, 0, 1, 'cc')).toMatchObject({ ok: false, code: 'invalid_input' })
    must(editText(a, t!, 0, 5, ''))
    must(editText(a, t!, 0, 2, 'z'))
    expect(getItemText(a, t!)!.length).toBe(MAX_TEXT_LENGTH + 4)
  })

  it('concurrent typing in one text merges', () => {
    const a = newDoc()
    const [t] = add(a, { type: 'text', text: 'ac' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    must(editText(a, t!, 1, 0, 'b'))
    must(editText(b, t!, 2, 0, 'd'))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readItem(a, t!)?.text).toBe('abcd')
    expect(readItem(b, t!)?.text).toBe('abcd')
  })
})

describe('concurrent field edits', () => {
  it('edits of different fields of one item both survive', () => {
    const a = newDoc()
    const [id] = add(a, { type: 'rect' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    must(updateItems(a, [{ id: id!, patch: { fill: '#00ff00' } }]))
    must(moveItems(b, [id!], 10, 0))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readItem(a, id!)).toMatchObject({ fill: '#00ff00', x: 10 })
    expect(readItem(b, id!)).toEqual(readItem(a, id!))
    expect(getItemMap(b, id!)).not.toBeNull()
  })
})
