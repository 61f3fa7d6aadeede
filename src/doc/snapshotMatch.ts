// Whether an item's Y.Map holds exactly what a validated snapshot says. Undo of a delete of
// 10,000 items writes them back as they were: each one mounted again was parsed whole (zod)
// before it could be drawn; a snapshot taken before the delete can be used again when the map
// matches it field for field (reading fields is far cheaper than validating them).
import * as Y from 'yjs'
import type { Item } from './schema'
import { sameValue } from './itemWrite'

export function matchesSnapshot(m: unknown, item: Item): boolean {
  if (!(m instanceof Y.Map)) return false
  const want = item as unknown as Record<string, unknown>
  let fields = 0
  for (const k in want) if (k !== 'id' && want[k] !== undefined) fields++
  if (m.size !== fields) return false
  let same = true
  m.forEach((v, k) => {
    if (!same) return
    const w = want[k]
    if (k === 'id' || w === undefined) same = false
    else if (v instanceof Y.AbstractType) same = v instanceof Y.Text && k === 'text' && v.toString() === w
    else same = sameValue(v, w)
  })
  return same
}
