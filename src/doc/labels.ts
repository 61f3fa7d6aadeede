// Labels on shapes (CONTRACT §3: `text` on rect/ellipse/sticky/frame is a Y.Text drawn inside).
import * as Y from 'yjs'
import { localOrigin } from './origins'
import { getItemMap } from './read'
import { fail, hasText, isLabelled, ok, type ItemType, type Result } from './schema'

/** Whether an item of this type has text to edit: a text, or a shape that can carry a label. */
export function isEditableText(type: ItemType): boolean {
  return hasText(type) || isLabelled(type)
}

/**
 * Gives a shape an (empty) label Y.Text if it has none yet, so that typing merges character by
 * character from the first key on. One transaction, or none when it is already there.
 */
export function ensureLabel(doc: Y.Doc, id: string): Result<string> {
  const m = getItemMap(doc, id)
  if (!m) return fail('not_found', `item ${id} does not exist`)
  const type = m.get('type')
  if (typeof type !== 'string' || !isEditableText(type as ItemType)) return fail('no_text', `item ${id} cannot have a label`)
  if (m.get('text') instanceof Y.Text) return ok(id)
  doc.transact(() => m.set('text', new Y.Text()), localOrigin)
  return ok(id)
}
