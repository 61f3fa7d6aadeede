// Room-level fields in doc.getMap('meta').
import type * as Y from 'yjs'
import { localOrigin } from './origins'
import { metaMap } from './read'
import { fail, ok, MAX_NAME_LENGTH, type Result } from './schema'

export function getTitle(doc: Y.Doc): string {
  const t = metaMap(doc).get('title')
  return typeof t === 'string' ? t : ''
}

export function setTitle(doc: Y.Doc, title: string): Result<string> {
  if (typeof title !== 'string') return fail('invalid_title', 'title: expected string')
  if (title.length > MAX_NAME_LENGTH) return fail('invalid_title', `title: at most ${MAX_NAME_LENGTH} characters`)
  doc.transact(() => metaMap(doc).set('title', title), localOrigin)
  return ok(title)
}
