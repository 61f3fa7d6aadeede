import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addPage,
  DEFAULT_PAGE_ID,
  ensureDefaultPage,
  listPages,
  movePage,
  readItems,
  removePage,
  renamePage,
} from '../../../src/doc'
import { add, countTx, must, newDoc } from './docHelpers'

describe('pages', () => {
  it('ensureDefaultPage creates page-1 once, and concurrent creation converges', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    ensureDefaultPage(a)
    ensureDefaultPage(a)
    ensureDefaultPage(b)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(listPages(a)).toEqual([{ id: DEFAULT_PAGE_ID, name: 'Page 1', index: 'a0' }])
    expect(listPages(b)).toEqual(listPages(a))
    const c = newDoc()
    must(addPage(c, 'Other'))
    expect(countTx(c, () => ensureDefaultPage(c)).count).toBe(0)
  })

  it('adds pages at the end with a default name, in one transaction', () => {
    const doc = newDoc()
    const { value, count } = countTx(doc, () => addPage(doc))
    expect(count).toBe(1)
    const id = must(value)
    must(addPage(doc, '  Ideas  '))
    expect(listPages(doc).map((p) => p.name)).toEqual(['Page 1', 'Page 2', 'Ideas'])
    expect(listPages(doc)[1]!.id).toBe(id)
  })

  it('renames and validates names', () => {
    const doc = newDoc()
    must(renamePage(doc, DEFAULT_PAGE_ID, 'Main'))
    expect(listPages(doc)[0]!.name).toBe('Main')
    expect(renamePage(doc, DEFAULT_PAGE_ID, '   ')).toMatchObject({ ok: false, code: 'invalid_name' })
    expect(renamePage(doc, 'nope', 'x')).toMatchObject({ ok: false, code: 'not_found' })
    expect(addPage(doc, 'x'.repeat(500))).toMatchObject({ ok: false, code: 'invalid_name' })
  })

  it('removing a page removes its items in the same transaction', () => {
    const doc = newDoc()
    const p2 = must(addPage(doc, 'Two'))
    const [keep] = add(doc, { type: 'rect' })
    add(doc, { type: 'rect', pageId: p2 }, { type: 'sticky', pageId: p2 })
    const { count } = countTx(doc, () => must(removePage(doc, p2)))
    expect(count).toBe(1)
    expect(listPages(doc).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID])
    expect(readItems(doc).items.map((i) => i.id)).toEqual([keep])
  })

  it('refuses to remove the last page', () => {
    const doc = newDoc()
    const { value, count } = countTx(doc, () => removePage(doc, DEFAULT_PAGE_ID))
    expect(value).toMatchObject({ ok: false, code: 'last_page' })
    expect(count).toBe(0)
    expect(removePage(doc, 'nope')).toMatchObject({ ok: false, code: 'not_found' })
  })

  it('moves a page to a position', () => {
    const doc = newDoc()
    const b = must(addPage(doc, 'B'))
    const c = must(addPage(doc, 'C'))
    must(movePage(doc, c, 0))
    expect(listPages(doc).map((p) => p.id)).toEqual([c, DEFAULT_PAGE_ID, b])
    must(movePage(doc, c, 99))
    expect(listPages(doc).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID, b, c])
    must(movePage(doc, DEFAULT_PAGE_ID, 1))
    expect(listPages(doc).map((p) => p.id)).toEqual([b, DEFAULT_PAGE_ID, c])
    expect(movePage(doc, c, 0.5)).toMatchObject({ ok: false, code: 'invalid_position' })
  })

  it('moves a page between two pages whose keys tie', () => {
    const doc = newDoc()
    const pages = doc.getMap('pages')
    for (const id of ['x', 'y']) {
      const m = new Y.Map<unknown>()
      m.set('name', id)
      m.set('index', 'a5')
      pages.set(id, m)
    }
    const z = must(addPage(doc, 'z'))
    must(movePage(doc, z, 2))
    expect(listPages(doc).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID, 'x', z, 'y'])
  })
})
