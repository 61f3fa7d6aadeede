import type * as Y from 'yjs'
import { compareIndexed } from '../../doc/fractionalIndex'
import { itemsMap, matchesSnapshot, observeItems, patchSnapshot, readItem, SHALLOW_KEYS, type Item, type ItemChanges } from '../../doc'
import { itemBounds, paintBounds } from '../shapes/bounds'
import type { Rect } from '../shapes/geometry'
import { withResolvedEnds } from '../shapes/bindings'
import { SpatialIndex } from './spatialIndex'
import { readPlacement, type Placement } from './placement'
import { SceneLinks } from './sceneLinks'
import { BULK_MOVE, BulkChanges, type BulkListener } from './bulkChanges'

export { BULK_MOVE, type BulkListener } from './bulkChanges'

/**
 * The renderer's read model of the scene: every item's placement (cheap raw read) in a spatial
 * index per page, kept current from observeItems, and a validated snapshot (readItem) made lazily
 * for the items that are actually read — mounted ones — and dropped when the item changes.
 * Item components subscribe to their own id, so a remote change re-renders only that item;
 * the items layer subscribes to page changes (add/remove/reorder/bounds) to redo culling.
 */
export class SceneModel {
  private readonly items = new Map<string, Placement>()
  /** bound arrows/lines as the doc stores them (`items` holds them with their ends resolved) */
  private readonly raw = new Map<string, Placement>()
  /** bound arrows per target, children per container */
  private readonly links = new SceneLinks()
  private readonly lookup = (id: string): Placement | undefined => this.items.get(id)
  /** validated snapshots; null = invalid; absent = not read since the last change */
  private readonly full = new Map<string, Item | null>()
  /** the snapshots of the last bulk removal's items: undo brings them back as they were */
  private removedSnapshots = new Map<string, Item>()
  private readonly geo = new Map<string, Rect>()
  private readonly pages = new Map<string, SpatialIndex>()
  private readonly itemListeners = new Map<string, Set<() => void>>()
  private readonly sceneListeners = new Set<SceneListener>()
  /** item listeners that skip bulk changes (the item components: `subscribeBulk` applies those to their nodes) */
  private readonly lookListeners = new Map<string, Set<() => void>>()
  private readonly bulk = new BulkChanges()
  private readonly unobserve: () => void

  constructor(readonly doc: Y.Doc) {
    itemsMap(doc).forEach((v, id) => {
      const p = readPlacement(id, v)
      if (p) this.put(p)
    })
    // arrows read before their targets resolve now that every target is known
    for (const p of [...this.raw.values()]) this.put(p)
    this.unobserve = observeItems(doc, (c) => this.apply(c))
  }

  destroy(): void {
    this.unobserve()
    this.itemListeners.clear()
    this.sceneListeners.clear()
    this.bulk.clear()
  }

  /** The validated item, or undefined when missing or invalid (never throws on foreign data). */
  get(id: string): Item | undefined {
    if (!this.items.has(id)) return undefined
    let it = this.full.get(id)
    if (it === undefined) {
      it = readItem(this.doc, id)
      if (it && (it.startBinding || it.endBinding)) it = withResolvedEnds(it, this.lookup)
      this.full.set(id, it)
    }
    return it ?? undefined
  }

  /** The placement as the doc stores it (for a bound arrow: before its ends are resolved). */
  stored(id: string): Placement | undefined {
    return this.raw.get(id) ?? this.items.get(id)
  }

  /** Ids of the arrows/lines whose ends are bound to `id`. */
  boundArrows(id: string): ReadonlySet<string> {
    return this.links.boundArrows(id)
  }

  /** Ids of the items whose parentId is `id` (direct children of a group or frame). */
  children(id: string): ReadonlySet<string> {
    return this.links.children(id)
  }

  /** `ids` plus every item inside them (children of groups and frames, at any depth). */
  withDescendants(ids: Iterable<string>): string[] {
    const out = new Set<string>()
    const visit = (id: string) => {
      if (out.has(id)) return
      out.add(id)
      for (const c of this.children(id)) visit(c)
    }
    for (const id of ids) visit(id)
    return [...out]
  }

