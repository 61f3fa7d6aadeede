// Copy/paste between boards as JSON text (tessera-clipboard v1).
import type * as Y from 'yjs'
import { authorOf, type OpOptions } from './author'
import * as z from 'zod'
import { compareIndexed } from './fractionalIndex'
import { newId } from './ids'
import { writeItem } from './itemWrite'
import { localOrigin } from './origins'
import { readItem } from './read'
import { placeAbove } from './sceneOps'
import { fail, formatIssues, idSchema, itemSchema, ok, type Item, type Result } from './schema'

export const CLIPBOARD_FORMAT = 'tessera-clipboard'

export interface ClipboardJSON {
  format: 'tessera-clipboard'
  version: 1
  items: Item[]
}

const clipboardSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(1),
  items: z.array(itemSchema).max(50_000),
})

/**
 * Clipboards this module produced from validated data (parseClipboard, copyItems): pasteItems
 * does not parse them a second time (a paste of 2,000 items spent ~0.7 s in the second parse on a
 * loaded machine). Anything else handed to pasteItems is validated. They are not to be mutated.
 */
const validated = new WeakSet<ClipboardJSON>()

function trusted(clip: ClipboardJSON): ClipboardJSON {
  validated.add(clip)
  return clip
}

/** Valid items among ids, bottom first; missing or invalid ones are left out. */
export function copyItems(doc: Y.Doc, ids: string[]): ClipboardJSON {
  const items: Item[] = []
  for (const id of new Set(ids)) {
    const it = readItem(doc, id)
    if (it) items.push(it)
  }
  items.sort(compareIndexed)
  return trusted({ format: CLIPBOARD_FORMAT, version: 1, items })
}

export function parseClipboard(text: string): Result<ClipboardJSON> {
  if (typeof text !== 'string') return fail('invalid_input', 'expected a string')
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return fail('not_clipboard', 'clipboard text is not Tessera JSON')
  }
  if (typeof v !== 'object' || v === null || (v as { format?: unknown }).format !== CLIPBOARD_FORMAT)
    return fail('not_clipboard', `format: expected "${CLIPBOARD_FORMAT}"`)
  if ((v as { version?: unknown }).version !== 1) return fail('unsupported_version', 'version: expected 1')
  const r = clipboardSchema.safeParse(v)
  if (!r.success) return fail('invalid_clipboard', formatIssues(r.error))
  return ok(trusted(r.data as ClipboardJSON))
}

/** Scene-space bounding box of items (points included for lines, arrows and paths). */
export function boundsOf(items: Item[]): { minX: number; minY: number; maxX: number; maxY: number } | null {
  if (items.length === 0) return null
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const it of items) {
    const xs = [it.x, it.x + it.width]
    const ys = [it.y, it.y + it.height]
    const p = it.points ?? []
    for (let i = 0; i + 1 < p.length; i += 2) {
      xs.push(it.x + p[i]!)
      ys.push(it.y + p[i + 1]!)
    }
    minX = Math.min(minX, ...xs)
    maxX = Math.max(maxX, ...xs)
    minY = Math.min(minY, ...ys)
    maxY = Math.max(maxY, ...ys)
  }
  return { minX, minY, maxX, maxY }
}

/** Pastes copies (new ids) onto target.pageId, above its items; centred at `at` if given. */
export function pasteItems(
  doc: Y.Doc,
  clip: ClipboardJSON,
  target: { pageId: string; at?: { x: number; y: number } },
  opts: OpOptions = {},
): Result<string[]> {
  const page = idSchema.safeParse(target?.pageId)
  if (!page.success) return fail('invalid_input', 'target.pageId: expected a page id')
  const at = target.at
  if (at !== undefined && !(Number.isFinite(at.x) && Number.isFinite(at.y)))
    return fail('invalid_input', 'target.at: expected finite x and y')
  let items: Item[]
  if (validated.has(clip)) items = clip.items
  else {
    const r = clipboardSchema.safeParse(clip)
    if (!r.success) return fail('invalid_clipboard', formatIssues(r.error))
    items = r.data.items as Item[]
  }
  if (items.length === 0) return ok([])
  let dx = 0
  let dy = 0
  const b = boundsOf(items)
  if (at && b) {
    dx = at.x - (b.minX + b.maxX) / 2
    dy = at.y - (b.minY + b.maxY) / 2
  }
  const author = authorOf(opts)
  const copies = placeAbove(doc, items, (it) => ({ ...it, id: newId(), pageId: page.data, x: it.x + dx, y: it.y + dy, ...(author ? { updatedBy: author } : {}) }))
  doc.transact(() => {
    for (const it of copies.values()) writeItem(doc, it)
  }, localOrigin)
  return ok(items.map((it) => copies.get(it.id)!.id))
}
