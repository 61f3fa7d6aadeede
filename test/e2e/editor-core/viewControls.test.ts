import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { type ItemInit } from '../../../src/doc'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from './fixture'
import { drag, itemField, toScreen, waitRendered } from './helpers'

// View controls in the browser: Space+drag, middle-drag and the Hand tool pan; Shift+1 frames the
// page; a two-finger pinch zooms around its midpoint; the zoom and undo/redo buttons work.
const boards = useBoards('viewctl')

type Pt = { x: number; y: number }
type Box = { x: number; y: number; width: number; height: number }

const DEFAULT_ITEMS: ItemInit[] = [
  { type: 'rect', pageId: 'page-1', x: -200, y: -100, width: 120, height: 80, fill: '#dbeafe', stroke: '#1d4ed8' },
  { type: 'rect', pageId: 'page-1', x: 100, y: -100, width: 120, height: 80, fill: '#dcfce7', stroke: '#15803d' },
  { type: 'sticky', pageId: 'page-1', x: -50, y: 80, width: 160, height: 160, text: 'hi' },
]

/** A fresh room holding `inits` (by default two 120×80 rects at (-200,-100), (100,-100) and a sticky at (-50,80)). */
const seedRoom = (inits: ItemInit[] = DEFAULT_ITEMS) => boards.seedRoom(inits)

async function open(room: string, n: number, opts: { touch?: boolean } = {}): Promise<Page> {
  const context = opts.touch ? await boards.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true }) : undefined
  return boards.open(room, n, context)
}

const camera = (page: Page) => page.evaluate(() => window.__tessera!.store.get().camera)

/** The scene point under a page (screen) point, from the live camera. */
function sceneAt(page: Page, p: Pt): Promise<Pt> {
  return page.evaluate(
    ([px, py]) => {
      const { camera: c, viewportSize: v } = window.__tessera!.store.get()
      const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      return { x: (px - r.left - v.width / 2) / c.zoom + c.x, y: (py - r.top - v.height / 2) / c.zoom + c.y }
    },
    [p.x, p.y] as const,
  )
}

/** Every item's geometry as the page's doc has it, by id. */
function geometry(page: Page): Promise<Record<string, Box>> {
  return page.evaluate(() => {
    const out: Record<string, Box> = {}
    window.__tessera!.doc.getMap('items').forEach((v, id) => {
      const m = v as { get(k: string): unknown }
      out[id] = { x: m.get('x') as number, y: m.get('y') as number, width: m.get('width') as number, height: m.get('height') as number }
    })
    return out
  })
}

/** The item boxes in page (screen) coordinates together with the canvas rectangle. */
async function screenBoxes(page: Page): Promise<{ canvas: Box; boxes: Box[] }> {
  const geo = await geometry(page)
  const canvas = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
    return { x: r.left, y: r.top, width: r.width, height: r.height }
  })
  const boxes: Box[] = []
  for (const g of Object.values(geo)) {
    const tl = await toScreen(page, { x: g.x, y: g.y })
    const br = await toScreen(page, { x: g.x + g.width, y: g.y + g.height })
    boxes.push({ x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y })
  }
  return { canvas, boxes }
}

const inside = (b: Box, outer: Box) =>
  b.x >= outer.x - 0.5 && b.y >= outer.y - 0.5 && b.x + b.width <= outer.x + outer.width + 0.5 && b.y + b.height <= outer.y + outer.height + 0.5

/**
 * A pan gesture moved the camera by exactly the pointer's travel: the scene point that was under
 * the pointer where the gesture started is under it where it ended; no item moved or got selected.
 */
async function expectPannedBy(page: Page, grabbed: Pt, end: Pt, cam0: { x: number; y: number; zoom: number }, geo0: Record<string, Box>, travel: Pt) {
  const cam = await camera(page)
  expect(cam.zoom).toBe(cam0.zoom)
  expect(cam.x).toBeCloseTo(cam0.x - travel.x / cam0.zoom, 6)
  expect(cam.y).toBeCloseTo(cam0.y - travel.y / cam0.zoom, 6)
  const under = await sceneAt(page, end)
  expect(under.x).toBeCloseTo(grabbed.x, 3)
  expect(under.y).toBeCloseTo(grabbed.y, 3)
  expect(await geometry(page)).toEqual(geo0)
  expect(await page.evaluate(() => window.__tessera!.store.get().selection)).toEqual([])
  expect(await page.evaluate(() => window.__tessera!.store.get().brush)).toBeNull()
}