  /** The outermost group containing `id` (itself when in none). */
  outermostGroup(id: string): string {
    let cur = id
    const seen = new Set<string>()
    for (;;) {
      seen.add(cur)
      const parent = this.items.get(cur)?.parentId
      if (!parent || seen.has(parent) || this.items.get(parent)?.type !== 'group') return cur
      cur = parent
    }
  }

  /** Geometric scene bounds of an item (rotation included, stroke excluded). */
  bounds(id: string): Rect | undefined {
    return this.geo.get(id)
  }

  /**
   * Union of the geometric bounds of a page's items (groups left out: their members draw them), or
   * null when it has none. From the placements the model keeps, so zooming to fit a 10,000-item
   * page validates nothing (readItems validated every item: ~10% of Shift+1 on such a board).
   */
  pageBounds(pageId: string): Rect | null {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
    for (const it of this.items.values()) {
      if (it.pageId !== pageId || it.type === 'group') continue
      const b = this.geo.get(it.id)
      if (!b) continue
      minX = Math.min(minX, b.x)
      minY = Math.min(minY, b.y)
      maxX = Math.max(maxX, b.x + b.width)
      maxY = Math.max(maxY, b.y + b.height)
    }
    return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
  }

  /** Where the document places an item (the cheap raw read), or undefined when missing or malformed. */
  placement(id: string): Placement | undefined {
    return this.items.get(id)
  }

  /** Scene bounds of everything an item paints (stroke, arrowhead, shadow): what culling uses. */
  paintBounds(id: string): Rect | undefined {
    const p = this.items.get(id)
    return p ? this.pages.get(p.pageId)?.get(id) : undefined
  }

  /** Every valid item id on a page, bottom first. */
  pageItems(pageId: string): string[] {
    const out: Placement[] = []
    for (const it of this.items.values()) if (it.pageId === pageId && this.get(it.id)) out.push(it)
    return out.sort(compareIndexed).map((i) => i.id)
  }

  /** True when the page has a valid item (stops at the first: no sort, no validation of the rest). */
  hasItems(pageId: string): boolean {
    for (const it of this.items.values()) if (it.pageId === pageId && this.get(it.id)) return true
    return false
  }

  /** Items on `pageId` whose painted bounds touch `area`, bottom first. */
  query(pageId: string, area: Rect): string[] {
    const idx = this.pages.get(pageId)
    if (!idx) return []
    return this.sortByZ(idx.query(area))
  }

  /** Items on `pageId` whose geometric bounds touch `area` (marquee, snapping candidates). */
  queryGeometric(pageId: string, area: Rect): string[] {
    return this.query(pageId, area).filter((id) => {
      const b = this.geo.get(id)
      return b !== undefined && this.get(id) !== undefined && b.x <= area.x + area.width && area.x <= b.x + b.width && b.y <= area.y + area.height && area.y <= b.y + b.height
    })
  }

