import type { Browser, Page } from 'playwright-core'
import { openBoard } from '../../helpers/app'

export interface PlainItem {
  id: string
  type: string
  pageId: string
  x: number
  y: number
  width: number
  height: number
  fill: string
  stroke: string
  strokeWidth: number
  opacity: number
  points?: number[]
  text?: string
}

/** Opens a board with the first-run tour marked as seen (it would cover the canvas). */
export async function openTools(browser: Browser, url: string, room: string, permissions: string[] = []) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  if (permissions.length > 0) await context.grantPermissions(permissions, { origin: url })
  await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
  const { page } = await openBoard(browser, url, room, { context })
  await page.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 15_000 })
  await page.waitForSelector('[data-testid="tool-rect"]')
  return { context, page }
}

/** Every item in the page's doc, as plain data (Y.Text as a string). */
export async function items(page: Page): Promise<PlainItem[]> {
  return page.evaluate(() => {
    const m = window.__tessera!.doc.getMap('items')
    return [...m.entries()].map(([id, v]) => ({ id, ...(v as { toJSON(): object }).toJSON() }) as never)
  })
}

export async function drag(page: Page, from: [number, number], to: [number, number], opts: { steps?: number; shift?: boolean } = {}) {
  await page.mouse.move(from[0], from[1])
  if (opts.shift) await page.keyboard.down('Shift')
  await page.mouse.down()
  await page.mouse.move(to[0], to[1], { steps: opts.steps ?? 8 })
  await page.mouse.up()
  if (opts.shift) await page.keyboard.up('Shift')
}

/** Scene point → page pixel, from the page's live camera (the canvas fills the window). */
export async function screenOf(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(
    ([x, y]) => {
      const { camera: c, viewportSize: v } = window.__tessera!.store.get()
      return [(x - c.x) * c.zoom + v.width / 2, (y - c.y) * c.zoom + v.height / 2] as [number, number]
    },
    [x, y] as const,
  )
}
