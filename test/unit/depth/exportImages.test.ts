import { describe, expect, it } from 'vitest'
import type { Item } from '../../../src/doc'
import { dataUrl, embeddedAssets } from '../../../src/canvas/export/embedAssets'
import { exportSvg } from '../../../src/canvas/export/svg'

// a real 1×1 red PNG
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)
const base = { pageId: 'page-1', index: 'a0', rotation: 0, opacity: 1, fill: 'transparent', stroke: 'transparent', strokeWidth: 0 }
const image = (id: string, asset: string, x = 0): Item => ({ ...base, id, type: 'image', image: asset, x, y: 0, width: 40, height: 30 })

describe('images in SVG and PNG exports', () => {
  it('the SVG carries the image bytes as a data URL, so the file stands alone', async () => {
    const loads: string[] = []
    const items = [image('i1', 'a'.repeat(64)), image('i2', 'a'.repeat(64), 100)]
    const href = await embeddedAssets(items, async (id) => {
      loads.push(id)
      return new Blob([PNG], { type: 'image/png' })
    })
    const { svg } = exportSvg(items, { assetHref: href })
    const hrefs = [...svg.matchAll(/<image href="([^"]+)"/g)].map((m) => m[1]!)
    expect(hrefs).toHaveLength(2)
    for (const h of hrefs) {
      expect(h.startsWith('data:image/png;base64,')).toBe(true)
      expect(Uint8Array.from(atob(h.split(',')[1]!), (c) => c.charCodeAt(0))).toEqual(PNG)
    }
    expect(svg).not.toContain('asset:')
    // one load per asset, however many items show it
    expect(loads).toEqual(['a'.repeat(64)])
  })

  it('an image whose bytes cannot be loaded (offline, never seen) becomes a placeholder box; the export still succeeds', async () => {
    const href = await embeddedAssets([image('gone', 'b'.repeat(64))], async () => {
      throw new Error('asset 404')
    })
    const { svg } = exportSvg([image('gone', 'b'.repeat(64))], { assetHref: href })
    expect(svg).not.toContain('<image')
    expect(svg).toMatch(/<g data-id="gone"[^>]*><rect width="40" height="30" fill="#e9ecef"/)
  })

  it('data URLs of large files are exact (encoded in chunks)', () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 7) & 255)
    const url = dataUrl(big, 'image/webp')
    expect(url.startsWith('data:image/webp;base64,')).toBe(true)
    expect(Buffer.from(url.split(',')[1]!, 'base64').equals(Buffer.from(big))).toBe(true)
  })
})
