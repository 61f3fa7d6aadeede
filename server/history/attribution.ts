/**
 * Who changed how many items in a span between two versions. Each item is fingerprinted (its
 * JSON) at every version; at the next one the items added, changed or removed are counted for
 * the item's `updatedBy` (CONTRACT §3) when it has one, otherwise for the people who edited in
 * that span (their names joined, since the server cannot tell which of them it was).
 */
import * as Y from 'yjs'

export type Fingerprints = Map<string, string>

/** The fingerprint of every item of the document. */
export function fingerprintItems(doc: Y.Doc): Fingerprints {
  const out: Fingerprints = new Map()
  doc.getMap('items').forEach((value, id) => {
    out.set(id, value instanceof Y.AbstractType ? JSON.stringify(value.toJSON()) : JSON.stringify(value))
  })
  return out
}

/** Items changed between two fingerprint sets, per person. */
export function countChanges(before: Fingerprints, after: Fingerprints, doc: Y.Doc, spanEditors: readonly string[]): Record<string, number> {
  const fallback = spanEditors.length > 0 ? spanEditors.join(', ') : 'unknown'
  const items = doc.getMap('items')
  const changes: Record<string, number> = {}
  const count = (who: string) => (changes[who] = (changes[who] ?? 0) + 1)
  for (const [id, print] of after) {
    if (before.get(id) === print) continue
    const item = items.get(id)
    const by = item instanceof Y.Map ? item.get('updatedBy') : undefined
    count(typeof by === 'string' && by.trim() !== '' ? by : fallback)
  }
  for (const id of before.keys()) if (!after.has(id)) count(fallback)
  return changes
}
