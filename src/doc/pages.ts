// Pages: doc.getMap('pages'), key = page id, value = Y.Map { name, index }.
import * as Y from 'yjs'
import { compareIndexed, keyBetween, rekey } from './fractionalIndex'
import { newId } from './ids'
import { localOrigin, systemOrigin } from './origins'
import { itemsMap, pagesMap } from './read'
import { fail, ok, pageSchema, MAX_NAME_LENGTH, type Page, type Result } from './schema'

export const DEFAULT_PAGE_ID = 'page-1'
export const DEFAULT_PAGE_NAME = 'Page 1'
/** Fixed, so that two clients creating the default page concurrently write equal content. */
export const DEFAULT_PAGE_INDEX = 'a0'

export function readPage(doc: Y.Doc, id: string): Page | null {
  const v = pagesMap(doc).get(id)
  if (!(v instanceof Y.Map)) return null
  const r = pageSchema.safeParse({ id, name: v.get('name'), index: v.get('index') })
  return r.success ? r.data : null
}

export function listPages(doc: Y.Doc): Page[] {
  const out: Page[] = []
  pagesMap(doc).forEach((_v, id) => {
    const p = readPage(doc, id)
    if (p) out.push(p)
  })
  return out.sort(compareIndexed)
}

function pageMap(name: string, index: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  m.set('name', name)
  m.set('index', index)
  return m
}

/**
 * Creates page-1 only when there is no (valid) page at all. Not an undo step (system origin).
 * Besides a new board's first sync, editors call it whenever a board is left without pages:
 * removePage's last-page guard sees only this replica, so two clients removing different pages
 * concurrently can merge into zero pages. The id, name and index are fixed, so clients that
 * re-create it at the same time write equal content and converge on one page.
 */
export function ensureDefaultPage(doc: Y.Doc): void {
  if (listPages(doc).length > 0) return
  doc.transact(() => {
    if (listPages(doc).length === 0) pagesMap(doc).set(DEFAULT_PAGE_ID, pageMap(DEFAULT_PAGE_NAME, DEFAULT_PAGE_INDEX))
  }, systemOrigin)
}

function checkName(name: string): Result<string> {
  if (typeof name !== 'string') return fail('invalid_name', 'name: expected string')
  const n = name.trim()
  if (n.length === 0) return fail('invalid_name', 'name: must not be empty')
  if (n.length > MAX_NAME_LENGTH) return fail('invalid_name', `name: at most ${MAX_NAME_LENGTH} characters`)
  return ok(n)
}

export function addPage(doc: Y.Doc, name?: string): Result<string> {
  const pages = listPages(doc)
  const n = checkName(name ?? `Page ${pages.length + 1}`)
  if (!n.ok) return n
  const last = pages[pages.length - 1]
  const index = keyBetween(last ? last.index : null, null)
  const id = `page-${newId()}`
  doc.transact(() => pagesMap(doc).set(id, pageMap(n.value, index)), localOrigin)
  return ok(id)
}

export function renamePage(doc: Y.Doc, id: string, name: string): Result<string> {
  const v = pagesMap(doc).get(id)
  if (!(v instanceof Y.Map)) return fail('not_found', `page ${id} does not exist`)
  const n = checkName(name)
  if (!n.ok) return n
  doc.transact(() => v.set('name', n.value), localOrigin)
  return ok(id)
}

/**
 * Removes the page and every item on it; the last remaining page cannot be removed.
 * Both guarantees hold for this replica only: items written concurrently on the page arrive
 * later (see sweepOrphanItems), and concurrent removals elsewhere can leave no page at all
 * (see ensureDefaultPage).
 */
export function removePage(doc: Y.Doc, id: string): Result<string> {
  const pages = pagesMap(doc)
  if (!pages.has(id)) return fail('not_found', `page ${id} does not exist`)
  const others = listPages(doc).filter((p) => p.id !== id)
  if (others.length === 0) return fail('last_page', 'cannot remove the last page')
  const doomed: string[] = []
  itemsMap(doc).forEach((v, itemId) => {
    if (v instanceof Y.Map && v.get('pageId') === id) doomed.push(itemId)
  })
  doc.transact(() => {
    const items = itemsMap(doc)
    for (const itemId of doomed) items.delete(itemId)
    pages.delete(id)
  }, localOrigin)
  return ok(id)
}

