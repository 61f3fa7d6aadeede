// Building and patching item Y.Maps. Internal helpers for the scene ops; they assume
// they run inside a transaction and that their input was validated.
import * as Y from 'yjs'
import { itemsMap, listPageItems } from './read'
import { normaliseItem, type Item } from './schema'

/** Writes a validated item as a nested Y.Map (text as Y.Text) under items[id]. */
export function writeItem(doc: Y.Doc, item: Item): void {
  const it = normaliseItem(item)
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(it)) {
    if (k === 'id' || v === undefined) continue
    if (k === 'text') m.set('text', new Y.Text(typeof v === 'string' ? v : ''))
    else if (k === 'points') m.set('points', [...(v as number[])])
    else if (typeof v === 'object') m.set(k, structuredClone(v))
    else m.set(k, v)
  }
  itemsMap(doc).set(it.id, m)
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const rb = b as Record<string, unknown>
    return ka.length === Object.keys(b).length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], rb[k]))
  }
  return a === b
}

/** The current top index of a page (ties broken by id), or null when it is empty. */
export function topIndex(doc: Y.Doc, pageId: string): string | null {
  const items = listPageItems(doc, pageId)
  return items.length ? items[items.length - 1]!.index : null
}
