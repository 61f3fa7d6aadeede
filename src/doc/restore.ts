// Restoring a past version: the live document is made to look like another document (a
// version's state) in one transaction, so everyone receives it as one update and the
// restorer's UndoManager can take it back as one step.
import * as Y from 'yjs'

/** the maps a restore rewrites; `meta` (title, access) belongs to the server's rooms table, `chat` to the conversation */
const RESTORED_MAPS = ['items', 'pages'] as const

/**
 * Makes `doc`'s items and pages equal to `target`'s in one transaction with `origin`: entries
 * missing from the target are deleted, new ones copied, and in entries present in both only the
 * fields that differ are written (so a concurrent edit of another field survives, and the update
 * stays small). Returns how many items and pages changed.
 */
export function restoreDoc(doc: Y.Doc, target: Y.Doc, origin: unknown): { changed: number } {
  let changed = 0
  doc.transact(() => {
    for (const name of RESTORED_MAPS) changed += syncMap(doc.getMap<unknown>(name), target.getMap<unknown>(name), true)
  }, origin)
  return { changed }
}

/** Makes `live` equal to `want`; `nested`: entries that are maps on both sides are merged field by field. */
function syncMap(live: Y.Map<unknown>, want: Y.Map<unknown>, nested: boolean): number {
  let changed = 0
  for (const key of [...live.keys()]) {
    if (!want.has(key)) {
      live.delete(key)
      changed++
    }
  }
  want.forEach((value, key) => {
    const current = live.get(key)
    if (sameValue(current, value)) return
    if (nested && current instanceof Y.Map && value instanceof Y.Map) syncMap(current, value, false)
    else live.set(key, cloneValue(value))
    changed++
  })
  return changed
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(toPlain(a)) === JSON.stringify(toPlain(b))
}

function toPlain(v: unknown): unknown {
  if (v instanceof Y.Text) return { text: v.toDelta() as unknown }
  if (v instanceof Y.AbstractType) return v.toJSON() as unknown
  return v
}

/** A fresh copy of a value of another document (shared types cannot move between documents). */
function cloneValue(v: unknown): unknown {
  if (v instanceof Y.Text) {
    const t = new Y.Text()
    t.applyDelta(v.toDelta())
    return t
  }
  if (v instanceof Y.Map) {
    const m = new Y.Map<unknown>()
    v.forEach((value, key) => m.set(key, cloneValue(value)))
    return m
  }
  if (v instanceof Y.Array) {
    const a = new Y.Array<unknown>()
    a.push(v.toArray().map(cloneValue))
    return a
  }
  return v
}
