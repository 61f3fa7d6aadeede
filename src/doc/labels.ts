// Labels on shapes (CONTRACT §3: `text` on rect/ellipse/sticky/frame is a Y.Text drawn inside).
import * as Y from 'yjs'
import { localOrigin } from './origins'
import type { OpOptions } from './author'
import { getItemMap, getItemText } from './read'
import { editText } from './textOps'
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

/**
 * Two people who start a shape's first label at the same moment each give it a new Y.Text; the
 * item keeps one of them, and what was typed into the other would be lost. The editor of the
 * person whose Y.Text lost calls this with what they had typed there: it is added after the
 * kept label's text (a space between), so both people's words stay. One transaction.
 */
export function adoptLostLabel(doc: Y.Doc, id: string, typed: string, opts: OpOptions = {}): Result<string> {
  if (typed === '') return ok(id)
  const t = getItemText(doc, id)
  if (!t) return fail('no_text', `item ${id} has no label`)
  const kept = t.toString()
  const gap = kept === '' || /\s$/.test(kept) || /^\s/.test(typed) ? '' : ' '
  return editText(doc, id, kept.length, 0, gap + typed, opts)
}
