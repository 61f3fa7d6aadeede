import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { itemsMap, updateItems } from '../../../src/doc'
import { newClient, synced, type Client } from '../../helpers/clients'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from './fixture'
import { toScreen } from './helpers'

// Each item component subscribes to its own item: a change re-renders the items it touched and
// nothing else, and dragging an item re-renders it at the doc's write rate, not per pointer move.
const boards = useBoards('render')

/** A 6×5 grid of rects around the origin (all in the viewport), and a Node client writing to the room. */
async function seed(): Promise<{ room: string; writer: Client; ids: string[] }> {
  const { room, ids } = await boards.seedRoom(Array.from({ length: 30 }, (_, i) => ({
    type: 'rect' as const, pageId: 'page-1', x: -540 + (i % 6) * 180, y: -330 + Math.floor(i / 6) * 140, width: 120, height: 80,
  })))
  const writer = newClient(boards.server.wsUrl, room)
  boards.clients.push(writer)
  await synced(writer.provider)
  return { room, writer, ids }
}

/** Opens the room with render counting on (the count starts before the app loads). */
async function open(room: string): Promise<Page> {
  const context = await boards.browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(() => {
    localStorage.setItem('tessera.tutorialSeen.v1', '1')
    window.__tesseraRenderCounts = {}
  })
  return boards.open(room, 30, context)
}

const counts = (page: Page) => page.evaluate(() => ({ ...window.__tesseraRenderCounts }))
const resetCounts = (page: Page) => page.evaluate(() => void (window.__tesseraRenderCounts = {}))
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))

describe('re-render scope', () => {
  it('a remote change to one item re-renders that item only', async () => {
    const { room, writer, ids } = await seed()
    const page = await open(room)
    expect(Object.keys(await counts(page)).length).toBe(30) // every item rendered once at least
    await resetCounts(page)

    const target = ids[7]!
    updateItems(writer.doc, [{ id: target, patch: { x: -100, fill: '#fecaca' } }])
    await page.waitForFunction((id) => (window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown }).get('x') === -100, target)
    await settle(page)
    expect(await counts(page)).toEqual({ [target]: 1 })

    // two items in one transaction: those two, once each
    await resetCounts(page)
    updateItems(writer.doc, [{ id: ids[0]!, patch: { y: -320 } }, { id: ids[29]!, patch: { y: 300 } }])
    await waitFor(async () => Object.keys(await counts(page)).length === 2)
    await settle(page)
    expect(await counts(page)).toEqual({ [ids[0]!]: 1, [ids[29]!]: 1 })
    expect(itemsMap(writer.doc).size).toBe(30)
  })

  it('dragging one item re-renders only it, and far fewer times than the pointer moved', async () => {
    const { room, ids } = await seed()
    const page = await open(room)
    await resetCounts(page)
    const item = await page.evaluate((id) => {
      const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): number }
      return { x: m.get('x'), y: m.get('y') }
    }, ids[14]!)
    const start = await toScreen(page, { x: item.x + 60, y: item.y + 40 })
    // count the frames the page paints during the drag: writes (and so re-renders) are paced
    // per frame, so on a slow machine, where each pointer move takes a frame or more, the bound is
    // the frame count rather than a fixed share of the moves
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __counting: boolean }
      w.__frames = 0
      w.__counting = true
      const tick = () => {
        if (!w.__counting) return
        w.__frames++
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    const MOVES = 40
    for (let i = 1; i <= MOVES; i++) await page.mouse.move(start.x + i * 4, start.y + i * 2)
    await page.mouse.up()
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __counting: boolean }
      w.__counting = false
      return w.__frames
    })
    await page.waitForFunction((id) => (window.__tessera!.doc.getMap('items').get(id) as { get(k: string): number }).get('x') !== -540 + 2 * 180, ids[14]!)
    await settle(page)
    const c = await counts(page)
    expect(Object.keys(c)).toEqual([ids[14]])
    expect(c[ids[14]!]).toBeGreaterThanOrEqual(1)
    // at most one re-render per painted frame (plus the drop), and never one per pointer move
    expect(c[ids[14]!]).toBeLessThanOrEqual(Math.min(frames + 2, MOVES - 1))
  })
})
