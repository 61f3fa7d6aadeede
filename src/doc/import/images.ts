// Images embedded in a foreign file (Excalidraw `files`, tldraw image `asset` records), pure:
// a data URL is decoded to bytes and its type told from those bytes (as the server does, CONTRACT
// §7), one file per distinct data URL (assets are content-addressed, so a file used twice is
// uploaded once). The converters put image items in the scene with `image` set to a file's key;
// `placeImages` swaps each key for the asset id the upload returned, or drops the item and
// counts why, after which nothing points at a dropped item.
import type { SceneJSON } from '../sceneJson'
import type { SkipTally } from './common'

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'
const MIMES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']

/** A file to upload before the import is written: `key` is what the scene's image items hold. */
export interface EmbeddedImage {
  key: string
  mimeType: ImageMime
  bytes: Uint8Array
}

/** What became of one file's upload: the asset id, or why not (a few words, "too large"). */
export type Upload = { ok: true; assetId: string } | { ok: false; reason: string }

/** The decoded bytes and declared type of a `data:` URL, or null when it is not one. */
export function decodeDataUrl(url: unknown): { mime: string; bytes: Uint8Array } | null {
  if (typeof url !== 'string') return null
  const m = /^data:([^,]*?),/i.exec(url.slice(0, 300))
  if (!m) return null
  const params = m[1]!.split(';').map((s) => s.trim())
  const mime = (params[0] ?? '').toLowerCase()
  const body = url.slice(m[0].length)
  try {
    if (params.slice(1).some((p) => p.toLowerCase() === 'base64')) {
      const clean = body.replace(/\s+/g, '')
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return null
      const bin = atob(clean.replace(/-/g, '+').replace(/_/g, '/'))
      const bytes = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
      return { mime, bytes }
    }
    return { mime, bytes: new TextEncoder().encode(decodeURIComponent(body)) }
  } catch {
    return null
  }
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0))
const MAGIC: [ImageMime, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', ascii('GIF87a')],
  ['image/gif', ascii('GIF89a')],
]
const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')

const startsWith = (bytes: Uint8Array, magic: number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b)

/** The image type of some bytes, from their first bytes (never from a name or a declared type). */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  for (const [mime, magic] of MAGIC) if (startsWith(bytes, magic)) return mime
  return startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8) ? 'image/webp' : null
}

/** Collects the files a converter meets, once per distinct data URL. */
export class ImageFiles {
  private readonly byUrl = new Map<string, EmbeddedImage>()

  /**
   * The key of the file behind `dataUrl` (declared type `declared`, as the source states it), or
   * the kind of skip to count: a file that is not a data URL, that does not decode, or whose bytes
   * are not a PNG, JPEG, GIF or WebP.
   */
  add(dataUrl: unknown, declared?: unknown): { key: string } | { skip: string } {
    if (typeof dataUrl !== 'string' || dataUrl === '') return { skip: 'image (missing file)' }
    const known = this.byUrl.get(dataUrl)
    if (known) return { key: known.key }
    if (!/^data:/i.test(dataUrl)) return { skip: 'image (linked, not embedded)' }
    const d = decodeDataUrl(dataUrl)
    if (!d || d.bytes.length === 0) return { skip: 'image (unreadable data)' }
    const mime = sniffImage(d.bytes)
    if (!mime) {
      const said = typeof declared === 'string' && declared ? declared : d.mime
      return { skip: MIMES.includes(said) || !said ? 'image (unreadable data)' : `image (unsupported type ${said.slice(0, 40)})` }
    }
    const file: EmbeddedImage = { key: `import-file-${this.byUrl.size + 1}`, mimeType: mime, bytes: d.bytes }
    this.byUrl.set(dataUrl, file)
    return { key: file.key }
  }

  list(): EmbeddedImage[] {
    return [...this.byUrl.values()]
  }
}

/**
 * The scene with each image item's file key replaced by its uploaded asset id; an image whose
 * file was not uploaded is left out and counted in `skip` ("image not uploaded (too large)").
 * References to left-out items (parent, arrow bindings) are dropped.
 */
export function placeImages(scene: SceneJSON, uploads: ReadonlyMap<string, Upload>, skip: SkipTally): SceneJSON {
  const items = scene.items.flatMap((it) => {
    if (it.type !== 'image') return [it]
    const up = it.image === undefined ? undefined : uploads.get(it.image)
    if (up?.ok) return [{ ...it, image: up.assetId }]
    skip.add(`image not uploaded (${up ? up.reason : 'no upload'})`)
    return []
  })
  return { ...scene, items: withoutDangling(items) }
}

/** Drops parent and binding references to items that are not in the list. */
export function withoutDangling<T extends SceneJSON['items'][number]>(items: T[]): T[] {
  const kept = new Set(items.map((i) => i.id))
  return items.map((it) => {
    if (!(it.parentId && !kept.has(it.parentId)) && !(it.startBinding && !kept.has(it.startBinding.itemId)) && !(it.endBinding && !kept.has(it.endBinding.itemId)))
      return it
    const out = { ...it }
    if (out.parentId && !kept.has(out.parentId)) delete out.parentId
    if (out.startBinding && !kept.has(out.startBinding.itemId)) delete out.startBinding
    if (out.endBinding && !kept.has(out.endBinding.itemId)) delete out.endBinding
    return out
  })
}
