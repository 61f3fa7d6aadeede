// Issue 15, big boards: camera moves painted from the items bitmap leave the items' cached
// transforms alone until the camera rests; nudging hundreds of selected items floats them as one
// bitmap and writes once (one transaction, one undo step), and a move of hundreds of items
// (ours or a collaborator's) moves their nodes without re-rendering each item component.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { openBoard } from '../../helpers/app'
import { toScreen } from '../editor-core/helpers'
import { N, positions, seedGrid, SIZE, SPACING } from './bigBoard'

const env = useServerAndBrowser()

/** Opens the room with render counting on; `bitmapAlways` makes every camera move paint from the bitmap. */
async function open(room: string, opts: { bitmapAlways?: boolean; thinSlices?: boolean; nudgeSettleMs?: number } = {}): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(([always, thin, settle]) => {
    localStorage.setItem('tessera.tutorialSeen.v1', '1')
    window.__tesseraRenderCounts = {}
    if (always) window.__tesseraExpensiveDrawMs = -1
    // one chunk of items per frame: a redraw of this small board takes many frames, as 10,000 items do
    if (thin) window.__tesseraDrawSliceMs = 0
    if (settle > 0) window.__tesseraNudgeSettleMs = settle
  }, [opts.bitmapAlways === true, opts.thinSlices === true, opts.nudgeSettleMs ?? 0] as const)
  const { page } = await openBoard(env.browser, env.server.url, room, { context })
  await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, N, { timeout: 30_000 })
  return page
}

const renders = (page: Page) => page.evaluate(() => Object.values(window.__tesseraRenderCounts ?? {}).reduce((a, b) => a + b, 0))
const resetRenders = (page: Page) => page.evaluate(() => void (window.__tesseraRenderCounts = {}))

/** Counts `absoluteTransformChange` on every item node of the items layer (Konva tells each node when its cached transform is cleared). */
function countTransformClears(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { on(ev: string, f: () => void): void; name(): string }[] }[] }[] }; __clears: number }
    w.__clears = 0
    const layer = w.Konva.stages[0]!.getLayers()[0]!
    for (const node of layer.getChildren()) if (node.name() === 'item') node.on('absoluteTransformChange.test', () => void w.__clears++)
  })
}
const clears = (page: Page) => page.evaluate(() => (window as unknown as { __clears: number }).__clears)