/** Moves a page to `toPosition` (0-based, clamped) in the ordered page list. */
export function movePage(doc: Y.Doc, id: string, toPosition: number): Result<string> {
  const v = pagesMap(doc).get(id)
  const page = readPage(doc, id)
  if (!(v instanceof Y.Map) || !page) return fail('not_found', `page ${id} does not exist`)
  if (!Number.isInteger(toPosition)) return fail('invalid_position', 'toPosition: expected an integer')
  const all = listPages(doc)
  const rest = all.filter((p) => p.id !== id)
  const pos = Math.max(0, Math.min(rest.length, toPosition))
  if (all.findIndex((p) => p.id === id) === pos) return ok(id)
  const order = [...rest.slice(0, pos), page, ...rest.slice(pos)]
  // rekey may also re-key a neighbour when concurrent adds left two pages with equal keys
  const keys = rekey(order, new Set([id]))
  doc.transact(() => {
    for (const [pid, key] of keys) {
      const m = pagesMap(doc).get(pid)
      if (m instanceof Y.Map) m.set('index', key)
    }
  }, localOrigin)
  return ok(id)
}

/** Ids of items whose page does not exist (invisible on every page; left by concurrent edits). */
export function orphanItemIds(doc: Y.Doc): string[] {
  const pages = new Set(listPages(doc).map((p) => p.id))
  const out: string[] = []
  itemsMap(doc).forEach((v, id) => {
    if (!(v instanceof Y.Map)) return
    const p: unknown = v.get('pageId')
    if (typeof p !== 'string' || !pages.has(p)) out.push(id)
  })
  return out
}

/**
 * Keeps items from outliving their page, on this replica, while installed (returns the uninstall).
 * removePage deletes the items its replica can see; an item written concurrently on that page (a
 * collaborator drawing offline) arrives afterwards with a pageId that no longer exists: invisible
 * on every page, but kept in the doc forever. So this replica removes
 * - the items still on a page at the moment that page's removal reaches it (own or remote), and
 * - items that arrive later on a page it has seen removed (and that has not come back).
 * Every client that sees both sides does the same deletions, so the result converges whichever
 * client merges first. Only page ids seen removed in this session count: an item whose page simply
 * has not arrived yet (updates can reach a tab by more than one path) is left alone.
 * The removals use systemOrigin: they are housekeeping, not an undo step of this user.
 */
export function sweepOrphanItems(doc: Y.Doc): () => void {
  const pages = pagesMap(doc)
  const items = itemsMap(doc)
  const removedPages = new Set<string>()

  const pageOf = (id: string): string | null => {
    const v = items.get(id)
    const p = v instanceof Y.Map ? v.get('pageId') : undefined
    return typeof p === 'string' ? p : null
  }
  const remove = (ids: string[]) => {
    if (ids.length === 0) return
    doc.transact(() => {
      for (const id of ids) items.delete(id)
    }, systemOrigin)
  }

  const onPages = (ev: Y.YMapEvent<unknown>) => {
    const gone = new Set<string>()
    ev.changes.keys.forEach((change, key) => {
      if (change.action === 'delete' && readPage(doc, key) === null) gone.add(key)
    })
    if (gone.size === 0) return
    for (const p of gone) removedPages.add(p)
    const doomed: string[] = []
    items.forEach((_v, id) => {
      const p = pageOf(id)
      if (p !== null && gone.has(p)) doomed.push(id)
    })
    remove(doomed)
  }

  const onItems = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (removedPages.size === 0) return
    const touched = new Set<string>()
    for (const ev of events) {
      if (ev.target === items) {
        ev.changes.keys.forEach((change, key) => {
          if (change.action !== 'delete') touched.add(key)
        })
      } else if (typeof ev.path[0] === 'string') touched.add(ev.path[0]) // e.g. pageId changed
    }
    const doomed: string[] = []
    for (const id of touched) {
      const p = pageOf(id)
      if (p !== null && removedPages.has(p) && readPage(doc, p) === null) doomed.push(id)
    }
    remove(doomed)
  }

  pages.observe(onPages)
  items.observeDeep(onItems)
  return () => {
    pages.unobserve(onPages)
    items.unobserveDeep(onItems)
  }
}
