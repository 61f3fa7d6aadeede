import * as Y from 'yjs'
import { addItems, ensureDefaultPage, type ItemInit, type Result } from '../../../src/doc'

export function newDoc(): Y.Doc {
  const doc = new Y.Doc()
  ensureDefaultPage(doc)
  return doc
}

/** Runs fn and reports how many transactions it made, with their origins. */
export function countTx<T>(doc: Y.Doc, fn: () => T): { value: T; count: number; origins: unknown[] } {
  const origins: unknown[] = []
  const h = (tx: Y.Transaction) => origins.push(tx.origin)
  doc.on('afterTransaction', h)
  try {
    const value = fn()
    return { value, count: origins.length, origins }
  } finally {
    doc.off('afterTransaction', h)
  }
}

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
  return r.value
}

export function add(doc: Y.Doc, ...inits: ItemInit[]): string[] {
  return must(addItems(doc, inits))
}

/** Two docs kept in sync both ways (updates applied with a 'remote' origin). */
export function linkedPair(): [Y.Doc, Y.Doc] {
  const a = newDoc()
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, u, 'remote')
  })
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, u, 'remote')
  })
  return [a, b]
}
