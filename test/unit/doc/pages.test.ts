import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addPage,
  createUndoManager,
  DEFAULT_PAGE_ID,
  ensureDefaultPage,
  itemsMap,
  listPages,
  movePage,
  orphanItemIds,
  readItems,
  removePage,
  renamePage,
  sweepOrphanItems,
  systemOrigin,
} from '../../../src/doc'
import { add, countTx, must, newDoc } from './docHelpers'

/** Sends everything `from` has that `to` lacks (an offline replica reconnecting). */
function merge(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote')
}

/** A board with page-1 and a second page holding one item, and a replica of it. */
function twoReplicas(): { a: Y.Doc; b: Y.Doc; two: string; kept: string; onTwo: string } {
  const a = newDoc()
  const two = must(addPage(a, 'Two'))
  const [kept] = add(a, { type: 'rect' })
  const [onTwo] = add(a, { type: 'rect', pageId: two })
  const b = new Y.Doc()
  merge(a, b)
  return { a, b, two, kept: kept!, onTwo: onTwo! }
}

const ids = (doc: Y.Doc) => readItems(doc).items.map((i) => i.id).sort()

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

  it('concurrent removals of different pages leave none; ensureDefaultPage on both replicas converges on one page', () => {
    const { a, b, two } = twoReplicas()
    must(removePage(a, DEFAULT_PAGE_ID)) // each replica still sees two pages, so each guard allows it
    must(removePage(b, two))
    merge(a, b)
    merge(b, a)
    expect(listPages(a)).toEqual([])
    expect(listPages(b)).toEqual([])
    ensureDefaultPage(a)
    ensureDefaultPage(b)
    merge(a, b)
    merge(b, a)
    expect(listPages(a)).toEqual([{ id: DEFAULT_PAGE_ID, name: 'Page 1', index: 'a0' }])
    expect(listPages(b)).toEqual(listPages(a))
  })

  it('ensureDefaultPage ignores invalid page entries when deciding that there is no page', () => {
    const doc = new Y.Doc()
    doc.getMap('pages').set('junk', 42)
    ensureDefaultPage(doc)
    expect(listPages(doc).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID])
  })

  it('sweepOrphanItems: the replica that removed a page removes items drawn on it concurrently', () => {
    const { a, b, two, kept } = twoReplicas()
    const off = sweepOrphanItems(a)
    must(removePage(a, two))
    const [late] = add(b, { type: 'ellipse', pageId: two }) // B is offline
    const { count, origins } = countTx(a, () => merge(b, a))
    expect(count).toBe(2) // the merge, then the sweep
    expect(origins[1]).toBe(systemOrigin) // housekeeping, not an undo step of A
    expect(itemsMap(a).has(late!)).toBe(false)
    merge(a, b)
    expect(ids(a)).toEqual([kept])
    expect(ids(b)).toEqual([kept])
    expect(orphanItemIds(b)).toEqual([])
    off()
  })

  it('sweepOrphanItems: the replica that drew on a removed page removes its items when the removal arrives', () => {
    const { a, b, two, kept } = twoReplicas()
    const off = sweepOrphanItems(b)
    must(removePage(a, two))
    add(b, { type: 'ellipse', pageId: two }, { type: 'rect', pageId: DEFAULT_PAGE_ID })
    merge(a, b)
    expect(orphanItemIds(b)).toEqual([])
    expect(readItems(b, two).items).toEqual([])
    merge(b, a)
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a)).toHaveLength(2) // kept + B's rect on page-1
    expect(ids(a)).toContain(kept)
    off()
  })

  it('sweepOrphanItems leaves alone items whose page it never saw removed, and pages that came back', () => {
    const { a, b, two, onTwo } = twoReplicas()
    const off = sweepOrphanItems(b)
    // an item on a page this replica has not received yet is not an orphan to remove
    add(b, { type: 'rect', pageId: 'page-not-here-yet' })
    expect(orphanItemIds(b)).toHaveLength(1)
    // A removes page Two and undoes it: the page and its item come back, and stay
    const undo = createUndoManager(a)
    must(removePage(a, two))
    merge(a, b)
    expect(readItems(b, two).items).toEqual([])
    undo.undo()
    merge(a, b)
    expect(readItems(b, two).items.map((i) => i.id)).toEqual([onTwo])
    const [again] = add(b, { type: 'ellipse', pageId: two })
    expect(itemsMap(b).has(again!)).toBe(true)
    off()
    undo.destroy()
  })
})
