import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  addItems,
  addPage,
  createUndoManager,
  DEFAULT_PAGE_ID,
  ensureDefaultPage,
  listPages,
  readItem,
  readItems,
  removeItems,
  removePage,
  updateItems,
} from '../../../src/doc'
import { runAction, type ActionContext } from '../../../src/canvas/actions'
import { createEditorStore } from '../../../src/canvas/state/editorStore'
import { keepPageValid } from '../../../src/canvas/state/pageGuard'
import { existingIds, pruneSelection, watchSelection } from '../../../src/canvas/state/selectionPrune'

// The editor's local state against deletions made by someone else: a collaborator (B, a second
// replica whose updates arrive with a 'remote' origin) deletes items or pages this editor (A) uses.

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message)
  return r.value
}

/** Sends everything `from` has that `to` lacks. */
function merge(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote')
}

/** A's editor on a board with three rects and an unselected line on top; B is a replica. */
function setup() {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  const ids = must(
    addItems(doc, [
      { type: 'rect', x: 0, y: 0 },
      { type: 'ellipse', x: 200, y: 0 },
      { type: 'rect', x: 400, y: 0 },
      { type: 'line', x: 0, y: 300 },
    ]),
  ) as [string, string, string, string]
  const store = createEditorStore()
  const undo = createUndoManager(doc)
  const ctx: ActionContext = { doc, store, undo }
  const b = new Y.Doc()
  merge(doc, b)
  /** B deletes `id` and the deletion reaches A. */
  const remoteDelete = (id: string) => {
    must(removeItems(b, [id]))
    merge(b, doc)
  }
  return { doc, store, ctx, b, ids, remoteDelete }
}

describe('selection vs. remote deletes', () => {
  it('watchSelection drops selected ids when a collaborator deletes their items', () => {
    const { doc, store, ids, remoteDelete } = setup()
    const off = watchSelection(doc, store)
    store.setSelection(ids.slice(0, 3))
    remoteDelete(ids[0])
    expect(store.get().selection).toEqual([ids[1], ids[2]])
    off()
  })

  it('watchSelection drops items moved to another page, and leaves the selection alone otherwise', () => {
    const { doc, store, b, ids, remoteDelete } = setup()
    const off = watchSelection(doc, store)
    store.setSelection([ids[0], ids[1]])
    const before = store.get().selection
    // an unselected item is deleted, a selected one is edited: same selection array
    remoteDelete(ids[3])
    must(updateItems(b, [{ id: ids[0], patch: { x: 50 } }]))
    merge(b, doc)
    expect(store.get().selection).toBe(before)
    const other = must(addPage(b, 'Other'))
    must(updateItems(b, [{ id: ids[1], patch: { pageId: other } }]))
    merge(b, doc)
    expect(store.get().selection).toEqual([ids[0]])
    off()
  })

  it('watchSelection also prunes on this user’s own undo', () => {
    const { doc, store, ctx } = setup()
    const off = watchSelection(doc, store)
    ctx.undo.clear()
    const [fresh] = must(addItems(doc, [{ type: 'sticky' }]))
    store.setSelection([fresh!])
    ctx.undo.undo() // removes the sticky (not through the undo action, which prunes by itself)
    expect(store.get().selection).toEqual([])
    off()
  })

  it('watchSelection reads no field of selected items whose change leaves their page and lock alone', () => {
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const ids = must(addItems(doc, Array.from({ length: 300 }, (_, i) => ({ type: 'rect' as const, pageId: DEFAULT_PAGE_ID, x: i * 10, y: 0 }))))
    const store = createEditorStore()
    store.setSelection(ids)
    const reads = (fn: () => void) => {
      const get = vi.spyOn(Y.Map.prototype, 'get')
      try {
        fn()
        return get.mock.calls.length
      } finally {
        get.mockRestore()
      }
    }
    const restyle = (stroke: string) => must(updateItems(doc, ids.map((id) => ({ id, patch: { stroke, x: 5 } }))))
    const alone = reads(() => restyle('#ff0000'))
    const off = watchSelection(doc, store)
    const watched = reads(() => restyle('#00ff00'))
    // before: the page and the lock of each of the 300 read (600 reads)
    expect(watched - alone).toBeLessThan(10)
    expect(store.get().selection).toEqual(ids)
    must(updateItems(doc, [{ id: ids[4]!, patch: { locked: true } }]))
    expect(store.get().selection).toEqual(ids.filter((_, i) => i !== 4))
    off()
  })

  it('pruneSelection and existingIds keep only items that exist', () => {
    const { doc, store, ids, remoteDelete } = setup()
    remoteDelete(ids[1])
    expect(existingIds(doc, ids)).toEqual([ids[0], ids[2], ids[3]])
    store.setSelection(ids)
    pruneSelection(doc, store)
    expect(store.get().selection).toEqual([ids[0], ids[2], ids[3]])
  })
})

