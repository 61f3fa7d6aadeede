// Scene operations. Each one validates everything first, then writes in exactly ONE
// doc.transact(fn, localOrigin) — so it is one undo step and one update on the wire.
// Invalid input returns { ok: false } without touching the document; an op that would
// change nothing returns ok without a transaction.
import * as Y from 'yjs'
import { authorOf, stampAuthor, type OpOptions } from './author'
import { compareIndexed, keyBetween, keysBetween } from './fractionalIndex'
import { remapReferences } from './groups'
import { newId } from './ids'
import { sameValue, topIndex, writeItem } from './itemWrite'
import { localOrigin } from './origins'
import { numericPatch } from './numericPatch'
import { DEFAULT_PAGE_ID, listPages } from './pages'
import { getItemMap, itemsMap, readItem } from './read'
import {
  defaultsFor,
  depthFieldAllowed,
  fail,
  isLabelled,
  formatIssues,
  hasPoints,
  hasText,
  itemPatchSchema,
  itemSchema,
  itemTypeSchema,
  ok,
  type Item,
  type ItemInit,
  type ItemPatch,
  type Result,
} from './schema'

export { reorder } from './zOrder'
export { editText, setText } from './textOps'

const DEPTH_PATCH_KEYS: Record<string, true> = { parentId: true, startBinding: true, endBinding: true, arrowheads: true, dash: true, align: true, font: true }

export const DEFAULT_DUPLICATE_OFFSET = { x: 16, y: 16 } as const

function isFiniteNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n)
}

/** Adds items; returns their ids. Without `index`, each lands above its page's top item. */
export function addItems(doc: Y.Doc, inits: ItemInit[], opts: OpOptions = {}): Result<string[]> {
  if (!Array.isArray(inits)) return fail('invalid_input', 'inits: expected an array')
  const author = authorOf(opts)
  const items = itemsMap(doc)
  const firstPage = listPages(doc)[0]?.id ?? DEFAULT_PAGE_ID
  const tops = new Map<string, string | null>()
  const seen = new Set<string>()
  const ready: Item[] = []
  for (let i = 0; i < inits.length; i++) {
    const init: unknown = inits[i]
    if (typeof init !== 'object' || init === null) return fail('invalid_item', `inits[${i}]: expected an object`)
    const rec = init as Record<string, unknown>
    const t = itemTypeSchema.safeParse(rec.type)
    if (!t.success) return fail('invalid_item', `inits[${i}].type: ${formatIssues(t.error)}`)
    const id = rec.id === undefined ? newId() : rec.id
    if (typeof id === 'string' && (items.has(id) || seen.has(id)))
      return fail('duplicate_id', `inits[${i}].id: ${id} already exists`)
    const pageId = rec.pageId === undefined ? firstPage : rec.pageId
    let index = rec.index
    if (index === undefined && typeof pageId === 'string') {
      if (!tops.has(pageId)) tops.set(pageId, topIndex(doc, pageId))
      index = keyBetween(tops.get(pageId) ?? null, null)
    }
    const r = itemSchema.safeParse({ ...defaultsFor(t.data), ...rec, id, pageId, index, ...(author ? { updatedBy: author } : {}) })
    if (!r.success) return fail('invalid_item', formatIssues(r.error, `inits[${i}]`))
    const item = r.data
    const top = tops.get(item.pageId)
    if (top === undefined) tops.set(item.pageId, topIndex(doc, item.pageId))
    const cur = tops.get(item.pageId) ?? null
    if (cur === null || item.index > cur) tops.set(item.pageId, item.index)
    seen.add(item.id)
    ready.push(item)
  }
  if (ready.length === 0) return ok([])
  doc.transact(() => {
    for (const item of ready) writeItem(doc, item)
  }, localOrigin)
  return ok(ready.map((it) => it.id))
}

/** A key for a patch of primitive values (same key, same verdict), or null for anything else. */
function flatKey(patch: unknown): string | null {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch) || Object.getPrototypeOf(patch) !== Object.prototype) return null
  const parts: string[] = []
  for (const [k, v] of Object.entries(patch)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null
    parts.push(`${k}\u0000${typeof v}\u0000${String(v)}`)
  }
  return parts.join('\u0001')
}

