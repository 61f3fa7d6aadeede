import type { Rect } from '../shapes/geometry'
import { intersects } from '../shapes/geometry'

/**
 * A uniform-grid bucket index of item bounds, updated incrementally (set/delete per item).
 * Viewport culling asks it which items touch the visible rectangle; with 10,000 items a query
 * visits only the buckets under the viewport instead of every item. Items spanning very many
 * cells live in a small "large" list that every query scans, so a huge item costs O(1) to store.
 */
export class SpatialIndex {
  private readonly cells = new Map<string, Set<string>>()
  private readonly entries = new Map<string, Entry>()
  private readonly large = new Set<string>()

  constructor(
    readonly cellSize = 512,
    private readonly maxCellsPerItem = 64,
  ) {}

  get size(): number {
    return this.entries.size
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  get(id: string): Rect | undefined {
    return this.entries.get(id)?.rect
  }

  set(id: string, rect: Rect): void {
    const prev = this.entries.get(id)
    if (prev && sameRect(prev.rect, rect)) return
    const range = this.cellRange(rect)
    // still over the same cells (a nudge, a small turn): only the rectangle changes; a move of
    // 10,000 items took each out of its buckets and put it back, naming every cell again
    if (prev && sameRange(prev.range, range)) {
      prev.rect = { ...rect }
      return
    }
    if (prev) this.unlink(id, prev.keys)
    const keys = this.cellKeys(range)
    if (keys) for (const k of keys) this.bucket(k).add(id)
    else this.large.add(id)
    this.entries.set(id, { rect: { ...rect }, keys, range })
  }

  delete(id: string): boolean {
    const prev = this.entries.get(id)
    if (!prev) return false
    this.unlink(id, prev.keys)
    this.entries.delete(id)
    return true
  }

  clear(): void {
    this.cells.clear()
    this.entries.clear()
    this.large.clear()
  }

  /** Ids whose bounds intersect `area` (edges touching count), in no particular order. */
  query(area: Rect): string[] {
    const out: string[] = []
    const seen = new Set<string>()
    const consider = (id: string) => {
      if (seen.has(id)) return
      seen.add(id)
      const e = this.entries.get(id)
      if (e && intersects(e.rect, area)) out.push(id)
    }
    const { x0, y0, x1, y1 } = this.cellRange(area)
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      // the area covers more cells than exist: scanning the populated buckets is cheaper
      for (const set of this.cells.values()) for (const id of set) consider(id)
    } else {
      for (let cx = x0; cx <= x1; cx++)
        for (let cy = y0; cy <= y1; cy++) {
          const set = this.cells.get(`${cx},${cy}`)
          if (set) for (const id of set) consider(id)
        }
    }
    for (const id of this.large) consider(id)
    return out
  }

  private cellRange(r: Rect): Range {
    const s = this.cellSize
    return {
      x0: Math.floor(r.x / s),
      y0: Math.floor(r.y / s),
      x1: Math.floor((r.x + r.width) / s),
      y1: Math.floor((r.y + r.height) / s),
    }
  }

  private cellKeys({ x0, y0, x1, y1 }: Range): string[] | null {
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.maxCellsPerItem) return null
    const keys: string[] = []
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) keys.push(`${cx},${cy}`)
    return keys
  }

  private bucket(key: string): Set<string> {
    let b = this.cells.get(key)
    if (!b) this.cells.set(key, (b = new Set()))
    return b
  }

  private unlink(id: string, keys: string[] | null): void {
    if (!keys) {
      this.large.delete(id)
      return
    }
    for (const k of keys) {
      const b = this.cells.get(k)
      if (!b) continue
      b.delete(id)
      if (b.size === 0) this.cells.delete(k)
    }
  }
}

interface Range {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** An item's bounds, the cells they cover, and those cells' keys (null: in the large list). */
interface Entry {
  rect: Rect
  keys: string[] | null
  range: Range
}

function sameRange(a: Range, b: Range): boolean {
  return a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}
