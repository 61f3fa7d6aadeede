import type * as Y from 'yjs'

/** The transaction origin of the server's own edits (room metadata) in a room document. */
export const ServerOrigin = Symbol('tessera.server')

/**
 * Runs `fn` as one server transaction on `doc` and returns the updates it made. The listener is
 * on only for this transaction: a room document has no 'update' listener otherwise (with one, Yjs
 * re-encodes every applied update).
 */
export function captureEdit(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => void updates.push(update)
  doc.on('update', capture)
  try {
    doc.transact(() => fn(doc), ServerOrigin)
  } finally {
    doc.off('update', capture)
  }
  return updates
}