/** Sets fields of existing items (text goes through setText/editText). */
export function updateItems(doc: Y.Doc, updates: { id: string; patch: ItemPatch }[], opts: OpOptions = {}): Result<string[]> {
  if (!Array.isArray(updates)) return fail('invalid_input', 'updates: expected an array')
  const author = authorOf(opts)
  const writes: [Y.Map<unknown>, string, unknown][] = []
  const touched = new Set<Y.Map<unknown>>()
  const ids: string[] = []
  // a restyle writes the same patch to thousands of items: each distinct one is validated once
  const verdicts = new Map<string, ReturnType<typeof itemPatchSchema.safeParse>>()
  const types = new Map<unknown, ReturnType<typeof itemTypeSchema.safeParse>>()
  for (let i = 0; i < updates.length; i++) {
    const u: unknown = updates[i]
    if (typeof u !== 'object' || u === null) return fail('invalid_patch', `updates[${i}]: expected an object`)
    const { id, patch } = u as { id?: unknown; patch?: unknown }
    if (typeof id !== 'string') return fail('invalid_patch', `updates[${i}].id: expected string`)
    const m = getItemMap(doc, id)
    if (!m) return fail('not_found', `item ${id} does not exist`)
    // a rotation or resize writes a different placement to each item: checked without zod
    const numeric = numericPatch(patch)
    const key = numeric ? null : flatKey(patch)
    let r = numeric ? ({ success: true, data: numeric } as const) : key === null ? undefined : verdicts.get(key)
    if (!r) {
      r = itemPatchSchema.safeParse(patch)
      if (key !== null) verdicts.set(key, r)
    }
    if (!r.success) return fail('invalid_patch', formatIssues(r.error, `updates[${i}].patch`))
    const rawType = m.get('type')
    let type = types.get(rawType)
    if (!type) types.set(rawType, (type = itemTypeSchema.safeParse(rawType)))
    if (r.data.points !== undefined && !(type.success && hasPoints(type.data)))
      return fail('invalid_patch', `updates[${i}].patch.points: not a field of this item type`)
    if (r.data.fontSize !== undefined && !(type.success && (hasText(type.data) || isLabelled(type.data))))
      return fail('invalid_patch', `updates[${i}].patch.fontSize: not a field of this item type`)
    if (r.data.crop && !(type.success && type.data === 'image')) return fail('invalid_patch', `updates[${i}].patch.crop: not a field of this item type`)
    for (const [k, v] of Object.entries(r.data)) {
      if (v === undefined) continue
      if (k in DEPTH_PATCH_KEYS && !(type.success && depthFieldAllowed(type.data, k)))
        return fail('invalid_patch', `updates[${i}].patch.${k}: not a field of this item type`)
      if (v === null) {
        if (m.has(k)) {
          writes.push([m, k, undefined])
          touched.add(m)
        }
        continue
      }
      if ((k === 'parentId' && v === id) || ((k === 'startBinding' || k === 'endBinding') && (v as { itemId: string }).itemId === id))
        return fail('invalid_patch', `updates[${i}].patch.${k}: an item cannot refer to itself`)
      if (sameValue(m.get(k), v)) continue
      writes.push([m, k, Array.isArray(v) ? [...v] : typeof v === 'object' ? structuredClone(v) : v])
      touched.add(m)
    }
    ids.push(id)
  }
  if (writes.length > 0) {
    doc.transact(() => {
      for (const [m, k, v] of writes) {
        if (v === undefined) m.delete(k)
        else m.set(k, v)
      }
      for (const m of touched) stampAuthor(m, author)
    }, localOrigin)
  }
  return ok(ids)
}

/** Collects valid items for ids (deduplicated) or explains the first that is not. */
function collect(doc: Y.Doc, ids: unknown): Result<Item[]> {
  if (!Array.isArray(ids)) return fail('invalid_input', 'ids: expected an array')
  const out: Item[] = []
  const seen = new Set<string>()
  for (const id of ids) {
    if (typeof id !== 'string') return fail('invalid_input', 'ids: expected strings')
    if (seen.has(id)) continue
    seen.add(id)
    const it = readItem(doc, id)
    if (!it) return fail(itemsMap(doc).has(id) ? 'invalid_item' : 'not_found', `item ${id} does not exist or is invalid`)
    out.push(it)
  }
  return ok(out)
}

