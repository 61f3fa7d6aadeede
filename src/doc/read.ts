// Readers over the scene document. They never throw on foreign data: an item that
// fails validation is skipped and counted, never rendered half-way.
import * as Y from 'yjs'
import { compareIndexed } from './fractionalIndex'
import { parseItem, type Item } from './schema'

export function itemsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('items')
}
export function pagesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('pages')
}
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta')
}

export function getItemMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const v = itemsMap(doc).get(id)
  return v instanceof Y.Map ? (v as Y.Map<unknown>) : null
}

export function getItemText(doc: Y.Doc, id: string): Y.Text | null {
  const m = getItemMap(doc, id)
  const t = m?.get('text')
  return t instanceof Y.Text ? t : null
}

/** A validated snapshot of one item, or null when missing or invalid. */
export function readItem(doc: Y.Doc, id: string): Item | null {
  const v = itemsMap(doc).get(id)
  if (v === undefined) return null
  const r = parseItem(id, v)
  return r.ok ? r.value : null
}

/** Valid items (of one page, or all), bottom first; `invalid` counts the skipped ones. */
export function readItems(doc: Y.Doc, pageId?: string): { items: Item[]; invalid: number } {
  const items: Item[] = []
  let invalid = 0
  itemsMap(doc).forEach((v, id) => {
    if (pageId !== undefined && v instanceof Y.Map && v.get('pageId') !== pageId) return
    const r = parseItem(id, v)
    if (!r.ok) invalid++
    else if (pageId === undefined || r.value.pageId === pageId) items.push(r.value)
  })
  items.sort(compareIndexed)
  return { items, invalid }
}

/** Valid items of one page, bottom first (shorthand used by the ops). */
export function listPageItems(doc: Y.Doc, pageId: string): Item[] {
  return readItems(doc, pageId).items
}
