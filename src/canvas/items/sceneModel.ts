import type * as Y from 'yjs'
import { itemsMap, matchesSnapshot, observeItems, patchSnapshot, type Item, type ItemChanges } from '../../doc'
import { patchPlacement, readPlacement, type Placement } from './placement'
import { withResolvedEnds } from '../shapes/bindings'
import { BULK_MOVE, BulkChanges, type BulkListener } from './bulkChanges'
import { SceneIndex } from './sceneIndex'
import { isShallow, placesIt, placesKey } from './changeKinds'

export { BULK_MOVE, type BulkListener } from './bulkChanges'

/**
 * The renderer's read model of the scene: the indexes of SceneIndex (placements, spatial index per
 * page, lazily validated snapshots), kept current from observeItems, and the listeners it tells.
 * Item components subscribe to their own id, so a remote change re-renders only that item;
 * the items layer subscribes to page changes (add/remove/reorder/bounds) to redo culling.
 */
export class SceneModel extends SceneIndex {
  /** the snapshots and placements of the last bulk removal's items (as stored, for bound ends): undo brings them back as they were */
  private removedSnapshots = new Map<string, { item: Item; placed: Placement }>()
  private readonly itemListeners = new Map<string, Set<() => void>>()
  private readonly sceneListeners = new Set<SceneListener>()
  /** item listeners that skip bulk changes (the item components: `subscribeBulk` applies those to their nodes) */
  private readonly lookListeners = new Map<string, Set<() => void>>()
  private readonly bulk = new BulkChanges()
  private readonly unobserve: () => void

  constructor(doc: Y.Doc) {
    super(doc)
    this.unobserve = observeItems(doc, (c) => this.apply(c))
  }

  destroy(): void {
    this.unobserve()
    this.itemListeners.clear()
    this.sceneListeners.clear()
    this.bulk.clear()
  }