describe('big boards', () => {
  it('wheel-panning a board painted from its bitmap leaves the item transforms alone until the camera rests; then a click hits the item under it', async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-pan')
    const a = await open(room, { bitmapAlways: true })
    await a.mouse.click(5, 400)
    await a.keyboard.press('Shift+Digit1')
    // every item mounted (under load this took longer than the second it was given)
    await a.waitForFunction((n) => window.__tessera!.rendered === n, N, { timeout: 15_000 })
    await a.waitForTimeout(500)
    await countTransformClears(a)

    // twelve wheel events in one task: the camera moves twelve times, no item node is told
    const cam0 = await a.evaluate(() => window.__tessera!.store.get().camera)
    await a.evaluate(() => {
      const el = document.querySelector('[data-testid="canvas"]')!
      for (let i = 0; i < 12; i++) el.dispatchEvent(new WheelEvent('wheel', { deltaX: 30, deltaY: 18, clientX: 640, clientY: 400, bubbles: true, cancelable: true }))
    })
    const cam1 = await a.evaluate(() => window.__tessera!.store.get().camera)
    expect(cam1.x).not.toBe(cam0.x)
    expect(await clears(a)).toBe(0)
    // once the camera rests, the crisp redraw brings them up to date (once each)
    await waitFor(async () => (await clears(a)) >= N, { timeout: 10_000, message: 'transforms refreshed after the camera rested' })
    expect(await clears(a)).toBeLessThanOrEqual(2 * N)

    // one wheel event per frame: each item's transform is refreshed at most once per full draw
    // of the layer (the redraw after a pause), never per camera move
    await a.evaluate(() => void ((window as unknown as { __clears: number }).__clears = 0))
    const full0 = await a.evaluate(() => performance.getEntriesByName('tessera:items-bitmap-draw').length)
    await a.evaluate(
      () =>
        new Promise<void>((done) => {
          const el = document.querySelector('[data-testid="canvas"]')!
          let i = 0
          const step = () => {
            el.dispatchEvent(new WheelEvent('wheel', { deltaX: -30, deltaY: -18, clientX: 640, clientY: 400, bubbles: true, cancelable: true }))
            if (++i < 12) requestAnimationFrame(step)
            else done()
          }
          requestAnimationFrame(step)
        }),
    )
    const cleared = await clears(a)
    const fullDraws = (await a.evaluate(() => performance.getEntriesByName('tessera:items-bitmap-draw').length)) - full0
    expect(cleared).toBeLessThanOrEqual(N * fullDraws)
    expect(cleared).toBeLessThan(N * 12)
    await a.waitForTimeout(600)

    // the hit graph follows the camera: a click on a square selects that square
    const ids = await positions(a)
    const [id, [x, y]] = Object.entries(ids).find(([, [px, py]]) => px === 10 * SPACING && py === 10 * SPACING)!
    const at = await toScreen(a, { x: x + SIZE / 2, y: y + SIZE / 2 })
    await a.mouse.click(at.x, at.y)
    await a.waitForFunction((sel) => JSON.stringify(window.__tessera!.store.get().selection) === JSON.stringify([sel]), id)
  })

  it(`arrow-key nudges of ${N} selected items float and are written once: one transaction, one undo step, no item re-rendered here or for the collaborator`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-nudge')
    // the six presses below count as one burst even when each takes seconds on a loaded machine
    // (at 400 ms a loaded run once wrote a nudge mid-sequence)
    const a = await open(room, { nudgeSettleMs: 3_000 })
    const b = await open(room)
    const before = await positions(a)
    await a.mouse.click(5, 400)
    await a.keyboard.press('Shift+Digit1')
    await a.waitForTimeout(500)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, N)
    await a.waitForTimeout(500)
    await resetRenders(a)
    await resetRenders(b)
    const undo0 = await a.evaluate(() => window.__tessera!.undo.undoStack.length)
    // count A's transactions that changed items
    await a.evaluate(() => {
      const w = window as unknown as { __itemTx: number }
      w.__itemTx = 0
      const items = window.__tessera!.doc.getMap('items')
      items.observeDeep(() => void w.__itemTx++)
    })

    for (let i = 0; i < 5; i++) await a.keyboard.press('ArrowRight')
    await a.keyboard.press('Shift+ArrowDown')
    // floating: nothing written yet
    expect(await positions(a)).toEqual(before)
    // written once the keys rest: every item moved by (5, 10)
    await waitFor(async () => {
      const now = await positions(a)
      return Object.entries(before).every(([k, [x, y]]) => now[k]![0] === x + 5 && now[k]![1] === y + 10)
    }, { timeout: 15_000, message: 'the nudges written' })
    await a.waitForTimeout(300)
    expect(await a.evaluate(() => (window as unknown as { __itemTx: number }).__itemTx)).toBe(1)
    expect(await a.evaluate(() => window.__tessera!.undo.undoStack.length)).toBe(undo0 + 1)
    const after = await positions(a)
    await waitFor(async () => JSON.stringify(await positions(b)) === JSON.stringify(after), { timeout: 15_000, message: 'B to see the nudge' })
    // B's canvas shows the squares moved: its Konva nodes sit where the doc says
    const nodeAt = await b.evaluate(() => {
      const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { id(): string; x(): number; y(): number }[] }[] }[] } }
      const out: Record<string, [number, number]> = {}
      for (const n of w.Konva.stages[0]!.getLayers()[0]!.getChildren()) out[n.id()] = [n.x(), n.y()]
      return out
    })
    for (const [k, p] of Object.entries(after)) if (nodeAt[k]) expect(nodeAt[k]).toEqual(p)
    expect(Object.keys(nodeAt).length).toBeGreaterThan(0)
    // and neither page re-rendered the moved items' components to get there
    expect(await renders(a)).toBe(0)
    expect(await renders(b)).toBe(0)

    // one Ctrl+Z puts all of them back, for both
    await a.keyboard.press('Control+z')
    await waitFor(async () => JSON.stringify(await positions(b)) === JSON.stringify(before), { timeout: 15_000, message: 'undo restores every item' })
  })

  it('a nudge of the whole board selected starts floating as the picture on screen: no item is drawn again until it is written', async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-float-start')
    const a = await open(room, { bitmapAlways: true })
    await a.mouse.click(5, 400)
    await a.keyboard.press('Shift+Digit1')
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, N)
    await a.waitForTimeout(1000)
    /** full draws of the items so far, red pixels on the items canvas, whether a selection floats */
    const look = () =>
      a.evaluate(() => {
        const layer = (window as unknown as { Konva: { stages: { getLayers(): { getCanvas(): { _canvas: HTMLCanvasElement }; bitmaps: { floatingIds: Set<string> | null } }[] }[] } }).Konva.stages[0]!.getLayers()[0]!
        const c = layer.getCanvas()._canvas
        const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
        let red = 0
        for (let i = 0; i < px.length; i += 4) if (px[i]! > 200 && px[i + 1]! < 80 && px[i + 2]! < 80) red++
        return { draws: performance.getEntriesByName('tessera:items-bitmap-draw').length, red, floating: layer.bitmaps.floatingIds?.size ?? 0 }
      })
    const before = await look()
    expect(before.red).toBeGreaterThan(1000)
    const x0 = await a.evaluate(() => (window.__tessera!.doc.getMap('items').values().next().value as { get(k: string): number }).get('x'))
    await a.keyboard.press('Shift+ArrowRight')
    await a.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    const floating = await look()
    expect(floating.floating).toBe(N)
    expect(floating.draws).toBe(before.draws) // painted from the picture: no item drawn
    expect(floating.red).toBeGreaterThan(before.red * 0.9) // and the picture shows them
    // the nudge is written after the keys rest; then the items are drawn where they now are
    await a.waitForFunction((x) => (window.__tessera!.doc.getMap('items').values().next().value as { get(k: string): number }).get('x') === x + 10, x0)
    await waitFor(async () => (await look()).draws > before.draws, { timeout: 10_000, message: 'a full draw after the write' })
    const after = await look()
    expect(after.floating).toBe(0)
    expect(after.red).toBeGreaterThan(before.red * 0.9)
  })

  it('a restyle of the whole board is redrawn a slice per frame, the old picture shown meanwhile, the new one once complete', async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-slices')
    const a = await open(room, { bitmapAlways: true, thinSlices: true })
    await a.mouse.click(5, 400)
    await a.keyboard.press('Shift+Digit1')
    // every item mounted and the picture of them all on screen (no redraw under way)
    await a.waitForFunction(
      (n) => window.__tessera!.rendered === n && !(window as unknown as { Konva: { stages: { getLayers(): { redrawing?: boolean }[] }[] } }).Konva.stages[0]!.getLayers()[0]!.redrawing,
      N,
      { timeout: 30_000 },
    )
    await a.waitForTimeout(500)
    const r = await a.evaluate(
      () =>
        new Promise<{ perFrame: number[]; blue: number; red: number; firstRed: number }>((resolve) => {
          const layer = (window as unknown as { Konva: { stages: { getLayers(): { getCanvas(): { _canvas: HTMLCanvasElement } }[] }[] } }).Konva.stages[0]!.getLayers()[0]!
          const onScreen = layer.getCanvas()._canvas
          const proto = CanvasRenderingContext2D.prototype
          const fill = proto.fill
          let fills = 0
          // item shapes filled off screen (into the next picture); the dot grid is painted on screen
          proto.fill = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
            if (this.canvas !== onScreen) fills++
            return (fill as (...a: unknown[]) => void).apply(this, args)
          }
          const count = () => {
            const px = onScreen.getContext('2d')!.getImageData(0, 0, onScreen.width, onScreen.height).data
            let blue = 0
            let red = 0
            for (let i = 0; i < px.length; i += 4) {
              if (px[i]! < 80 && px[i + 1]! < 80 && px[i + 2]! > 200) blue++
              if (px[i]! > 200 && px[i + 1]! < 80 && px[i + 2]! < 80) red++
            }
            return { blue, red }
          }
          const perFrame: number[] = []
          let firstRed = -1
          const t0 = performance.now()
          const frame = () => {
            perFrame.push(fills)
            fills = 0
            const c = count()
            if (firstRed < 0) firstRed = c.red
            // done: the new picture is shown (or 5 s passed)
            if ((c.blue > 1000 && c.red === 0) || performance.now() - t0 > 5000) {
              proto.fill = fill
              resolve({ perFrame, firstRed, ...c })
            } else requestAnimationFrame(frame)
          }
          // every item's fill and stroke turned blue in one transaction (a bulk change: no component renders)
          const items = window.__tessera!.doc.getMap('items')
          window.__tessera!.doc.transact(() => items.forEach((m) => { (m as { set(k: string, v: string): void }).set('fill', '#0000ff'); (m as { set(k: string, v: string): void }).set('stroke', '#0000ff') }))
          requestAnimationFrame(frame)
        }),
    )
    expect(r.firstRed).toBeGreaterThan(1000) // the frame after the change still shows the old picture
    expect(r.blue).toBeGreaterThan(1000)
    expect(r.red).toBe(0)
    const total = r.perFrame.reduce((x, y) => x + y, 0)
    expect(total).toBeGreaterThanOrEqual(N) // every item drawn again
    expect(Math.max(...r.perFrame)).toBeLessThan(N / 4) // but no frame drew more than a slice of them
    expect(r.perFrame.filter((f) => f > 0).length).toBeGreaterThanOrEqual(4)
  })
})
