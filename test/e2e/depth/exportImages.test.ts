import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { itemField } from '../editor-core/helpers'

const boards = useBoards('depth-export-img')

async function download(page: Page, testId: string): Promise<Buffer> {
  await page.click('[data-testid="menu-button"]')
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)])
  return readFileSync((await file.path())!)
}

/** Share of pixels of a PNG (decoded in the page) close to the colour (r, g, b). */
function share(page: Page, png: Buffer, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(
    async ([b64, [r, g, b]]) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const bmp = await createImageBitmap(new Blob([raw], { type: 'image/png' }))
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
      ctx.drawImage(bmp, 0, 0)
      const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data
      let n = 0
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - r) < 12 && Math.abs(px[i + 1]! - g) < 12 && Math.abs(px[i + 2]! - b) < 12) n++
      return n / (px.length / 4)
    },
    [png.toString('base64'), rgb] as const,
  )
}

describe('exporting a board with an image', () => {
  it('the SVG embeds the image bytes (a data URL, not a link), and the PNG shows the image', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -300, y: -200, width: 40, height: 40 }])
    const page = await boards.open(room, 1)
    // a 120×80 green PNG, drawn in the page and picked with the image button's file input
    const b64 = await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 120
      c.height = 80
      const g = c.getContext('2d')!
      g.fillStyle = '#2f9e44'
      g.fillRect(0, 0, 120, 80)
      return c.toDataURL('image/png').split(',')[1]!
    })
    const bytes = Buffer.from(b64, 'base64')
    await page.getByTestId('image-file-input').setInputFiles({ name: 'green.png', mimeType: 'image/png', buffer: bytes })
    const id = await (async () => {
      await expect.poll(() => page.evaluate(() => window.__tessera!.store.get().selection.length), { timeout: 20_000 }).toBe(1)
      return page.evaluate(() => window.__tessera!.store.get().selection[0]!)
    })()
    expect(await itemField(page, id, 'type')).toBe('image')
    await page.keyboard.press('Escape') // export the whole page

    const svg = (await download(page, 'menu-export-svg')).toString('utf8')
    const hrefs = [...svg.matchAll(/<image href="([^"]+)"/g)].map((m) => m[1]!)
    expect(hrefs).toHaveLength(1)
    expect(hrefs[0]!.startsWith('data:image/png;base64,')).toBe(true)
    expect(Buffer.from(hrefs[0]!.split(',')[1]!, 'base64').equals(bytes)).toBe(true)
    expect(svg).not.toContain('asset:')

    // the PNG export draws the SVG through an <img>: with a link the image would be blank
    const png = await download(page, 'menu-export-png')
    // the image is 120×80 of the ~424×304 exported (the rect at (-300,-200), 32 of padding): ~7%
    expect(await share(page, png, [0x2f, 0x9e, 0x44])).toBeGreaterThan(0.06)
  })
})
