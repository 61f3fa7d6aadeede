import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage, editText, itemsMap, moveItems, removeItems, updateItems } from '../../../src/doc'
import { exportScene } from '../../../src/doc/sceneJson'

/**
 * A stand-in for one device's IndexedDB copy, kept the way y-indexeddb keeps it: an append-only
 * log of updates, compacted now and then into one state update. "Reloading the page" builds a
 * fresh Y.Doc (a new clientID, as after a real reload) from the log alone.
 */
class DeviceLog {
  private log: Uint8Array[] = []
  doc: Y.Doc
  private readonly onUpdate = (u: Uint8Array) => this.log.push(u)

  constructor(initial: Uint8Array) {
    this.log.push(initial)
    this.doc = this.load()
  }

  private load(): Y.Doc {
    const doc = new Y.Doc()
    for (const u of this.log) Y.applyUpdate(doc, u, 'local-copy')
    doc.on('update', this.onUpdate)
    return doc
  }

  reload(): void {
    this.doc.off('update', this.onUpdate)
    this.doc.destroy()
    this.doc = this.load()
  }

  compact(): void {
    this.log = [Y.encodeStateAsUpdate(this.doc)]
  }
}

/** Seeded PRNG (mulberry32): the same seed replays the same run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Applies `ops` random scene edits to a device, reloading and compacting its local copy now and then. */
function editOffline(dev: DeviceLog, side: string, ops: number, rnd: () => number, removed: Set<string>, added: string[]): void {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
  let n = 0
  for (let i = 0; i < ops; i++) {
    const ids = [...itemsMap(dev.doc).keys()].sort()
    const r = rnd()
    if (r < 0.03) dev.reload()
    else if (r < 0.05) dev.compact()
    else if (r < 0.3 || ids.length === 0) {
      const id = `${side}-${n++}`
      const type = rnd() < 0.4 ? 'sticky' : 'rect'
      const res = addItems(dev.doc, [{ id, type, x: Math.round(rnd() * 1000), y: Math.round(rnd() * 1000), width: 40, height: 30, ...(type === 'sticky' ? { text: side } : {}) }])
      expect(res.ok).toBe(true)
      added.push(id)
    } else if (r < 0.55) {
      moveItems(dev.doc, [pick(ids)], Math.round(rnd() * 20 - 10), Math.round(rnd() * 20 - 10))
    } else if (r < 0.7) {
      updateItems(dev.doc, [{ id: pick(ids), patch: { fill: pick(['#f00', '#0f0', '#00f', '#ff0']) } }])
    } else if (r < 0.95) {
      const stickies = ids.filter((id) => itemsMap(dev.doc).get(id) instanceof Y.Map && (itemsMap(dev.doc).get(id) as Y.Map<unknown>).get('text') instanceof Y.Text)
      if (stickies.length > 0) {
        const id = pick(stickies)
        const len = ((itemsMap(dev.doc).get(id) as Y.Map<unknown>).get('text') as Y.Text).length
        editText(dev.doc, id, Math.floor(rnd() * (len + 1)), 0, side)
      }
    } else {
      const id = pick(ids)
      removeItems(dev.doc, [id])
      removed.add(id)
    }
  }
}

/** The sync handshake y-websocket runs on reconnect: each side sends what the other's state vector lacks. */
function syncPair(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB, 'remote')
  Y.applyUpdate(a, toA, 'remote')
}

describe('offline edits kept in local copies merge', () => {
  it('two devices diverging for hundreds of ops each, with reloads from their local logs, converge through the server with nothing lost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 150, max: 400 }), (seed, ops) => {
        const rnd = prng(seed)
        // the server's copy, with a shared starting scene both devices already synced
        const server = new Y.Doc()
        ensureDefaultPage(server)
        addItems(server, [
          { id: 'shared-sticky', type: 'sticky', x: 0, y: 0, width: 100, height: 100, text: 'shared' },
          { id: 'shared-rect', type: 'rect', x: 10, y: 10, width: 50, height: 50 },
        ])
        const base = Y.encodeStateAsUpdate(server)
        const a = new DeviceLog(base)
        const b = new DeviceLog(base)
        const removed = new Set<string>()
        const added: string[] = []

        editOffline(a, 'A', ops, rnd, removed, added)
        editOffline(b, 'B', ops, rnd, removed, added)
        // both devices reload from their local copies before the network returns
        a.reload()
        b.reload()

        // A reconnects first, then B, then A again picks up B's edits (as the live relay would)
        syncPair(a.doc, server)
        syncPair(b.doc, server)
        syncPair(a.doc, server)

        const sa = exportScene(a.doc)
        const sb = exportScene(b.doc)
        const ss = exportScene(server)
        expect(sb).toEqual(sa)
        expect(ss).toEqual(sa)
        expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(server))

        // nothing lost: every item added and not removed by anyone is there; no duplicates; no ghosts
        const ids = sa.items.map((it) => it.id)
        expect(new Set(ids).size).toBe(ids.length)
        for (const id of added) expect(ids.includes(id)).toBe(!removed.has(id))
        for (const id of removed) expect(ids).not.toContain(id)
        // a fresh device loading the server's copy sees the same scene
        const fresh = new Y.Doc()
        Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server))
        expect(exportScene(fresh)).toEqual(sa)
      }),
      { seed: 20240611, numRuns: 8 },
    )
  })

  it('both devices editing the same sticky offline keep both texts', () => {
    const server = new Y.Doc()
    ensureDefaultPage(server)
    addItems(server, [{ id: 's', type: 'sticky', x: 0, y: 0, width: 100, height: 100, text: 'hello' }])
    const a = new DeviceLog(Y.encodeStateAsUpdate(server))
    const b = new DeviceLog(Y.encodeStateAsUpdate(server))
    editText(a.doc, 's', 5, 0, ' from A')
    a.reload()
    editText(b.doc, 's', 0, 0, 'B says ')
    b.compact()
    b.reload()
    syncPair(a.doc, server)
    syncPair(b.doc, server)
    syncPair(a.doc, server)
    const text = exportScene(a.doc).items.find((it) => it.id === 's')?.text
    expect(text).toBe('B says hello from A')
    expect(exportScene(b.doc)).toEqual(exportScene(a.doc))
  })
})
