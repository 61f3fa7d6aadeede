// Versioned scene export/import (the "Save as JSON" / "Open" format).
import * as Y from 'yjs'
import * as z from 'zod'
import { keysBetween } from './fractionalIndex'
import { newId } from './ids'
import { writeItem } from './itemWrite'
import { getTitle } from './meta'
import { localOrigin } from './origins'
import { listPages } from './pages'
import { itemsMap, metaMap, pagesMap, readItems } from './read'
import { placeAbove } from './sceneOps'
import { fail, formatIssues, itemSchema, ok, pageSchema, MAX_NAME_LENGTH, type Item, type Page, type Result } from './schema'

export const SCENE_FORMAT = 'tessera-scene'
export const SCENE_VERSION = 1

export interface SceneJSON {
  format: 'tessera-scene'
  version: 1
  title: string
  pages: Page[]
  items: Item[]
}

const sceneSchema = z.object({
  format: z.literal(SCENE_FORMAT),
  version: z.literal(SCENE_VERSION),
  title: z.string().max(MAX_NAME_LENGTH),
  pages: z.array(pageSchema).min(1),
  items: z.array(itemSchema),
})

/**
 * The scene as a file that parseScene accepts. Items whose page does not exist are left out:
 * concurrent edits can leave such items in the doc (drawn offline on a page someone removed,
 * see sweepOrphanItems), they are invisible on the board, and parseScene rejects a whole file
 * for one of them (unknown page), so the backup could not be restored.
 */
export function exportScene(doc: Y.Doc): SceneJSON {
  const pages = listPages(doc)
  const pageIds = new Set(pages.map((p) => p.id))
  return {
    format: SCENE_FORMAT,
    version: SCENE_VERSION,
    title: getTitle(doc),
    pages,
    items: readItems(doc).items.filter((it) => pageIds.has(it.pageId)),
  }
}

/** Validates a parsed JSON value (or a JSON string) as a scene, with path-precise messages. */
export function parseScene(input: unknown): Result<SceneJSON> {
  let v = input
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown
    } catch (e) {
      return fail('invalid_json', `not valid JSON: ${(e as Error).message}`)
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('invalid_scene', 'expected a JSON object')
  const rec = v as Record<string, unknown>
  if (rec.format !== SCENE_FORMAT) return fail('invalid_scene', `format: expected "${SCENE_FORMAT}"`)
  if (rec.version !== SCENE_VERSION)
    return fail('unsupported_version', `version: ${String(rec.version)} is not supported (expected ${SCENE_VERSION})`)
  const r = sceneSchema.safeParse(v)
  if (!r.success) return fail('invalid_scene', formatIssues(r.error))
  const scene = r.data as SceneJSON
  const pageIds = new Set<string>()
  for (let i = 0; i < scene.pages.length; i++) {
    const id = scene.pages[i]!.id
    if (pageIds.has(id)) return fail('invalid_scene', `pages[${i}].id: duplicate id ${id}`)
    pageIds.add(id)
  }
  const itemIds = new Set<string>()
  for (let i = 0; i < scene.items.length; i++) {
    const it = scene.items[i]!
    if (itemIds.has(it.id)) return fail('invalid_scene', `items[${i}].id: duplicate id ${it.id}`)
    itemIds.add(it.id)
    if (!pageIds.has(it.pageId)) return fail('invalid_scene', `items[${i}].pageId: unknown page ${it.pageId}`)
  }
  return ok(scene)
}

/**
 * replace: the document becomes the scene (ids kept, title set).
 * merge: pages whose id exists are reused, others are appended; items get new ids and
 * land above the existing items of their page; the title is kept.
 */
export function importScene(
  doc: Y.Doc,
  scene: SceneJSON,
  mode: 'replace' | 'merge',
): Result<{ items: number; pages: number }> {
  if (mode !== 'replace' && mode !== 'merge') return fail('invalid_input', 'mode: expected "replace" or "merge"')
  const p = parseScene(scene)
  if (!p.ok) return p
  const s = p.value
  if (mode === 'replace') {
    doc.transact(() => {
      const items = itemsMap(doc)
      const pages = pagesMap(doc)
      for (const id of [...items.keys()]) items.delete(id)
      for (const id of [...pages.keys()]) pages.delete(id)
      for (const pg of s.pages) pages.set(pg.id, pageYMap(pg.name, pg.index))
      for (const it of s.items) writeItem(doc, it)
      metaMap(doc).set('title', s.title)
    }, localOrigin)
    return ok({ items: s.items.length, pages: s.pages.length })
  }
  const existing = listPages(doc)
  const existingIds = new Set(existing.map((pg) => pg.id))
  const fresh = s.pages.filter((pg) => !existingIds.has(pg.id))
  const last = existing[existing.length - 1]
  const pageKeys = keysBetween(last ? last.index : null, null, fresh.length)
  const copies = placeAbove(doc, s.items, (it) => ({ ...it, id: newId() }))
  doc.transact(() => {
    const pages = pagesMap(doc)
    fresh.forEach((pg, i) => pages.set(pg.id, pageYMap(pg.name, pageKeys[i]!)))
    for (const it of copies.values()) writeItem(doc, it)
  }, localOrigin)
  return ok({ items: copies.size, pages: fresh.length })
}

function pageYMap(name: string, index: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  m.set('name', name)
  m.set('index', index)
  return m
}
