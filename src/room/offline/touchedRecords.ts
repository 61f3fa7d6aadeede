import type * as Y from 'yjs'

/**
 * What a transaction changed, as people count changes: one entry per item, page or other
 * record touched (`<root>/<key>`), however many Yjs updates it took — eleven typed characters
 * in one sticky are one change, not eleven.
 */
export function touchedRecords(tr: Y.Transaction): string[] {
  const out = new Set<string>()
  tr.changed.forEach((keys, type) => {
    // climb to the child of a root type: that child's key names the record
    let t: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>
    let key: string | null = null
    for (let guard = 0; t._item !== null && guard < 64; guard++) {
      key = t._item.parentSub
      t = t._item.parent as Y.AbstractType<unknown>
    }
    const root = rootName(tr.doc, t)
    if (key !== null) out.add(`${root}/${key}`)
    else for (const k of keys) out.add(k === null ? root : `${root}/${k}`)
  })
  return [...out]
}

function rootName(doc: Y.Doc, t: Y.AbstractType<unknown>): string {
  for (const [name, type] of doc.share) if (type === t) return name
  return '?'
}
