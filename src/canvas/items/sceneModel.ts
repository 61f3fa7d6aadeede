import type * as Y from 'yjs'
import { compareIndexed } from '../../doc/fractionalIndex'
import { itemsMap, observeItems, readItem, type Item, type ItemChanges } from '../../doc'
import { itemBounds, paintBounds } from '../shapes/bounds'
import type { Rect } from '../shapes/geometry'
import { SpatialIndex } from './spatialIndex'
import { readPlacement, type Placement } from './placement'

/**
 * The renderer's read model of the scene: every item's placement (cheap raw read) in a spatial
 * index per page, kept current from observeItems, and a validated snapshot (readItem) made lazily
 * for the items that are actually read — mounted ones — and dropped when the item changes.
 * Item components subscribe to their own id, so a remote change re-renders only that item;
 * the items layer subscribes to page changes (add/remove/reorder/bounds) to redo culling.
 */
export class SceneModel {
  private readonly items = new Map<string, Placement>()
  /** validated snapshots; null = invalid; absent = not read since the last change */
  private readonly full = new Map<string, Item | null>()
  private readonly geo = new Map<string, Rect>()
  private readonly pages = new Map<string, SpatialIndex>()
  private readonly itemListeners = new Map<string, Set<() => void>>()
  private readonly sceneListeners = new Set<(changed: ReadonlySet<string>) => void>()
  private readonly unobserve: () => void

  constructor(readonly doc: Y.Doc) {
    itemsMap(doc).forEach((v, id) => {
      const p = readPlacement(id, v)
      if (p) this.put(p)
    })
    this.unobserve = observeItems(doc, (c) => this.apply(c))
  }

  destroy(): void {
    this.unobserve()
    this.itemListeners.clear()
    this.sceneListeners.clear()
  }

  /** The validated item, or undefined when missing or invalid (never throws on foreign data). */
  get(id: string): Item | undefined {
    if (!this.items.has(id)) return undefined
    let it = this.full.get(id)
    if (it === undefined) this.full.set(id, (it = readItem(this.doc, id)))
    return it ?? undefined
  }

  /** Geometric scene bounds of an item (rotation included, stroke excluded). */
  bounds(id: string): Rect | undefined {
    return this.geo.get(id)
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

  subscribeItem(id: string, listener: () => void): () => void {
    let set = this.itemListeners.get(id)
    if (!set) this.itemListeners.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.itemListeners.get(id) === set) this.itemListeners.delete(id)
    }
  }

  /** Fires once per transaction that touched items, with the pages whose content changed. */
  subscribeScene(listener: (changedPages: ReadonlySet<string>) => void): () => void {
    this.sceneListeners.add(listener)
    return () => this.sceneListeners.delete(listener)
  }

  private put(it: Placement): void {
    const prev = this.items.get(it.id)
    if (prev && prev.pageId !== it.pageId) this.pages.get(prev.pageId)?.delete(it.id)
    this.items.set(it.id, it)
    this.full.delete(it.id)
    this.geo.set(it.id, itemBounds(it))
    let idx = this.pages.get(it.pageId)
    if (!idx) this.pages.set(it.pageId, (idx = new SpatialIndex()))
    idx.set(it.id, paintBounds(it))
  }

  private drop(id: string): string | null {
    const prev = this.items.get(id)
    if (!prev) return null
    this.items.delete(id)
    this.full.delete(id)
    this.geo.delete(id)
    this.pages.get(prev.pageId)?.delete(id)
    return prev.pageId
  }

  private apply(c: ItemChanges): void {
    const started = performance.now()
    const pages = new Set<string>()
    const touched: string[] = []
    for (const id of c.removed) {
      const p = this.drop(id)
      if (p !== null) {
        pages.add(p)
        touched.push(id)
      }
    }
    const items = itemsMap(this.doc)
    for (const id of [...c.added, ...c.updated]) {
      const prevPage = this.items.get(id)?.pageId
      const it = readPlacement(id, items.get(id))
      if (it) {
        this.put(it)
        pages.add(it.pageId)
      } else this.drop(id)
      if (prevPage !== undefined) pages.add(prevPage)
      touched.push(id)
    }
    for (const id of touched) {
      const ls = this.itemListeners.get(id)
      if (ls) for (const l of [...ls]) l()
    }
    if (pages.size > 0) for (const l of [...this.sceneListeners]) l(pages)
    // big batches (initial sync, imports) leave a trace for the editor benchmark
    if (touched.length >= 1000) performance.measure('tessera:scene-apply', { start: started, detail: touched.length })
  }
}

const models = new WeakMap<Y.Doc, SceneModel>()

/** The one SceneModel of a doc (created on first use). */
export function sceneModelFor(doc: Y.Doc): SceneModel {
  let m = models.get(doc)
  if (!m) models.set(doc, (m = new SceneModel(doc)))
  return m
}
