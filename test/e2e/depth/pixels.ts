import type { Page } from 'playwright-core'

// Pixels as the person sees them (screenshots read back in the page), for the image tests.

/** A box in scene coordinates (an item's x, y, width, height). */
export interface SceneBox {
  x: number
  y: number
  width: number
  height: number
}

/** A solid-colour PNG of w×h made by the page's canvas, as a data URL. */
export const pngDataUrl = (page: Page, w: number, h: number, colour: string): Promise<string> =>
  page.evaluate(
    ([w, h, colour]) => {
      const c = document.createElement('canvas')
      c.width = w
      c.height = h
      const g = c.getContext('2d')!
      g.fillStyle = colour
      g.fillRect(0, 0, w, h)
      return c.toDataURL('image/png')
    },
    [w, h, colour] as const,
  )

/**
 * Share of the screen pixels inside an item's box (inset by 8 px) that have colour `rgb` (±40):
 * what the other person actually sees, not just that an item exists.
 */
export async function shareOfColour(page: Page, it: SceneBox, rgb: [number, number, number]): Promise<number> {
  const box = await page.evaluate(
    ([x, y, w, h]) => {
      const { camera: c, viewportSize: v } = window.__tessera!.store.get()
      return { x: (x - c.x) * c.zoom + v.width / 2, y: (y - c.y) * c.zoom + v.height / 2, w: w * c.zoom, h: h * c.zoom }
    },
    [it.x, it.y, it.width, it.height] as const,
  )
  const clip = { x: Math.round(box.x + 8), y: Math.round(box.y + 8), width: Math.round(box.w - 16), height: Math.round(box.h - 16) }
  const png = await page.screenshot({ clip })
  return page.evaluate(
    async ([b64, rgb]) => {
      const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }))
      const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
      g.drawImage(bmp, 0, 0)
      const px = g.getImageData(0, 0, bmp.width, bmp.height).data
      let n = 0
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - rgb[0]) < 40 && Math.abs(px[i + 1]! - rgb[1]) < 40 && Math.abs(px[i + 2]! - rgb[2]) < 40) n++
      return n / (px.length / 4)
    },
    [png.toString('base64'), rgb] as const,
  )
}

