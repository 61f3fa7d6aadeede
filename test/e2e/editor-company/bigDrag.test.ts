// Issue 15, big selections: a select-all drag of hundreds of items moves them as one bitmap (the
// items layer paints the dragged items, offset, over the rest) and writes once, at the drop.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { openBoard } from '../../helpers/app'
import { toScreen } from '../editor-core/helpers'
import { N, positions, seedGrid, SIZE, SPACING } from './bigBoard'

const env = useServerAndBrowser()

async function open(room: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const { page } = await openBoard(env.browser, env.server.url, room, { context })
  await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n, N, { timeout: 30_000 })
  return page
}

/** The colour the items canvas (the first one) shows at screen point `p`, as [r, g, b]. */
function pixel(page: Page, p: { x: number; y: number }): Promise<number[]> {
  return page.evaluate(({ x, y }) => {
    const c = document.querySelector('[data-testid="canvas"] canvas') as HTMLCanvasElement
    const r = c.getBoundingClientRect()
    const k = c.width / r.width
    const d = c.getContext('2d')!.getImageData(Math.round((x - r.left) * k), Math.round((y - r.top) * k), 1, 1).data
    return [d[0]!, d[1]!, d[2]!]
  }, p)
}

const isRed = (c: number[]) => c[0]! > 200 && c[1]! < 80 && c[2]! < 80

describe('dragging a big selection', () => {
  it(`select-all + drag of ${N} items: the picture follows the pointer, nothing is written until the drop, then every item moved by the same delta in one undo step`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-drag')
    const a = await open(room)
    const b = await open(room)
    const before = await positions(a)

    await a.mouse.click(5, 400)
    await a.keyboard.press('Shift+Digit1')
    await a.waitForTimeout(500)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, N)
    await a.waitForTimeout(500)
    const redraws0 = await a.evaluate(() => performance.getEntriesByName('tessera:items-bitmap-draw').length)

    // grab the centre of the rect in the middle of the grid; drag by half a grid cell right and down
    const id = Object.entries(before).find(([, [x, y]]) => x === 10 * SPACING && y === 10 * SPACING)![0]
    const centre = { x: 10 * SPACING + SIZE / 2, y: 10 * SPACING + SIZE / 2 }
    const start = await toScreen(a, centre)
    const end = await toScreen(a, { x: centre.x + SPACING / 2, y: centre.y + SPACING / 2 })
    expect(isRed(await pixel(a, start))).toBe(true)
    await a.mouse.move(start.x, start.y)
    await a.mouse.down()
    for (let i = 1; i <= 10; i++) await a.mouse.move(start.x + ((end.x - start.x) * i) / 10, start.y + ((end.y - start.y) * i) / 10)
    await a.waitForTimeout(300)
    // mid-drag: the items are drawn where the pointer took them, their old places are empty
    expect(isRed(await pixel(a, end))).toBe(true)
    expect(isRed(await pixel(a, start))).toBe(false)
    // ... from a bitmap, drawn at most once for the drag (not at all when the picture on screen is
    // current: it floats as it is), not per pointer move
    const redraws = (await a.evaluate(() => performance.getEntriesByName('tessera:items-bitmap-draw').length)) - redraws0
    expect(redraws).toBeLessThanOrEqual(1)
    // nothing written yet: neither A's doc nor B's has moved
    expect((await positions(a))[id]).toEqual(before[id])
    expect((await positions(b))[id]).toEqual(before[id])
    // others are told about at most 300 of the dragged ids (awareness stays small)
    const aId = await a.evaluate(() => window.__tessera!.conn.awareness.clientID)
    const announced = await b.evaluate((cid) => {
      const st = window.__tessera!.conn.awareness.getStates().get(cid) as { selection?: string[]; editing?: string[] } | undefined
      return { selection: st?.selection?.length ?? -1, editing: st?.editing?.length ?? -1 }
    }, aId)
    expect(announced.selection).toBeGreaterThan(0)
    expect(announced.selection).toBeLessThanOrEqual(300)
    expect(announced.editing).toBeLessThanOrEqual(300)

    await a.mouse.up()
    const moved = (await positions(a))[id]!
    const dx = moved[0] - before[id]![0]
    const dy = moved[1] - before[id]![1]
    expect(Math.abs(dx - SPACING / 2)).toBeLessThan(12)
    expect(Math.abs(dy - SPACING / 2)).toBeLessThan(12)
    // every item by the same delta, and B sees the final positions
    const after = await positions(a)
    for (const [k, [x, y]] of Object.entries(before)) expect(after[k]).toEqual([x + dx, y + dy])
    await waitFor(async () => JSON.stringify(await positions(b)) === JSON.stringify(after), { timeout: 15_000, message: 'B to see the drop' })
    // the crisp redraw shows them there too
    await a.waitForTimeout(300)
    expect(isRed(await pixel(a, end))).toBe(true)

    // one Ctrl+Z puts all of them back
    await a.keyboard.press('Control+z')
    await waitFor(async () => JSON.stringify(await positions(a)) === JSON.stringify(before), { message: 'undo restores every item' })
  })
})
