import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { ANN, BEA, drawRect, items, openUser } from './helpers'

const env = useServerAndBrowser()

/** Mean brightness (0..255) of a screenshot box, and of its darkest pixels' share. */
async function brightness(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = await page.screenshot({ clip: box })
  return page.evaluate(async (b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const bmp = await createImageBitmap(new Blob([raw], { type: 'image/png' }))
    const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
    g.drawImage(bmp, 0, 0)
    const px = g.getImageData(0, 0, bmp.width, bmp.height).data
    let sum = 0
    for (let i = 0; i < px.length; i += 4) sum += (px[i]! + px[i + 1]! + px[i + 2]!) / 3
    return sum / (px.length / 4)
  }, png.toString('base64'))
}

const panelBg = (p: Page) => p.evaluate(() => getComputedStyle(document.querySelector('[data-testid="toolbar"]')!).backgroundColor)

describe('dark theme', () => {
  it('follows the system setting, Alt+Shift+D switches and is remembered, and a shape drawn by the other person stays readable', async () => {
    const room = 'theme-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN, { colorScheme: 'light' })
    const B = await openUser(env.browser, env.server.url, room, BEA, { colorScheme: 'dark' })
    const a = A.page
    const b = B.page
    const canvasBox = { x: 700, y: 450, width: 200, height: 150 }

    // Bea's system is dark: her board is dark without asking; Ann's is light
    expect(await brightness(b, canvasBox)).toBeLessThan(60)
    expect(await brightness(a, canvasBox)).toBeGreaterThan(200)
    expect(await panelBg(b)).not.toBe(await panelBg(a))

    // Ann draws; Bea sees the dark ink as light lines on her dark canvas
    await drawRect(a, [400, 300], [600, 420])
    await waitFor(async () => (await items(b)).length === 1, { message: 'rect at Bea' })
    await a.screenshot({ path: '/tmp/tessera-looks-light.png' })
    await b.waitForTimeout(300)
    await b.screenshot({ path: '/tmp/tessera-looks-dark.png' })
    const edge = { x: 395, y: 295, width: 10, height: 130 } // the rect's left edge
    expect(await brightness(b, edge)).toBeGreaterThan(await brightness(b, canvasBox))
    expect(await brightness(a, edge)).toBeLessThan(await brightness(a, canvasBox))

    // Ann switches with the keyboard; the choice survives a reload
    await a.keyboard.press('Alt+Shift+KeyD')
    await waitFor(async () => (await brightness(a, canvasBox)) < 60, { message: 'Ann dark' })
    await a.reload()
    await a.waitForFunction(() => window.__tessera?.synced === true)
    await waitFor(async () => (await brightness(a, canvasBox)) < 60, { message: 'still dark after reload' })
    await a.keyboard.press('Alt+Shift+KeyD')
    await waitFor(async () => (await brightness(a, canvasBox)) > 200, { message: 'Ann light again' })
  })
})
