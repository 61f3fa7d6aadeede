// Issue 15, big selections: Ctrl+A while only the first view's items are mounted (culling), then a
// zoom to fit that mounts the rest. The selection box took in only the items mounted at the
// Ctrl+A until the next edit or selection change, so a resize right after the zoom stretched the
// ~50 items of the first view and left the other selected items as they were.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openBoard } from '../../helpers/app'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { dragBoxCorner, seedGrid, SIZE } from './bigBoard'

const env = useServerAndBrowser()
const COUNT = 400

/** How many items the page's document holds at the seeded size, and how many at another. */
function sized(page: Page): Promise<{ seeded: number; changed: number }> {
  return page.evaluate((size) => {
    let seeded = 0
    let changed = 0
    window.__tessera!.doc.getMap('items').forEach((v) => {
      const m = v as { get(k: string): number }
      if (m.get('width') === size && m.get('height') === size) seeded++
      else changed++
    })
    return { seeded, changed }
  }, SIZE)
}

describe('big selections, selected before they are mounted', () => {
  it(`Ctrl+A at the first view, Shift+1, then a drag of the box's corner resizes all ${COUNT}`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-select-fit', COUNT)
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
    const { page } = await openBoard(env.browser, env.server.url, room, { context })
    await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, COUNT, { timeout: 60_000 })
    const first = await page.evaluate(() => window.__tessera!.rendered)
    expect(first).toBeLessThan(COUNT / 2) // the first view mounts part of the grid

    await page.mouse.click(5, 400)
    await page.keyboard.press('Control+a')
    await page.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    await page.keyboard.press('Shift+Digit1')
    await page.waitForFunction((n) => window.__tessera!.rendered === n, COUNT, { timeout: 30_000 })

    // the box stands for the whole selection now: one proxy spanning all COUNT items
    await waitFor(
      () => page.evaluate(() => {
        const w = window as unknown as { Konva: { stages: { find(s: string): { nodes(): { name(): string }[] }[] }[] } }
        return w.Konva.stages[0]!.find('Transformer')[0]!.nodes()[0]?.name() === 'big-selection-proxy'
      }),
      { timeout: 10_000, message: 'the selection box to hold every selected item once mounted' },
    )
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    await dragBoxCorner(page, -30, -20)
    await waitFor(async () => (await sized(page)).changed > 0, { timeout: 20_000, message: 'the resize to be written' })
    expect(await sized(page)).toEqual({ seeded: 0, changed: COUNT })
  })
})
