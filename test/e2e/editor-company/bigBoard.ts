// Shared by the big-board browser tests (bigDrag, bigBoardMoves): a room seeded with a grid of
// red squares, and the positions the page's document holds.
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { openBoard } from '../../helpers/app'
import { addItems, ensureDefaultPage, itemsMap } from '../../../src/doc'
import { newClient, synced } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'

export const N = 400
export const SIDE = 20
export const SPACING = 160
export const SIZE = 60

/** A new room (named after `name`) holding `n` (default N) red SIZE×SIZE squares on a SIDE-wide grid, SPACING apart. */
export async function seedGrid(wsUrl: string, name: string, n = N): Promise<string> {
  const room = `${name}-${Date.now()}`
  const seeder = newClient(wsUrl, room)
  await synced(seeder.provider)
  ensureDefaultPage(seeder.doc)
  const r = addItems(
    seeder.doc,
    Array.from({ length: n }, (_, i) => ({ type: 'rect' as const, pageId: 'page-1', x: (i % SIDE) * SPACING, y: Math.floor(i / SIDE) * SPACING, width: SIZE, height: SIZE, fill: '#ff0000', stroke: '#ff0000' })),
  )
  expect(r.ok).toBe(true)
  // the server has them (a second client sees them) before the seeder goes: an update sent just
  // before the seeder's socket closed was sometimes lost, and the board opened empty
  const check = newClient(wsUrl, room)
  try {
    await synced(check.provider)
    await waitFor(() => itemsMap(check.doc).size === n, { timeout: 30_000, message: `the server to hold the ${n} seeded items` })
  } finally {
    check.destroy()
    seeder.destroy()
  }
  return room
}

/** Every item's [x, y] as the page's document holds them. */
export function positions(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const out: Record<string, [number, number]> = {}
    window.__tessera!.doc.getMap('items').forEach((v, id) => {
      const m = v as { get(k: string): number }
      out[id] = [m.get('x'), m.get('y')]
    })
    return out
  })
}

/**
 * A 1280×800 page on `room` (tutorial seen, item component renders counted in
 * `window.__tesseraRenderCounts`) once it holds `count` items, zoomed to fit with all of them mounted.
 */
export async function openFitted(browser: Browser, serverUrl: string, room: string, count: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(() => {
    localStorage.setItem('tessera.tutorialSeen.v1', '1')
    window.__tesseraRenderCounts = {}
  })
  const { page } = await openBoard(browser, serverUrl, room, { context })
  await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, count, { timeout: 60_000 })
  await page.mouse.click(5, 400)
  await page.keyboard.press('Shift+Digit1')
  await page.waitForFunction((n) => window.__tessera!.rendered === n, count, { timeout: 30_000 })
  return page
}

/** Item component renders counted on the page since it opened or since the counts were reset. */
export const renders = (page: Page): Promise<number> => page.evaluate(() => Object.values(window.__tesseraRenderCounts ?? {}).reduce((a, b) => a + b, 0))

/** Drags the selection box's bottom-right handle in four pointer moves of (dx, dy) px, then lets go. */
export async function dragBoxCorner(page: Page, dx: number, dy: number): Promise<void> {
  const corner = await page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { find(s: string): { findOne(s: string): { getClientRect(): { x: number; y: number; width: number; height: number } } }[] }[] } }
    const q = w.Konva.stages[0]!.find('Transformer')[0]!.findOne('.bottom-right').getClientRect()
    const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
    return { x: c.left + q.x + q.width / 2, y: c.top + q.y + q.height / 2 }
  })
  await page.mouse.move(corner.x, corner.y)
  await page.mouse.down()
  for (let i = 1; i <= 4; i++) await page.mouse.move(corner.x + i * dx, corner.y + i * dy)
  await page.mouse.up()
}