  /**
   * Calls `listener` when item `id` changes. With `skipBulkMoves`, a transaction that changes
   * BULK_MOVE items or more in a shallow way (moves, restyles, rotations: SHALLOW_KEYS) or removes
   * that many does not call it for those: `subscribeBulk` listeners get them instead.
   */
  subscribeItem(id: string, listener: () => void, opts?: { skipBulkMoves?: boolean }): () => void {
    const map = opts?.skipBulkMoves ? this.lookListeners : this.itemListeners
    let set = map.get(id)
    if (!set) map.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && map.get(id) === set) map.delete(id)
    }
  }

  /** Big shallow changes and removals (see `subscribeItem` and BulkListener), once per transaction. */
  subscribeBulk(listener: BulkListener): () => void {
    return this.bulk.subscribe(listener)
  }

  /** How many times a bulk listener changed the item's node behind its component (BulkChanges.generation). */
  generation(id: string): number {
    return this.bulk.generation(id)
  }

  /**
   * Fires once per transaction that touched items, with the pages whose content changed. With
   * `layoutOnly` only for pages where an item came, went, moved to or from, changed its z-order,
   * parent or painted bounds (what culling depends on): a restyle of 10,000 items leaves culling
   * as it was, and re-querying it cost a query and sort of every item on screen.
   */
  subscribeScene(listener: (changedPages: ReadonlySet<string>) => void, opts?: { layoutOnly?: boolean }): () => void {
    const entry: SceneListener = { fn: listener, layoutOnly: opts?.layoutOnly === true }
    this.sceneListeners.add(entry)
    return () => this.sceneListeners.delete(entry)
  }

  private apply(c: ItemChanges): void {
    const started = performance.now()
    /** pages whose content changed; `layout`: those where culling may have to change */
    const pages = new Set<string>()
    const layout = new Set<string>()
    const touched: string[] = []
    const bulk = this.bulk.active
    // thousands removed at once (a delete, its redo, a collaborator's): the layer drops their
    // nodes in one pass; one by one, each removal re-indexed every node left
    const gone = bulk && c.removed.length >= BULK_MOVE ? new Set<string>() : null
    if (gone) this.removedSnapshots = new Map()
    for (const id of c.removed) {
      // an item with bound ends: as the doc stores it (its ends are resolved again when it is back)
      const raw = this.raw.get(id)
      const snap = gone ? (raw ? this.storedFull : this.full).get(id) : undefined
      const placed = raw ?? this.items.get(id)
      if (snap && placed) this.removedSnapshots.set(id, { item: snap, placed })
      const p = this.drop(id)
      if (p !== null) {
        pages.add(p)
        layout.add(p)
        touched.push(id)
        gone?.add(id)
      }
    }
    const items = itemsMap(this.doc)
    /** updated ids whose change was shallow (SHALLOW_KEYS only), snapshot carried along */
    const shallow = new Set<string>()
    /** items back as they were when removed in bulk (their undo) */
    const same = new Set<string>()
    /** of those, items with bound ends: their stored snapshot patched, resolved once every target is in place */
    const bound = new Map<string, Item>()
    for (const id of [...c.added, ...c.updated]) {
      const prevPage = this.items.get(id)?.pageId
      const v = items.get(id)
      const keys = c.changedKeys?.get(id)
      const kept = keys ? this.full.get(id) : undefined
      const keptStored = keys ? this.storedFull.get(id) : undefined
      const read = (k: string) => (v as Y.Map<unknown>).get(k)
      // a look (colours, dash, opacity, font…) changes nothing the placement holds: it stays as it
      // was, and only the snapshot is patched (a restyle of 10,000 read and indexed each again)
      if (keys && prevPage !== undefined && !this.raw.has(id) && isShallow(keys) && !placesIt(keys)) {
        const next = kept ? patchSnapshot(kept, keys, read) : null
        if (next) this.full.set(id, next)
        else {
          this.full.delete(id)
          if (kept !== undefined) layout.add(prevPage)
        }
        shallow.add(id)
        pages.add(prevPage)
        touched.push(id)
        continue
      }
      // the same for an item with bound ends: a look does not move its ends, so both its stored
      // and its resolved snapshot are patched (a restyle resolved the 2,000 bound arrows of the
      // diagram board again, and put each back in the indexes)
      if (keys && prevPage !== undefined && keptStored && isShallow(keys) && !placesIt(keys)) {
        const stored = patchSnapshot(keptStored, keys, read)
        const next = stored && kept ? patchSnapshot(kept, keys, read) : null
        if (stored && next) {
          this.storedFull.set(id, stored)
          this.full.set(id, next)
          shallow.add(id)
          pages.add(prevPage)
          touched.push(id)
          continue
        }
      }
      // a move, turn or resize of an item with bound ends: its stored placement and snapshot
      // patched, and it is put and resolved once, below, when every target is in place (it was
      // read whole and put here as well: 2,000 bound arrows of a nudge read, put and resolved twice)
      const rawPrev = keys && keptStored && prevPage !== undefined && isShallow(keys) ? this.raw.get(id) : undefined
      const rawNext = rawPrev ? patchPlacement(rawPrev, keys!, v, placesKey) : null
      const storedNext = rawNext ? patchSnapshot(keptStored!, keys!, read) : null
      if (rawNext && storedNext) {
        this.raw.set(id, rawNext)
        bound.set(id, storedNext)
        shallow.add(id)
        pages.add(prevPage!)
        touched.push(id)
        continue
      }
      // a move, turn or resize of an item without bound ends: its placement patched (placesIt keys only)
      const prevPlaced = keys && !this.raw.has(id) && isShallow(keys) ? this.items.get(id) : undefined
      // back as it was when thousands went (their undo): the snapshot and placement from before,
      // neither parsed nor read again (the map is compared with the snapshot field by field)
      const back = this.removedSnapshots.get(id)
      if (back !== undefined) this.removedSnapshots.delete(id)
      if (back !== undefined && matchesSnapshot(v, back.item)) same.add(id)
      const it = same.has(id) ? back!.placed : (prevPlaced && patchPlacement(prevPlaced, keys!, v, placesKey)) || readPlacement(id, v)
      if (it) {
        let moved = this.put(it)
        pages.add(it.pageId)
        if (same.has(id)) (this.raw.has(id) ? bound : this.full).set(id, back!.item)
        if (keys && !this.raw.has(id) && isShallow(keys)) {
          shallow.add(id)
          // a move or restyle keeps the validated snapshot, patched (validating thousands again cost seconds)
          const next = kept ? patchSnapshot(kept, keys, read) : null
          if (next) this.full.set(id, next)
          // an item drawn as invalid (or one whose patch failed) may appear or vanish
          else if (kept !== undefined) moved = true
        } else if (keys && keptStored && this.raw.has(id) && isShallow(keys)) {
          // bound ends (the same bindings: they are not shallow keys): the stored snapshot patched,
          // its ends resolved below; 2,000 bound arrows of a rotation were each parsed and re-rendered
          const next = patchSnapshot(keptStored, keys, read)
          if (next) {
            shallow.add(id)
            bound.set(id, next)
          } else moved = true
        } else moved = true
        if (moved) layout.add(it.pageId)
      } else this.drop(id)
      if (prevPage !== undefined) {
        pages.add(prevPage)
        if (!it || prevPage !== it.pageId) layout.add(prevPage)
      }
      touched.push(id)
    }
    // bound ends resolved against their targets' new placements (a target may come later in the loop)
    for (const [id, stored] of bound) {
      const p = this.raw.get(id)
      if (p && this.put(p)) layout.add(p.pageId)
      this.storedFull.set(id, stored)
      this.full.set(id, withResolvedEnds(stored, this.lookup))
    }
    // arrows bound to what changed follow it (whoever moved it), through the target → arrows index
    const seen = new Set(touched)
    for (const id of [...touched]) {
      for (const a of this.boundArrows(id)) {
        if (seen.has(a)) continue
        seen.add(a)
        const stored = this.raw.get(a)
        if (!stored) continue
        if (this.put(stored)) layout.add(stored.pageId)
        pages.add(stored.pageId)
        touched.push(a)
      }
    }
    // a big shallow change (a nudge, the drop of thousands of items, a restyle, a rotation, here
    // or from a collaborator) is applied to the item nodes without re-rendering each component
    const changed = bulk && shallow.size >= BULK_MOVE ? shallow : null
    // resolving a bound item's ends may give it a new box and points whatever its change was
    const keysOf = (i: string) => {
      const k = c.changedKeys?.get(i) ?? EMPTY
      return bound.has(i) ? new Set([...k, ...RESOLVED_KEYS]) : k
    }
    const unhandled = changed ? this.bulk.changed([...changed], keysOf) : EMPTY
    if (gone) this.bulk.removed(gone)
    // items back (the undo of a bulk removal): their parked nodes go back in one pass; those back
    // as they were need no render (their nodes show them: 10,000 restyled, deleted and brought
    // back were each rendered and mounted afresh, one Konva re-index of the layer each)
    const parked = this.bulk.added(c.added)
    for (const id of touched) {
      const ls = this.itemListeners.get(id)
      if (ls) for (const l of [...ls]) l()
      const looks = this.lookListeners.get(id)
      if (!looks || gone?.has(id) || (changed?.has(id) && !unhandled.has(id)) || (same.has(id) && parked.has(id))) continue
      for (const l of [...looks]) l()
    }
    if (pages.size > 0)
      for (const l of [...this.sceneListeners]) {
        if (!l.layoutOnly) l.fn(pages)
        else if (layout.size > 0) l.fn(layout)
      }
    // big batches (initial sync, imports) leave a trace for the editor benchmark
    if (touched.length >= 1000) performance.measure('tessera:scene-apply', { start: started, detail: touched.length })
  }
}

interface SceneListener {
  fn: (changedPages: ReadonlySet<string>) => void
  layoutOnly: boolean
}

const EMPTY: ReadonlySet<string> = new Set()

/** What resolving an item's bound ends sets (withResolvedEnds): its box, rotation and points. */
const RESOLVED_KEYS = ['x', 'y', 'width', 'height', 'rotation', 'points'] as const

const models = new WeakMap<Y.Doc, SceneModel>()

/** The one SceneModel of a doc (created on first use). */
export function sceneModelFor(doc: Y.Doc): SceneModel {
  let m = models.get(doc)
  if (!m) models.set(doc, (m = new SceneModel(doc)))
  return m
}
