// A board on a phone: 390×844 with touch. Every button a person can see is on the screen, at
// least 40 px each way, and covers no other visible button — on the bare board, with the style
// panel open (a drawing tool picked), and with the Share dialog open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'

let server: RunningServer
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  server = await startServer({ args: [] })
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.dispose()
})

interface Box { name: string; x: number; y: number; w: number; h: number }

/** Buttons a person can see and tap: laid out, and the topmost element at their centre. */
async function visibleButtons(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const out: Box[] = []
    for (const b of document.querySelectorAll<HTMLElement>('button, [role="button"], a.ts-btn')) {
      const r = b.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden') continue
      const cx = Math.min(Math.max(r.x + r.width / 2, 0), innerWidth - 1)
      const cy = Math.min(Math.max(r.y + r.height / 2, 0), innerHeight - 1)
      const top = document.elementFromPoint(cx, cy)
      if (!top || !(b === top || b.contains(top))) continue // covered (e.g. by a sheet or dialog)
      out.push({ name: b.dataset.testid ?? b.getAttribute('aria-label') ?? (b.textContent ?? '').trim().slice(0, 20), x: r.x, y: r.y, w: r.width, h: r.height })
    }
    return out
  })
}

function check(boxes: Box[]): void {
  expect(boxes.length).toBeGreaterThan(3)
  for (const b of boxes) {
    expect(b.x, `${b.name} leaves the screen on the left`).toBeGreaterThanOrEqual(0)
    expect(b.y, `${b.name} leaves the screen at the top`).toBeGreaterThanOrEqual(0)
    expect(b.x + b.w, `${b.name} leaves the screen on the right`).toBeLessThanOrEqual(390)
    expect(b.y + b.h, `${b.name} leaves the screen at the bottom`).toBeLessThanOrEqual(844)
    expect(Math.min(b.w, b.h), `${b.name} is smaller than a 40 px touch target`).toBeGreaterThanOrEqual(40)
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!]
      // nested buttons (a button inside a labelled group) are not an overlap
      const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
      const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
      expect(overlapX > 0.5 && overlapY > 0.5, `${a.name} overlaps ${b.name}`).toBe(false)
    }
}

describe('a board on a 390×844 touch screen', () => {
  it('shows every visible button on screen, 40 px or more, none over another', async () => {
    const page = await context.newPage()
    await page.goto(server.url + '/')
    await page.tap('[data-testid="create-board"]')
    await page.waitForFunction(() => (window as unknown as { __tessera?: { synced?: boolean } }).__tessera?.synced === true, null, { timeout: 20_000 })
    await page.waitForSelector('[data-testid="tool-rect"]')
    await page.waitForTimeout(500)
    check(await visibleButtons(page))
    // the tools are reachable: tapping the rectangle tool picks it
    await page.tap('[data-testid="tool-rect"]')
    expect(await page.evaluate(() => window.__tessera!.store.get().tool)).toBe('rect')
    await page.waitForTimeout(300)
    check(await visibleButtons(page)) // style panel open as a sheet
    await page.tap('[data-testid="tool-select"]').catch(() => {})
    await page.tap('[data-testid="share-button"]')
    await page.waitForSelector('[data-testid="share-dialog"]')
    const dialog = await page.$eval('[data-testid="share-dialog"]', (d) => d.getBoundingClientRect().toJSON() as DOMRect)
    expect(dialog.x).toBeGreaterThanOrEqual(0)
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(390)
    check(await visibleButtons(page))
  })
})
