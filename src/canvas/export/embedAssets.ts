import type { Item } from '../../doc'

/**
 * Image bytes for a standalone export. An SVG that links `asset:<id>` (or the room's URL, which
 * needs the room's token) shows nothing once saved, mailed or opened in another program, and the
 * PNG export, which draws the SVG through an <img>, can load nothing external at all. So the
 * bytes of every image in the export go in as `data:` URLs.
 */

/** What an export writes for an image: its data URL, or null when its bytes could not be had. */
export type AssetHref = (assetId: string) => string | null

/**
 * Data URLs of the assets the items use, loaded through `load` (the board's cache-first loader).
 * Each asset is loaded once however many items show it; one that fails (offline and never seen)
 * is left out, and the export draws a placeholder for it instead of failing.
 */
export async function embeddedAssets(items: readonly Item[], load: (assetId: string) => Promise<Blob>): Promise<AssetHref> {
  const ids = [...new Set(items.flatMap((it) => (it.type === 'image' && it.image ? [it.image] : [])))]
  const urls = new Map<string, string>()
  await Promise.all(
    ids.map(async (id) => {
      try {
        const blob = await load(id)
        urls.set(id, dataUrl(new Uint8Array(await blob.arrayBuffer()), blob.type || 'application/octet-stream'))
      } catch {
        // left out: a placeholder is drawn
      }
    }),
  )
  return (id) => urls.get(id) ?? null
}

/** `data:<type>;base64,…` of some bytes (chunked: String.fromCharCode takes a bounded argument list). */
export function dataUrl(bytes: Uint8Array, type: string): string {
  let bin = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return `data:${type};base64,${btoa(bin)}`
}
