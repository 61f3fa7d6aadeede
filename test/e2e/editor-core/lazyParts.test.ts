import { describe, expect, it } from 'vitest'
import { useBoards } from './fixture'

const boards = useBoards('lazy-parts')

describe('lazily loaded parts of the board', () => {
  it('a style panel whose code cannot be fetched at first (network gone) leaves the board working, and appears once the fetch works again', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: 0, y: 0, width: 120, height: 80 }])
    const context = await boards.browser.newContext()
    let refused = 0
    let blocked = true
    await context.route(/StylePanel-[^/]*\.js/, (route) => {
      if (!blocked) return route.continue()
      refused++
      return route.abort('internetdisconnected')
    })
    const page = await boards.open(room, 1, context)

    // the board asks for the panel's code at its first idle moment, and is refused
    await expect.poll(() => refused, { timeout: 20_000 }).toBeGreaterThan(0)
    await page.waitForTimeout(500)
    // the board is still there: its store, its canvas, its item
    expect(await page.evaluate(() => window.__tessera !== undefined)).toBe(true)
    expect(await page.locator('canvas').count()).toBeGreaterThan(0)
    expect(await page.evaluate(() => window.__tessera!.store.get().selection.length)).toBe(0)

    // the network is back: the part is fetched again and shows for a selection
    blocked = false
    await page.keyboard.press('Control+a')
    await expect.poll(() => page.evaluate(() => window.__tessera!.store.get().selection.length)).toBe(1)
    await expect.poll(() => page.locator('[data-testid=style-panel]').count(), { timeout: 40_000 }).toBe(1)
  })
})
