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

/** Creates page-1 only when there is no page at all. Not an undo step (system origin). */
export function ensureDefaultPage(doc: Y.Doc): void {
  if (pagesMap(doc).size > 0) return
  doc.transact(() => {
    if (pagesMap(doc).size === 0) pagesMap(doc).set(DEFAULT_PAGE_ID, pageMap(DEFAULT_PAGE_NAME, DEFAULT_PAGE_INDEX))
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

/** Removes the page and every item on it; the last remaining page cannot be removed. */
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