describe('actions on a selection with a deleted item act on the rest', () => {
  // No watcher here: the actions must not depend on it (a deletion can land between the watcher
  // and the key press, and a selected item can also become invalid without being deleted).
  it('nudge moves the items that still exist', () => {
    const { doc, store, ctx, ids, remoteDelete } = setup()
    store.setSelection(ids.slice(0, 3))
    remoteDelete(ids[0])
    expect(runAction('nudge.right', ctx)).toBe(true)
    expect(runAction('nudge.down.big', ctx)).toBe(true)
    expect([readItem(doc, ids[1])?.x, readItem(doc, ids[1])?.y]).toEqual([201, 10])
    expect([readItem(doc, ids[2])?.x, readItem(doc, ids[2])?.y]).toEqual([401, 10])
    expect([readItem(doc, ids[3])?.x, readItem(doc, ids[3])?.y]).toEqual([0, 300])
  })

  it('duplicate copies the items that still exist and selects the copies', () => {
    const { doc, store, ctx, ids, remoteDelete } = setup()
    store.setSelection(ids.slice(0, 3))
    remoteDelete(ids[0])
    runAction('duplicate', ctx)
    const sel = store.get().selection
    expect(sel).toHaveLength(2)
    expect(sel.map((id) => readItem(doc, id)?.type)).toEqual(['ellipse', 'rect'])
    expect(readItems(doc).items).toHaveLength(5)
  })

  it('z-order keys reorder the items that still exist', () => {
    const { doc, store, ctx, ids, remoteDelete } = setup()
    store.setSelection(ids.slice(0, 3))
    remoteDelete(ids[0])
    runAction('bringToFront', ctx)
    expect(readItems(doc).items.map((i) => i.id)).toEqual([ids[3], ids[1], ids[2]])
    runAction('sendBackward', ctx)
    expect(readItems(doc).items.map((i) => i.id)).toEqual([ids[1], ids[2], ids[3]])
  })
})

describe('keepPageValid', () => {
  /** A's editor on page-1 of a board with pages page-1 and Two; B is a replica. */
  function pagesSetup(synced = true) {
    const a = new Y.Doc()
    ensureDefaultPage(a)
    const two = must(addPage(a, 'Two'))
    const b = new Y.Doc()
    merge(a, b)
    const store = createEditorStore()
    const guard = keepPageValid(a, store, () => synced)
    return { a, b, two, store, guard }
  }

  it('moves to the first page when the current page is removed remotely', () => {
    const { a, b, two, store, guard } = pagesSetup()
    store.setPage(two)
    must(removePage(b, two))
    merge(b, a)
    expect(store.get().pageId).toBe(DEFAULT_PAGE_ID)
    guard.dispose()
  })

  it('re-creates the default page when concurrent removals leave none, and both replicas converge', () => {
    const { a, b, two, store, guard } = pagesSetup()
    const storeB = createEditorStore()
    storeB.setPage(two)
    const guardB = keepPageValid(b, storeB, () => true)
    store.setPage(two)
    must(removePage(b, two)) // B offline removes Two while A removes page-1
    must(removePage(a, DEFAULT_PAGE_ID))
    merge(b, a)
    expect(listPages(a).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID])
    expect(store.get().pageId).toBe(DEFAULT_PAGE_ID)
    merge(a, b)
    merge(b, a)
    expect(listPages(b)).toEqual(listPages(a))
    expect(storeB.get().pageId).toBe(DEFAULT_PAGE_ID)
    // what A draws next lands on a page that exists
    const [drawn] = must(addItems(a, [{ type: 'rect', pageId: store.get().pageId }]))
    expect(readItems(a, DEFAULT_PAGE_ID).items.map((i) => i.id)).toEqual([drawn])
    guard.dispose()
    guardB.dispose()
  })

  it('both replicas re-creating the page at once converge on one page', () => {
    const { a, b, two, store, guard } = pagesSetup()
    const storeB = createEditorStore()
    const guardB = keepPageValid(b, storeB, () => true)
    must(removePage(b, two))
    must(removePage(a, DEFAULT_PAGE_ID))
    // the two removals cross: each replica sees zero pages and re-creates page-1 on its own
    const fromA = Y.encodeStateAsUpdate(a)
    const fromB = Y.encodeStateAsUpdate(b)
    Y.applyUpdate(a, fromB, 'remote')
    Y.applyUpdate(b, fromA, 'remote')
    merge(a, b)
    merge(b, a)
    expect(listPages(a)).toEqual([{ id: DEFAULT_PAGE_ID, name: 'Page 1', index: 'a0' }])
    expect(listPages(b)).toEqual(listPages(a))
    expect([store.get().pageId, storeB.get().pageId]).toEqual([DEFAULT_PAGE_ID, DEFAULT_PAGE_ID])
    guard.dispose()
    guardB.dispose()
  })

  it('does not create a page before the first sync (the doc has just not loaded yet)', () => {
    const doc = new Y.Doc()
    const store = createEditorStore()
    let synced = false
    const guard = keepPageValid(doc, store, () => synced)
    expect(listPages(doc)).toEqual([])
    synced = true
    guard.check()
    expect(listPages(doc).map((p) => p.id)).toEqual([DEFAULT_PAGE_ID])
    guard.dispose()
  })
})

describe('existingIds on a big selection', () => {
  it("takes the scene model's validated snapshots: an undo with every item selected parses none of them again", async () => {
    const { itemSchema } = await import('../../../src/doc/schema')
    const { sceneModelFor } = await import('../../../src/canvas/items/sceneModel')
    const doc = new Y.Doc()
    ensureDefaultPage(doc)
    const r = addItems(doc, Array.from({ length: 500 }, (_, i) => ({ type: 'rect' as const, pageId: DEFAULT_PAGE_ID, x: i * 10, y: 0 })))
    if (!r.ok) throw new Error(r.message)
    const model = sceneModelFor(doc)
    for (const id of r.value) model.get(id)
    removeItems(doc, [r.value[7]!])
    const parse = vi.spyOn(itemSchema, 'safeParse')
    try {
      expect(existingIds(doc, r.value)).toEqual(r.value.filter((_, i) => i !== 7))
      expect(parse).not.toHaveBeenCalled()
    } finally {
      parse.mockRestore()
    }
  })
})
