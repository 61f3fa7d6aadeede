import type * as Y from 'yjs'

/** True while Yjs holds structs or deletions back in `doc`, waiting for something they depend on. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}
