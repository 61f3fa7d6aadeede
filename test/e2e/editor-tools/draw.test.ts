import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { drag, items, openTools } from './helpers'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
  browser = await launchBrowser()
  for (const _ of [0, 1]) {
    const { context, page } = await openTools(browser, server.url, 'tools-draw')
    contexts.push(context)
    if (!a) a = page
    else b = page
  }
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

describe('drawing with the mouse', () => {
  it('draws a rectangle from the toolbar; it appears in the other browser', async () => {
    await a.click('[data-testid="tool-rect"]')
    expect(await a.getAttribute('[data-testid="tool-rect"]', 'aria-pressed')).toBe('true')
    await drag(a, [300, 250], [420, 330])
    const [rect] = await items(a)
    expect(rect).toMatchObject({ type: 'rect', width: 120, height: 80 })
    // back on select with the new shape selected
    expect(await a.getAttribute('[data-testid="tool-select"]', 'aria-pressed')).toBe('true')
    expect(await a.evaluate(() => window.__tessera!.store.get().selection)).toEqual([rect!.id])
    await waitFor(async () => (await items(b)).some((i) => i.id === rect!.id && i.width === 120), { timeout: 1000 })
  })

  it('draws every other shape type with its shortcut', async () => {
    const before = (await items(a)).length
    await a.keyboard.press('o')
    await drag(a, [500, 250], [600, 300], { shift: true })
    await a.keyboard.press('l')
    await drag(a, [300, 420], [420, 430], { shift: true })
    await a.keyboard.press('a')
    await drag(a, [500, 420], [600, 480])
    await a.keyboard.press('p')
    await a.mouse.move(700, 250)
    await a.mouse.down()
    for (let i = 1; i <= 30; i++) await a.mouse.move(700 + i * 5, 250 + Math.round(20 * Math.sin(i / 4)))
    await a.mouse.up()
    await a.keyboard.press('n')
    await a.mouse.click(900, 450)
    await a.keyboard.type('note')
    await a.keyboard.press('Escape')
    await a.keyboard.press('t')
    await a.mouse.click(300, 600)
    await a.keyboard.type('words')
    await a.keyboard.press('Escape')

    const all = await items(a)
    expect(all.length).toBe(before + 6)
    const byType = (t: string) => all.find((i) => i.type === t)!
    expect(byType('ellipse')).toMatchObject({ width: 100, height: 100 }) // Shift = circle
    expect(byType('line')).toMatchObject({ height: 0, width: expect.closeTo(120.4, 0) }) // Shift = 45° steps
    expect(byType('arrow').points).toEqual([0, 0, 100, 60])
    expect(byType('path').points!.length).toBeGreaterThanOrEqual(6)
    expect(byType('path').points!.length).toBeLessThan(62) // simplified
    expect(byType('sticky')).toMatchObject({ text: 'note', width: 200, height: 200, fill: '#fff59d' })
    expect(byType('text')).toMatchObject({ text: 'words' })
    await a.screenshot({ path: '/tmp/tessera-tools-draw.png' })
  })

  it('a style change on the selection reaches the other browser', async () => {
    const rect = (await items(a)).find((i) => i.type === 'rect')!
    await a.evaluate((id) => window.__tessera!.store.setSelection([id]), rect.id)
    await a.click('[data-testid="style-fill-a5d8ff"]')
    await a.click('[data-testid="style-stroke-e03131"]')
    await a.click('[data-testid="style-width-8"]')
    await waitFor(async () => {
      const r = (await items(b)).find((i) => i.id === rect.id)
      return r?.fill === '#a5d8ff' && r.stroke === '#e03131' && r.strokeWidth === 8
    })
  })

  it('undo in A reverts A’s change but not B’s', async () => {
    // B adds an ellipse; A draws a rect; A undoes once
    await b.keyboard.press('o')
    await drag(b, [800, 600], [880, 680])
    await waitFor(async () => (await items(a)).filter((i) => i.type === 'ellipse').length === 2)
    await a.keyboard.press('r')
    await drag(a, [1000, 600], [1100, 700])
    const n = (await items(a)).length
    const mine = await a.evaluate(() => window.__tessera!.store.get().selection[0]!)
    await a.click('[data-testid="undo"]')
    await waitFor(async () => (await items(b)).length === n - 1)
    const left = await items(b)
    expect(left.filter((i) => i.type === 'ellipse')).toHaveLength(2) // B's ellipse survives
    expect(left.some((i) => i.id === mine)).toBe(false)
    await a.keyboard.press('Control+Shift+Z')
    await waitFor(async () => (await items(b)).length === n)
  })

  it('keyboard: select all, duplicate, delete and nudge act on the page', async () => {
    await a.keyboard.press('Escape')
    await a.mouse.move(640, 760)
    await a.keyboard.press('Control+a')
    const all = await items(a)
    expect((await a.evaluate(() => window.__tessera!.store.get().selection)).length).toBe(all.length)
    await a.keyboard.press('Control+d')
    expect((await items(a)).length).toBe(all.length * 2)
    await a.keyboard.press('Delete')
    expect((await items(a)).length).toBe(all.length)
    await a.keyboard.press('Control+a')
    await a.keyboard.press('Shift+ArrowRight')
    await a.keyboard.press('ArrowDown')
    const moved = await items(a)
    const r0 = all.find((i) => i.type === 'rect')!
    expect(moved.find((i) => i.id === r0.id)).toMatchObject({ x: r0.x + 10, y: r0.y + 1 })
  })
})
