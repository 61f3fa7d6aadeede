// Attribution: every scene op that writes an item records who did it as the item's
// `updatedBy` (CONTRACT §3), in the same transaction, so it is undone with the change.
// The author is passed in by the caller (the awareness user.name); ops stay pure.
import type * as Y from 'yjs'
import { MAX_NAME_LENGTH } from './schema'

/** Options every item-writing scene op accepts. */
export interface OpOptions {
  /** the local user's display name; absent or blank: `updatedBy` is left as it was */
  author?: string
}

/** The name to record, or undefined when there is none (blank, not a string). */
export function authorOf(opts: OpOptions | undefined): string | undefined {
  const a = opts?.author
  if (typeof a !== 'string') return undefined
  const t = a.trim().slice(0, MAX_NAME_LENGTH)
  return t || undefined
}

/** Sets `updatedBy` on an item map (inside the caller's transaction) unless it already says so. */
export function stampAuthor(m: Y.Map<unknown>, author: string | undefined): void {
  if (author !== undefined && m.get('updatedBy') !== author) m.set('updatedBy', author)
}
