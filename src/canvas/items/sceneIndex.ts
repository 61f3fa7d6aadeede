import type * as Y from 'yjs'
import { compareIndexed } from '../../doc/fractionalIndex'
import { itemsMap, readItem, type Item } from '../../doc'
import { itemBounds, paintPad } from '../shapes/bounds'
import { expand, type Rect } from '../shapes/geometry'
import { withResolvedEnds } from '../shapes/bindings'
import { SpatialIndex } from './spatialIndex'
import { readPlacement, type Placement } from './placement'
import { SceneLinks } from './sceneLinks'

/**
 * The indexes of SceneModel (the renderer's read model): every item's placement (cheap raw read)
 * in a spatial index per page, bound arrows with their ends resolved, links to targets and
 * children, and a validated snapshot (readItem) made lazily for the items that are actually read
 * (mounted ones) and dropped when the item changes. SceneModel keeps them current from observeItems.
 */
export class SceneIndex {
  protected readonly items = new Map<string, Placement>()
  /** bound arrows/lines as the doc stores them (`items` holds them with their ends resolved) */
  protected readonly raw = new Map<string, Placement>()
  /** bound arrows per target, children per container */
  private readonly links = new SceneLinks()
  protected readonly lookup = (id: string): Placement | undefined => this.items.get(id)
  /** validated snapshots; null = invalid; absent = not read since the last change */
  protected readonly full = new Map<string, Item | null>()
  /**
   * For items with bound ends: the validated snapshot as the doc stores it, before its ends are
   * resolved (`full` holds the resolved one). A shallow change patches this one and resolves it
   * again, instead of parsing the item whole.
   */
  protected readonly storedFull = new Map<string, Item>()
  private readonly geo = new Map<string, Rect>()
  private readonly pages = new Map<string, SpatialIndex>()
  /**
   * Each page's item ids bottom first, sorted once and kept until an item comes, goes, or changes
   * its page or z-order: a move, turn or resize of 10,000 items keeps it, and culling's query then
   * filters it instead of sorting 10,000 ids again (~200 ms of a rotation's end in a profile).
   */
  private readonly zOrders = new Map<string, string[]>()

  constructor(readonly doc: Y.Doc) {
    itemsMap(doc).forEach((v, id) => {
      const p = readPlacement(id, v)
      if (p) this.put(p)
    })
    // arrows read before their targets resolve now that every target is known
    for (const p of [...this.raw.values()]) this.put(p)
  }

  /** The validated item, or undefined when missing or invalid (never throws on foreign data). */
  get(id: string): Item | undefined {
    if (!this.items.has(id)) return undefined
    let it = this.full.get(id)
    if (it === undefined) {
      it = readItem(this.doc, id)
      if (it && (it.startBinding || it.endBinding)) {
        this.storedFull.set(id, it)
        it = withResolvedEnds(it, this.lookup)
      }
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
    const ids = idx.query(area)
    let order = this.zOrders.get(pageId)
    // a page's order is worth sorting whole when the query holds a good part of it anyway
    if (!order && ids.length >= Z_ORDER_SHARE * idx.size) this.zOrders.set(pageId, (order = this.sortByZ(this.pageIds(pageId))))
    if (!order) return this.sortByZ(ids)
    const inArea = new Set(ids)
    return order.filter((id) => inArea.has(id))
  }

  private pageIds(pageId: string): string[] {
    const out: string[] = []
    for (const it of this.items.values()) if (it.pageId === pageId) out.push(it.id)
    return out
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

  /** Stores an item's placement; true when that changed its layout (see `subscribeScene`). */
  protected put(stored: Placement): boolean {
    const prev = this.items.get(stored.id)
    const prevPaint = prev ? this.pages.get(prev.pageId)?.get(stored.id) : undefined
    if (prev && prev.pageId !== stored.pageId) {
      this.pages.get(prev.pageId)?.delete(stored.id)
      this.zOrders.delete(prev.pageId)
    }
    if (!prev || prev.pageId !== stored.pageId || prev.index !== stored.index) this.zOrders.delete(stored.pageId)
    this.links.update(stored.id, this.raw.get(stored.id) ?? prev, stored)
    let it = stored
    if (stored.startBinding || stored.endBinding) {
      this.raw.set(stored.id, stored)
      it = withResolvedEnds(stored, this.lookup)
    } else this.raw.delete(stored.id)
    this.items.set(it.id, it)
    this.full.delete(it.id)
    this.storedFull.delete(it.id)
    const geo = itemBounds(it)
    this.geo.set(it.id, geo)
    let idx = this.pages.get(it.pageId)
    if (!idx) this.pages.set(it.pageId, (idx = new SpatialIndex()))
    // from the geometric bounds just made (paintBounds would work them out a second time)
    const painted = expand(geo, paintPad(it))
    idx.set(it.id, painted)
    return !prev || !prevPaint || prev.pageId !== it.pageId || prev.index !== it.index || prev.parentId !== it.parentId || prev.type !== it.type || !sameRect(prevPaint, painted)
  }

  protected drop(id: string): string | null {
    const prev = this.items.get(id)
    if (!prev) return null
    this.links.update(id, this.raw.get(id) ?? prev, undefined)
    this.raw.delete(id)
    this.items.delete(id)
    this.full.delete(id)
    this.storedFull.delete(id)
    this.geo.delete(id)
    this.pages.get(prev.pageId)?.delete(id)
    this.zOrders.delete(prev.pageId)
    return prev.pageId
  }
}

/** The share of a page's items a query must hold for the page's whole z-order to be sorted and kept. */
const Z_ORDER_SHARE = 0.25

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}