describe('view controls in the browser', () => {
  it('Space held + left-drag pans by the drag distance and leaves the items alone', async () => {
    const { room, ids } = await seedRoom()
    const page = await open(room, 3)
    const from = await toScreen(page, { x: -140, y: -60 }) // on top of the first rect
    const travel = { x: 150, y: 90 }
    const to = { x: from.x + travel.x, y: from.y + travel.y }
    const grabbed = await sceneAt(page, from)
    const cam0 = await camera(page)
    const geo0 = await geometry(page)
    await page.mouse.move(from.x, from.y)
    await page.keyboard.down('Space')
    await waitFor(async () => (await page.locator('[data-testid="canvas"]').evaluate((el) => el.style.cursor)) === 'grab', { message: 'grab cursor' })
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 10 })
    await page.mouse.up()
    await page.keyboard.up('Space')
    await expectPannedBy(page, grabbed, to, cam0, geo0, travel)
    // Space released: the same drag is a select-tool move of the item again
    const again = await toScreen(page, { x: -140, y: -60 })
    await drag(page, again, { x: again.x + 60, y: again.y })
    await waitFor(async () => ((await itemField(page, ids[0]!, 'x')) as number) > -170, { message: 'a plain drag moves the item' })
    expect(await page.evaluate(() => window.__tessera!.store.get().selection)).toEqual([ids[0]])
  })

  it('middle-button drag pans', async () => {
    const { room } = await seedRoom()
    const page = await open(room, 3)
    const from = await toScreen(page, { x: 160, y: -60 }) // on top of the second rect
    const travel = { x: -120, y: 70 }
    const to = { x: from.x + travel.x, y: from.y + travel.y }
    const grabbed = await sceneAt(page, from)
    const cam0 = await camera(page)
    const geo0 = await geometry(page)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down({ button: 'middle' })
    await page.mouse.move(to.x, to.y, { steps: 10 })
    await page.mouse.up({ button: 'middle' })
    await expectPannedBy(page, grabbed, to, cam0, geo0, travel)
  })

  it('the Hand tool (H) drag pans', async () => {
    const { room } = await seedRoom()
    const page = await open(room, 3)
    await page.keyboard.press('h')
    await waitFor(async () => (await page.evaluate(() => window.__tessera!.store.get().tool)) === 'hand', { message: 'hand tool' })
    const from = await toScreen(page, { x: 30, y: 160 }) // on top of the sticky
    const travel = { x: 200, y: -110 }
    const to = { x: from.x + travel.x, y: from.y + travel.y }
    const grabbed = await sceneAt(page, from)
    const cam0 = await camera(page)
    const geo0 = await geometry(page)
    await drag(page, from, to, 10)
    await expectPannedBy(page, grabbed, to, cam0, geo0, travel)
  })

  it('Shift+1 frames every item of the page', async () => {
    const far: ItemInit[] = [
      ...DEFAULT_ITEMS,
      { type: 'rect', pageId: 'page-1', x: -3000, y: -2000, width: 200, height: 100, fill: '#fee2e2', stroke: '#b91c1c' },
      { type: 'ellipse', pageId: 'page-1', x: 4000, y: 2500, width: 300, height: 300, fill: '#fef9c3', stroke: '#a16207' },
    ]
    const { room } = await seedRoom(far)
    const page = await open(room, 3) // the far items are culled at first
    const before = await screenBoxes(page)
    expect(before.boxes.filter((b) => !inside(b, before.canvas)).length).toBe(2)
    await page.keyboard.press('Shift+Digit1')
    await waitFor(async () => (await camera(page)).zoom < 1, { message: 'zoomed out to fit' })
    const after = await screenBoxes(page)
    expect(after.boxes).toHaveLength(5)
    for (const b of after.boxes) expect(inside(b, after.canvas), JSON.stringify({ b, canvas: after.canvas })).toBe(true)
    // framed, not just zoomed out: the union of the items spans most of the viewport's width or height
    const left = Math.min(...after.boxes.map((b) => b.x))
    const right = Math.max(...after.boxes.map((b) => b.x + b.width))
    const top = Math.min(...after.boxes.map((b) => b.y))
    const bottom = Math.max(...after.boxes.map((b) => b.y + b.height))
    expect(Math.max((right - left) / after.canvas.width, (bottom - top) / after.canvas.height)).toBeGreaterThan(0.8)
    // and all of them are mounted and drawn now
    await waitRendered(page, 5)
  })

  it('a two-finger pinch zooms around its midpoint', async () => {
    const { room } = await seedRoom()
    const page = await open(room, 3, { touch: true })
    const cdp = await page.context().newCDPSession(page)
    const canvas = await page.evaluate(() => {
      const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      return { x: r.left, y: r.top, width: r.width, height: r.height }
    })
    // an empty spot right of the items, away from the panels
    const mid = { x: canvas.x + canvas.width * 0.75, y: canvas.y + canvas.height * 0.45 }
    const anchor = await sceneAt(page, mid)
    const zoom0 = (await camera(page)).zoom
    const geo0 = await geometry(page)
    const fingers = (half: number) => [
      { x: mid.x - half, y: mid.y, id: 0 },
      { x: mid.x + half, y: mid.y, id: 1 },
    ]
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) })
    for (let half = 45; half <= 120; half += 5) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(half) })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    // the spread went from 80 px to 240 px: three times the zoom
    await waitFor(async () => Math.abs((await camera(page)).zoom - zoom0 * 3) < 0.01, { timeout: 10_000, message: 'zoomed ×3 by the pinch' })
    const at = await toScreen(page, anchor)
    expect(Math.abs(at.x - mid.x)).toBeLessThan(2)
    expect(Math.abs(at.y - mid.y)).toBeLessThan(2)
    // a pinch is no tool gesture: nothing selected, no marquee, no item moved
    expect(await page.evaluate(() => window.__tessera!.store.get().selection)).toEqual([])
    expect(await page.evaluate(() => window.__tessera!.store.get().brush)).toBeNull()
    expect(await geometry(page)).toEqual(geo0)
    await cdp.detach()
  })

  it('the zoom buttons step the zoom and fit the page; redo redoes after undo', async () => {
    const { room, ids } = await seedRoom()
    const page = await open(room, 3)
    const readout = page.getByTestId('zoom-reset')
    const zoomIs = (z: number, pct: string) =>
      waitFor(async () => (await camera(page)).zoom === z && (await readout.textContent()) === pct, { message: `zoom ${pct}` })
    await zoomIs(1, '100%')
    await page.getByTestId('zoom-in').click()
    await zoomIs(2, '200%')
    await page.getByTestId('zoom-out').click()
    await zoomIs(1, '100%')
    await page.getByTestId('zoom-out').click()
    await zoomIs(0.5, '50%')
    // zooming by the buttons keeps the viewport centre where it was
    const c = await camera(page)
    expect([c.x, c.y]).toEqual([0, 0])
    // fit: the items' union (-200…220 × -100…240, plus half the rects' stroke) centred, at the
    // largest zoom that leaves a 48 px margin, at most 200%
    await page.getByTestId('zoom-fit').click()
    const v = await page.evaluate(() => window.__tessera!.store.get().viewportSize)
    const fit = Math.min((v.width - 96) / 420, (v.height - 96) / 340, 2)
    await waitFor(async () => Math.abs((await camera(page)).zoom - fit) < 0.02, { message: 'zoomed to fit' })
    const cf = await camera(page)
    expect(Math.abs(cf.x - 10)).toBeLessThanOrEqual(1)
    expect(Math.abs(cf.y - 70)).toBeLessThanOrEqual(1)
    const framed = await screenBoxes(page)
    for (const b of framed.boxes) expect(inside(b, framed.canvas)).toBe(true)

    // undo and redo through the buttons
    await page.getByTestId('zoom-reset').click()
    await zoomIs(1, '100%')
    expect(await page.getByTestId('redo').isDisabled()).toBe(true)
    const from = await toScreen(page, { x: -140, y: -60 })
    await drag(page, from, { x: from.x, y: from.y + 150 })
    await waitFor(async () => ((await itemField(page, ids[0]!, 'y')) as number) > 0, { message: 'moved down' })
    const moved = await itemField(page, ids[0]!, 'y')
    await page.getByTestId('undo').click()
    await waitFor(async () => (await itemField(page, ids[0]!, 'y')) === -100, { message: 'undone' })
    await waitFor(() => page.getByTestId('redo').isEnabled(), { message: 'redo enabled' })
    await page.getByTestId('redo').click()
    await waitFor(async () => (await itemField(page, ids[0]!, 'y')) === moved, { message: 'redone' })
    await waitFor(() => page.getByTestId('redo').isDisabled(), { message: 'nothing left to redo' })
  })
})

