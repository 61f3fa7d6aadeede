// Stand-in for the three `@y/y` functions y-websocket 3.1.0-rc.5 calls for its `sync-status`
// (createContentIdsFromUpdate, excludeContentIds, mergeContentIds). The `@y/y` installed beside it
// (14.0.0-16) does not export them yet (they arrived in later 14.0.0 pre-releases, e.g. rc.7), so
// rc.5 throws on its first local edit with any server. Same semantics as @y/y 14.0.0-rc.7
// (src/utils/updates.js, src/utils/meta.js), written over yjs 13's decodeUpdate: the inserts are
// the id ranges of every struct of a v1 update except Skips (GC structs count), the deletes are
// its delete set. yws31rc.ts routes rc.5's `import '@y/y'` here; nothing else uses it.
import * as Y from 'yjs'

/** Sorted, merged [clock, end) ranges per client. */
class IdSet {
  constructor() {
    /** @type {Map<number, Array<[number, number]>>} */
    this.clients = new Map()
  }

  /** @param {number} client @param {number} clock @param {number} len */
  add(client, clock, len) {
    if (len <= 0) return
    const ranges = this.clients.get(client) ?? []
    ranges.push([clock, clock + len])
    ranges.sort((a, b) => a[0] - b[0])
    const merged = []
    for (const r of ranges) {
      const last = merged[merged.length - 1]
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
      else merged.push([r[0], r[1]])
    }
    this.clients.set(client, merged)
  }

  isEmpty() {
    for (const ranges of this.clients.values()) if (ranges.length > 0) return false
    return true
  }
}

/** @param {IdSet} a @param {IdSet} b */
function diff(a, b) {
  const out = new IdSet()
  for (const [client, ranges] of a.clients) {
    const cut = b.clients.get(client) ?? []
    for (const [start, end] of ranges) {
      let pieces = [[start, end]]
      for (const [cs, ce] of cut) {
        pieces = pieces.flatMap(([s, e]) => (ce <= s || cs >= e ? [[s, e]] : [...(s < cs ? [[s, cs]] : []), ...(ce < e ? [[ce, e]] : [])]))
      }
      for (const [s, e] of pieces) out.add(client, s, e - s)
    }
  }
  return out
}

/** @param {IdSet[]} sets */
function union(sets) {
  const out = new IdSet()
  for (const set of sets) for (const [client, ranges] of set.clients) for (const [s, e] of ranges) out.add(client, s, e - s)
  return out
}

/** @param {Uint8Array} update */
export function createContentIdsFromUpdate(update) {
  const { structs, ds } = Y.decodeUpdate(update)
  const inserts = new IdSet()
  for (const s of structs) if (!(s instanceof Y.Skip)) inserts.add(s.id.client, s.id.clock, s.length)
  const deletes = new IdSet()
  for (const [client, items] of ds.clients) for (const item of items) deletes.add(client, item.clock, item.len)
  return { inserts, deletes }
}

/** @param {{inserts: IdSet, deletes: IdSet}} content @param {{inserts: IdSet, deletes: IdSet}} exclude */
export function excludeContentIds(content, exclude) {
  return { inserts: diff(content.inserts, exclude.inserts), deletes: diff(content.deletes, exclude.deletes) }
}

/** @param {Array<{inserts: IdSet, deletes: IdSet}>} contents */
export function mergeContentIds(contents) {
  return { inserts: union(contents.map((c) => c.inserts)), deletes: union(contents.map((c) => c.deletes)) }
}
