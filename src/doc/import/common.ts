// What the foreign-file importers (Excalidraw, tldraw) share: the result they build, an
// ordered list of items to write through importScene (one transaction, all or nothing), and
// the one-line summary of what did not map.
import { keysBetween } from '../fractionalIndex'
import { MAX_NAME_LENGTH, type Item, type ItemType, type Page } from '../schema'
import type { SceneJSON } from '../sceneJson'
import type { EmbeddedImage } from './images'
import { isFullCrop, readCrop } from '../crop'
import type { Crop } from '../itemTypes'

/**
 * A converted file: a scene to merge in, what was left out (by kind), and the embedded image
 * files to upload first (the scene's image items hold their keys until `placeImages`).
 */
export interface Converted {
  scene: SceneJSON
  skipped: Record<string, number>
  images: EmbeddedImage[]
}

/** Counts things that were left out (or approximated) by a readable kind name. */
export class SkipTally {
  readonly counts: Record<string, number>
  constructor(from: Record<string, number> = {}) {
    this.counts = { ...from }
  }
  add(kind: string, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n
  }
}

/** A draft item: everything but pageId and index, which the builder assigns in order. */
export type Draft = Omit<Item, 'pageId' | 'index'>

/** Collects drafts per page in z-order (bottom first) and makes a scene of them. */
export class SceneBuilder {
  private readonly pages: { id: string; name: string; drafts: Draft[] }[] = []

  page(id: string, name: string): (d: Draft) => void {
    const p = { id, name: name.slice(0, MAX_NAME_LENGTH), drafts: [] as Draft[] }
    this.pages.push(p)
    return (d) => p.drafts.push(d)
  }

  build(title: string): SceneJSON {
    const pageKeys = keysBetween(null, null, Math.max(1, this.pages.length))
    const pages: Page[] = this.pages.map((p, i) => ({ id: p.id, name: p.name, index: pageKeys[i]! }))
    const items: Item[] = []
    for (const p of this.pages) {
      const keys = keysBetween(null, null, p.drafts.length)
      p.drafts.forEach((d, i) => items.push({ ...d, pageId: p.id, index: keys[i]! } as Item))
    }
    return { format: 'tessera-scene', version: 1, title: title.slice(0, MAX_NAME_LENGTH), pages, items }
  }
}

/** Plain base fields of an item of `type` (colours, stroke, opacity from the source). */
export function base(
  id: string,
  type: ItemType,
  geo: { x: number; y: number; width: number; height: number; rotation: number },
  look: { fill: string; stroke: string; strokeWidth: number; opacity: number },
): Draft {
  return { id, type, ...geo, width: Math.max(0, geo.width), height: Math.max(0, geo.height), ...look }
}

/** "3 images, 1 embed, 2 images not uploaded (too large)" — the one short line an import reports about what it left out. */
export function skippedLine(skipped: Record<string, number>): string {
  const parts = Object.entries(skipped)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${n === 1 ? kind : plural(kind)}`)
  return parts.join(', ')
}

/** "arrow label" → "arrow labels"; "image (missing file)" → "images (missing file)": the noun before any words or note after it. */
function plural(kind: string): string {
  const cut = kind.search(/ not | \(/)
  const noun = cut < 0 ? kind : kind.slice(0, cut)
  const rest = cut < 0 ? '' : kind.slice(cut)
  return `${noun.endsWith('s') ? noun : `${noun}s`}${rest}`
}

/** Degrees from radians, kept to three decimals in (-180, 180]. */
export function degrees(rad: number): number {
  let d = ((rad * 180) / Math.PI) % 360
  if (d > 180) d -= 360
  if (d <= -180) d += 360
  return Math.round(d * 1000) / 1000
}

export { pointsBox } from '../pointsBox'
import { pointsBox } from '../pointsBox'

/** Linear geometry normalised as Tessera stores it: (x, y) the box corner, points relative to it. */
export function linearGeometry(absolute: readonly number[]): { x: number; y: number; width: number; height: number; points: number[] } {
  const b = pointsBox(absolute)
  return { x: b.minX, y: b.minY, width: b.width, height: b.height, points: absolute.map((v, i) => v - (i % 2 === 0 ? b.minX : b.minY)) }
}

/**
 * A sharp (not curved) line of absolute points as Tessera stores it: three points would be drawn
 * as a curve through the middle one (README, scene document), so a single sharp corner keeps its
 * middle point twice and stays a corner. Other point counts are unchanged.
 */
export function sharpCorner(absolute: readonly number[]): number[] {
  if (absolute.length !== 6) return [...absolute]
  return [absolute[0]!, absolute[1]!, absolute[2]!, absolute[3]!, absolute[2]!, absolute[3]!, absolute[4]!, absolute[5]!]
}

/**
 * Excalidraw's image crop ({ x, y, width, height } in the source's pixels, with its
 * `naturalWidth`/`naturalHeight`) or tldraw's ({ topLeft, bottomRight } as fractions) as a
 * Tessera crop; null when it shows the whole image; 'bad' when it cannot be read.
 */
export function importedCrop(kind: 'excalidraw' | 'tldraw', raw: unknown): Crop | null | 'bad' {
  if (raw === undefined || raw === null) return null
  if (typeof raw !== 'object') return 'bad'
  const r = raw as Record<string, unknown>
  let c: unknown
  if (kind === 'excalidraw') {
    const nw = r.naturalWidth
    const nh = r.naturalHeight
    if (typeof nw !== 'number' || typeof nh !== 'number' || !(nw > 0) || !(nh > 0)) return 'bad'
    c = { x: Number(r.x) / nw, y: Number(r.y) / nh, width: Number(r.width) / nw, height: Number(r.height) / nh }
  } else {
    const tl = r.topLeft as { x?: unknown; y?: unknown } | undefined
    const br = r.bottomRight as { x?: unknown; y?: unknown } | undefined
    if (!tl || !br) return 'bad'
    c = { x: Number(tl.x), y: Number(tl.y), width: Number(br.x) - Number(tl.x), height: Number(br.y) - Number(tl.y) }
  }
  const crop = readCrop(c)
  if (!crop) return 'bad'
  return isFullCrop(crop) ? null : crop
}