  sortByZ(ids: Iterable<string>): string[] {
    const list: Placement[] = []
    for (const id of ids) {
      const it = this.items.get(id)
      if (it) list.push(it)
    }
    return list.sort(compareIndexed).map((i) => i.id)
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

  /** Stores an item's placement; true when that changed its layout (see `subscribeScene`). */
  private put(stored: Placement): boolean {
    const prev = this.items.get(stored.id)
    const prevPaint = prev ? this.pages.get(prev.pageId)?.get(stored.id) : undefined
    if (prev && prev.pageId !== stored.pageId) this.pages.get(prev.pageId)?.delete(stored.id)
    this.links.update(stored.id, this.raw.get(stored.id) ?? prev, stored)
    let it = stored
    if (stored.startBinding || stored.endBinding) {
      this.raw.set(stored.id, stored)
      it = withResolvedEnds(stored, this.lookup)
    } else this.raw.delete(stored.id)
    this.items.set(it.id, it)
    this.full.delete(it.id)
    this.geo.set(it.id, itemBounds(it))
    let idx = this.pages.get(it.pageId)
    if (!idx) this.pages.set(it.pageId, (idx = new SpatialIndex()))
    const painted = paintBounds(it)
    idx.set(it.id, painted)
    return !prev || !prevPaint || prev.pageId !== it.pageId || prev.index !== it.index || prev.parentId !== it.parentId || prev.type !== it.type || !sameRect(prevPaint, painted)
  }

  private drop(id: string): string | null {
    const prev = this.items.get(id)
    if (!prev) return null
    this.links.update(id, this.raw.get(id) ?? prev, undefined)
    this.raw.delete(id)
    this.items.delete(id)
    this.full.delete(id)
    this.geo.delete(id)
    this.pages.get(prev.pageId)?.delete(id)
    return prev.pageId
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
      const snap = gone ? this.full.get(id) : undefined
      if (snap && !this.raw.has(id)) this.removedSnapshots.set(id, snap)
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
    for (const id of [...c.added, ...c.updated]) {
      const prevPage = this.items.get(id)?.pageId
      const v = items.get(id)
      const keys = c.changedKeys?.get(id)
      const kept = keys ? this.full.get(id) : undefined
      // a look (colours, dash, opacity, font…) changes nothing the placement holds: it stays as it
      // was, and only the snapshot is patched (a restyle of 10,000 read and indexed each again)
      if (keys && prevPage !== undefined && !this.raw.has(id) && isShallow(keys) && !placesIt(keys)) {
        const next = kept ? patchSnapshot(kept, keys, (k) => (v as Y.Map<unknown>).get(k)) : null
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
      const it = readPlacement(id, v)
      if (it) {
        let moved = this.put(it)
        pages.add(it.pageId)
        // back as it was when thousands went (their undo): the snapshot from before, not a parse
        const back = this.removedSnapshots.get(id)
        if (back !== undefined) {
          this.removedSnapshots.delete(id)
          if (!this.raw.has(id) && matchesSnapshot(v, back)) this.full.set(id, back)
        }
        if (keys && !this.raw.has(id) && isShallow(keys)) {
          shallow.add(id)
          // a move or restyle keeps the validated snapshot, patched (validating thousands again cost seconds)
          const next = kept ? patchSnapshot(kept, keys, (k) => (v as Y.Map<unknown>).get(k)) : null
          if (next) this.full.set(id, next)
          // an item drawn as invalid (or one whose patch failed) may appear or vanish
          else if (kept !== undefined) moved = true
        } else moved = true
        if (moved) layout.add(it.pageId)
      } else this.drop(id)
      if (prevPage !== undefined) {
        pages.add(prevPage)
        if (!it || prevPage !== it.pageId) layout.add(prevPage)
      }
      touched.push(id)
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
    const unhandled = changed ? this.bulk.changed([...changed], (i) => c.changedKeys?.get(i) ?? EMPTY) : EMPTY
    if (gone) this.bulk.removed(gone)
    for (const id of touched) {
      const ls = this.itemListeners.get(id)
      if (ls) for (const l of [...ls]) l()
      const looks = this.lookListeners.get(id)
      if (!looks || gone?.has(id) || (changed?.has(id) && !unhandled.has(id))) continue
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

function isShallow(keys: ReadonlySet<string>): boolean {
  for (const k of keys) if (!SHALLOW_KEYS.has(k)) return false
  return true
}

/** Fields a Placement holds (what culling, z-order and bounds read). */
const PLACEMENT_KEYS: ReadonlySet<string> = new Set(['type', 'pageId', 'index', 'x', 'y', 'width', 'height', 'rotation', 'strokeWidth', 'points', 'startBinding', 'endBinding', 'parentId'])

function placesIt(keys: ReadonlySet<string>): boolean {
  for (const k of keys) if (PLACEMENT_KEYS.has(k)) return true
  return false
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}

const EMPTY: ReadonlySet<string> = new Set()

const models = new WeakMap<Y.Doc, SceneModel>()

/** The one SceneModel of a doc (created on first use). */
export function sceneModelFor(doc: Y.Doc): SceneModel {
  let m = models.get(doc)
  if (!m) models.set(doc, (m = new SceneModel(doc)))
  return m
}
