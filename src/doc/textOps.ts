// Text edits on an item's Y.Text, so that concurrent typing merges character by character.
import * as Y from 'yjs'
import { authorOf, stampAuthor, type OpOptions } from './author'
import { localOrigin } from './origins'
import { getItemMap, getItemText, itemsMap } from './read'
import { fail, ok, MAX_TEXT_LENGTH, type Result } from './schema'

function textOf(doc: Y.Doc, id: string): Result<Y.Text> {
  const t = getItemText(doc, id)
  if (t) return ok(t)
  return itemsMap(doc).has(id)
    ? fail('no_text', `item ${id} has no text`)
    : fail('not_found', `item ${id} does not exist`)
}

/** Replaces the whole text, written as the smallest middle edit (common prefix/suffix kept). */
export function setText(doc: Y.Doc, id: string, text: string, opts: OpOptions = {}): Result<string> {
  if (typeof text !== 'string') return fail('invalid_input', 'text: expected string')
  if (text.length > MAX_TEXT_LENGTH) return fail('invalid_input', `text: at most ${MAX_TEXT_LENGTH} characters`)
  const t = textOf(doc, id)
  if (!t.ok) return t
  const old = t.value.toString()
  if (old === text) return ok(id)
  let p = 0
  const max = Math.min(old.length, text.length)
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++
  let s = 0
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++
  // never split a surrogate pair
  if (p > 0 && isHighSurrogate(old.charCodeAt(p - 1))) p--
  if (s > 0 && isLowSurrogate(old.charCodeAt(old.length - s))) s--
  doc.transact(() => {
    const del = old.length - p - s
    if (del > 0) t.value.delete(p, del)
    const ins = text.slice(p, text.length - s)
    if (ins) t.value.insert(p, ins)
    stampText(doc, id, opts)
  }, localOrigin)
  return ok(id)
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** A minimal edit: delete deleteCount characters at index, then insert. */
export function editText(doc: Y.Doc, id: string, index: number, deleteCount: number, insert: string, opts: OpOptions = {}): Result<string> {
  const t = textOf(doc, id)
  if (!t.ok) return t
  const len = t.value.length
  if (!Number.isInteger(index) || index < 0 || index > len)
    return fail('invalid_range', `index: expected an integer in 0..${len}`)
  if (!Number.isInteger(deleteCount) || deleteCount < 0 || index + deleteCount > len)
    return fail('invalid_range', `deleteCount: expected an integer in 0..${len - index}`)
  if (typeof insert !== 'string') return fail('invalid_input', 'insert: expected string')
  // An edit that does not make the text longer is always allowed: concurrent typing can take a
  // text past the limit, and its owners must still be able to shorten it.
  if (len - deleteCount + insert.length > MAX_TEXT_LENGTH && insert.length > deleteCount)
    return fail('invalid_input', `text: at most ${MAX_TEXT_LENGTH} characters`)
  if (deleteCount === 0 && insert === '') return ok(id)
  doc.transact(() => {
    if (deleteCount > 0) t.value.delete(index, deleteCount)
    if (insert) t.value.insert(index, insert)
    stampText(doc, id, opts)
  }, localOrigin)
  return ok(id)
}

function stampText(doc: Y.Doc, id: string, opts: OpOptions): void {
  const m = getItemMap(doc, id)
  if (m) stampAuthor(m, authorOf(opts))
}