export function moveItems(doc: Y.Doc, ids: string[], dx: number, dy: number, opts: OpOptions = {}): Result<string[]> {
  if (!isFiniteNumber(dx) || !isFiniteNumber(dy)) return fail('invalid_input', 'dx, dy: expected finite numbers')
  const c = collect(doc, ids)
  if (!c.ok) return c
  const moved = c.value.map((it) => it.id)
  if (moved.length === 0 || (dx === 0 && dy === 0)) return ok(moved)
  doc.transact(() => {
    for (const it of c.value) {
      const m = getItemMap(doc, it.id)!
      m.set('x', it.x + dx)
      m.set('y', it.y + dy)
      stampAuthor(m, authorOf(opts))
    }
  }, localOrigin)
  return ok(moved)
}

/**
 * Puts items at absolute positions, writing `x` and `y` of each together even when one of
 * them is unchanged. A drag writes where the pointer put the item (its start + the drag's
 * delta), never "current + step": so when two people drag one item at once, every field of
 * the result comes from one of them (Yjs settles concurrent writes of both keys the same
 * way), and the item ends under someone's pointer, not at the sum of both moves.
 * Ids that are gone or invalid are skipped (a collaborator may delete a dragged item).
 */
export function placeItems(doc: Y.Doc, places: readonly { id: string; x: number; y: number }[], opts: OpOptions = {}): Result<string[]> {
  if (!Array.isArray(places)) return fail('invalid_input', 'places: expected an array')
  const ready: [Y.Map<unknown>, number, number][] = []
  const ids: string[] = []
  for (const p of places) {
    if (typeof p !== 'object' || p === null || typeof p.id !== 'string') return fail('invalid_input', 'places: expected { id, x, y }')
    if (!isFiniteNumber(p.x) || !isFiniteNumber(p.y)) return fail('invalid_input', `places ${p.id}: x, y must be finite numbers`)
    const m = getItemMap(doc, p.id)
    if (!m || typeof m.get('x') !== 'number' || typeof m.get('y') !== 'number') continue
    if (m.get('x') === p.x && m.get('y') === p.y) continue
    ready.push([m, p.x, p.y])
    ids.push(p.id)
  }
  if (ready.length > 0) {
    const author = authorOf(opts)
    doc.transact(() => {
      for (const [m, x, y] of ready) {
        m.set('x', x)
        m.set('y', y)
        stampAuthor(m, author)
      }
    }, localOrigin)
  }
  return ok(ids)
}

/** Removes items; ids that are already gone are ignored (removal is idempotent). */
export function removeItems(doc: Y.Doc, ids: string[]): Result<string[]> {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
    return fail('invalid_input', 'ids: expected an array of strings')
  const items = itemsMap(doc)
  const gone = [...new Set(ids)].filter((id) => items.has(id))
  if (gone.length === 0) return ok([])
  doc.transact(() => {
    for (const id of gone) items.delete(id)
  }, localOrigin)
  return ok(gone)
}

/** Copies items (new ids, offset, above their page's top, relative order kept). */
export function duplicateItems(
  doc: Y.Doc,
  ids: string[],
  offset: { x: number; y: number } = DEFAULT_DUPLICATE_OFFSET,
  opts: OpOptions = {},
): Result<string[]> {
  if (!offset || !isFiniteNumber(offset.x) || !isFiniteNumber(offset.y))
    return fail('invalid_input', 'offset: expected finite x and y')
  const c = collect(doc, ids)
  if (!c.ok) return c
  if (c.value.length === 0) return ok([])
  const author = authorOf(opts)
  const copies = placeAbove(doc, c.value, (it) => ({ ...it, id: newId(), x: it.x + offset.x, y: it.y + offset.y, ...(author ? { updatedBy: author } : {}) }))
  doc.transact(() => {
    for (const it of copies.values()) writeItem(doc, it)
  }, localOrigin)
  return ok(c.value.map((it) => copies.get(it.id)!.id))
}

/**
 * Maps items to copies placed above the top of their (possibly new) page, keeping the
 * sources' relative z-order. Returns source id → copy.
 */
export function placeAbove(doc: Y.Doc, sources: Item[], copy: (it: Item) => Item): Map<string, Item> {
  const byPage = new Map<string, [Item, Item][]>()
  for (const src of sources) {
    const c = copy(src)
    const list = byPage.get(c.pageId) ?? []
    list.push([src, c])
    byPage.set(c.pageId, list)
  }
  const out = new Map<string, Item>()
  for (const [pageId, list] of byPage) {
    list.sort((a, b) => compareIndexed(a[0], b[0]))
    const keys = keysBetween(topIndex(doc, pageId), null, list.length)
    list.forEach(([src, c], i) => out.set(src.id, { ...c, index: keys[i]! }))
  }
  remapReferences(out)
  return out
}
