import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { ANN as BASE_ANN, BEA, items, openUser } from './helpers'

// Ann in green here: her laser is found by counting pixels of her colour on Bea's screen
const ANN = { ...BASE_ANN, color: '#2f9e44' }

const env = useServerAndBrowser()

/** Pixels in a page-pixel box of a screenshot that are close to `hex` (decoded in the page). */
async function pixelsNear(page: Page, box: { x: number; y: number; width: number; height: number }, hex: string): Promise<number> {
  const png = await page.screenshot({ clip: box })
  return page.evaluate(
    async ({ b64, hex }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const bmp = await createImageBitmap(new Blob([raw], { type: 'image/png' }))
      const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
      g.drawImage(bmp, 0, 0)
      const px = g.getImageData(0, 0, bmp.width, bmp.height).data
      const [r, gg, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
      let n = 0
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - r!) + Math.abs(px[i + 1]! - gg!) + Math.abs(px[i + 2]! - b!) < 60) n++
      return n
    },
    { b64: png.toString('base64'), hex },
  )
}

describe('laser pointer', () => {
  it('K: Ann’s laser trail is drawn at Bea in Ann’s colour, fades within seconds, and is never stored', async () => {
    const room = 'laser-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN)
    const B = await openUser(env.browser, env.server.url, room, BEA)
    const box = { x: 300, y: 250, width: 500, height: 300 }
    expect(await pixelsNear(B.page, box, ANN.color)).toBe(0)
    // Ann's cursor (arrow and name tag, in her colour) alone, for comparison
    await A.page.mouse.move(350, 300, { steps: 3 })
    const cursorOnly = await waitFor(async () => {
      const n = await pixelsNear(B.page, box, ANN.color)
      return n > 0 ? n : null
    }, { message: 'Ann’s cursor at Bea' })

    await A.page.keyboard.press('k')
    expect(await A.page.evaluate(() => window.__tessera!.store.get().tool)).toBe('laser')
    await A.page.mouse.move(350, 300)
    await A.page.mouse.down()
    // sweep, then look at Bea's screen at once (the trail only lasts a second)
    let seen = 0
    let laser: number[] = []
    for (let round = 0; round < 6 && seen < cursorOnly! + 60; round++) {
      for (let i = 0; i < 8; i++) await A.page.mouse.move(350 + i * 50, 300 + (i % 2) * 200, { steps: 2 })
      const got = await B.page.evaluate((id) => (window.__tessera!.conn.awareness.getStates().get(id) as { laser?: number[] }).laser ?? [], A.clientId)
      if (got.length > laser.length) laser = got
      seen = await pixelsNear(B.page, box, ANN.color)
    }
    expect(seen).toBeGreaterThanOrEqual(cursorOnly! + 60)
    expect(laser.length % 3).toBe(0)
    expect(laser.length).toBeGreaterThanOrEqual(6)
    await A.page.mouse.up()

    // fades: gone from Bea's screen and from Ann's awareness state
    await waitFor(async () => (await pixelsNear(B.page, box, ANN.color)) <= cursorOnly! + 20, { timeout: 4000, message: 'trail faded at Bea' })
    await waitFor(async () => (await B.page.evaluate((id) => 'laser' in (window.__tessera!.conn.awareness.getStates().get(id) ?? {}), A.clientId)) === false, {
      message: 'laser field gone',
    })
    expect(await items(A.page)).toEqual([])
    expect(await items(B.page)).toEqual([])
  }, 150_000)
})
