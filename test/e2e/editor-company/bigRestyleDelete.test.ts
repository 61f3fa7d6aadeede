// Issue 15, big selections: a restyle from the style panel, a rotation and a delete of every item on a
// board of COUNT items, with a collaborator watching. Each is one transaction and one undo step,
// keeps the author in `updatedBy`, and reaches the other person's document and canvas; neither
// page re-renders thousands of item components to get there (their nodes change in one pass).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { openBoard } from '../../helpers/app'
import { seedGrid } from './bigBoard'

const env = useServerAndBrowser()
const COUNT = 600
const RED = '#ff0000'
const BLUE = '#1971c2'

async function open(room: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(() => {
    localStorage.setItem('tessera.tutorialSeen.v1', '1')
    window.__tesseraRenderCounts = {}
  })
  const { page } = await openBoard(env.browser, env.server.url, room, { context })
  await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, COUNT, { timeout: 60_000 })
  return page
}

const renders = (page: Page) => page.evaluate(() => Object.values(window.__tesseraRenderCounts ?? {}).reduce((a, b) => a + b, 0))
const resetRenders = (page: Page) => page.evaluate(() => void (window.__tesseraRenderCounts = {}))

/** Every item's value of `key` as the page's document holds it. */
function field(page: Page, key: string): Promise<Record<string, unknown>> {
  return page.evaluate((k) => {
    const out: Record<string, unknown> = {}
    window.__tessera!.doc.getMap('items').forEach((v, id) => void (out[id] = (v as { get(k: string): unknown }).get(k)))
    return out
  }, key)
}
const allAre = (rec: Record<string, unknown>, v: unknown) => Object.keys(rec).length === COUNT && Object.values(rec).every((x) => x === v)

/** The stroke each mounted item node of the page's canvas draws with, by item id. */
function nodeStrokes(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { id(): string; name(): string; stroke(): string }[] }[] }[] } }
    const out: Record<string, string> = {}
    for (const n of w.Konva.stages[0]!.getLayers()[0]!.getChildren()) if (n.name() === 'item') out[n.id()] = n.stroke()
    return out
  })
}

/** Counts the page's transactions that changed items (from now on). */
const countItemTx = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __itemTx: number }
    w.__itemTx = 0
    window.__tessera!.doc.getMap('items').observeDeep(() => void w.__itemTx++)
  })
const itemTx = (page: Page) => page.evaluate(() => (window as unknown as { __itemTx: number }).__itemTx)
const undoDepth = (page: Page) => page.evaluate(() => window.__tessera!.undo.undoStack.length)

describe('big selections, restyled and deleted', () => {
  it(`Ctrl+A on ${COUNT} items, a stroke colour from the style panel, a turn of the rotate handle, then Delete: one step each, the collaborator sees every item restyled, turned and gone, one Ctrl+Z brings each back`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-restyle', COUNT)
    const a = await open(room)
    const b = await open(room)
    for (const p of [a, b]) {
      await p.mouse.click(5, 400)
      await p.keyboard.press('Shift+Digit1')
      // every item mounted (the render counts below are of changes, not of items coming into view)
      await p.waitForFunction((n) => window.__tessera!.rendered === n, COUNT, { timeout: 30_000 })
    }
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    await a.waitForTimeout(500)
    const me = await a.evaluate(() => window.__tessera!.store.get().author)
    expect(me).toBeTruthy()
    await resetRenders(a)
    await resetRenders(b)
    await countItemTx(a)
    const undo0 = await undoDepth(a)

    // ---- restyle: one transaction, one undo step, every item blue and signed by A
    await a.click(`[data-testid="style-stroke-${BLUE.slice(1)}"]`)
    await waitFor(async () => allAre(await field(b, 'stroke'), BLUE), { timeout: 20_000, message: 'B to see every item restyled' })
    expect(allAre(await field(a, 'stroke'), BLUE)).toBe(true)
    expect(allAre(await field(b, 'updatedBy'), me)).toBe(true)
    expect(await itemTx(a)).toBe(1)
    expect(await undoDepth(a)).toBe(undo0 + 1)
    // what both canvases draw: every mounted node has the new stroke
    await waitFor(async () => {
      const [na, nb] = [await nodeStrokes(a), await nodeStrokes(b)]
      return Object.keys(nb).length > 100 && Object.values(na).every((s) => s === BLUE) && Object.values(nb).every((s) => s === BLUE)
    }, { timeout: 10_000, message: 'both canvases to draw the new stroke' })
    // without re-rendering an item component on either page
    expect(await renders(a)).toBe(0)
    expect(await renders(b)).toBe(0)

    // a later small change through the component (B's document turns one square red again) is
    // drawn too, although that component's last props were red already
    const oneId = Object.keys(await field(b, 'stroke'))[7]!
    await b.evaluate((id) => {
      const doc = window.__tessera!.doc
      doc.transact(() => (doc.getMap('items').get(id) as { set(k: string, v: unknown): void }).set('stroke', '#ff0000'))
    }, oneId)
    await waitFor(async () => (await nodeStrokes(a))[oneId] === RED, { timeout: 10_000, message: "A's canvas to draw B's one red square" })

    // one Ctrl+Z (A's) puts every stroke back, for both
    await a.keyboard.press('Control+z')
    await waitFor(async () => allAre(await field(b, 'stroke'), RED), { timeout: 20_000, message: 'A’s undo to restore every stroke for B' })
    await waitFor(async () => Object.values(await nodeStrokes(b)).every((s) => s === RED), { timeout: 10_000, message: "B's canvas red again" })

    // ---- rotate with the handle: the box over a big selection turns as one picture, then every
    // item is written turned by the same angle in one transaction and one undo step
    // zoomed out a little and moved down, so the handle above the box is clear of the toolbar
    await a.evaluate(() => {
      const st = window.__tessera!.store
      const c = st.get().camera
      st.setCamera({ x: c.x, y: c.y - 120 / c.zoom, zoom: c.zoom * 0.75 })
    })
    await a.keyboard.press('Control+a')
    await a.waitForTimeout(500)
    await resetRenders(a)
    await resetRenders(b)
    const txR = await itemTx(a)
    const undoR = await undoDepth(a)
    const handle = await a.evaluate(() => {
      const w = window as unknown as { Konva: { stages: { find(s: string): { findOne(s: string): { getAbsolutePosition(): { x: number; y: number }; width(): number; height(): number } }[] }[] } }
      const r = w.Konva.stages[0]!.find('Transformer')[0]!.findOne('.rotater')
      const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      const p = r.getAbsolutePosition()
      return { x: c.left + p.x + r.width() / 2, y: c.top + p.y + r.height() / 2 }
    })
    await a.mouse.move(handle.x, handle.y)
    await a.mouse.down()
    for (let i = 1; i <= 4; i++) await a.mouse.move(handle.x + i * 50, handle.y + i * 15)
    expect(allAre(await field(a, 'rotation'), 0)).toBe(true) // nothing written while turning
    // at the end each item node gets its new rotation once: from the write, not also before it
    await a.evaluate(() => {
      type Proto = { _setAttr(this: { name(): string; id(): string }, k: string, v: unknown): unknown }
      const w = window as unknown as { Konva: { Node: { prototype: Proto } }; __turnSets: Record<string, number>; __unspy: () => void }
      const proto = w.Konva.Node.prototype
      const original = proto._setAttr
      w.__turnSets = {}
      proto._setAttr = function (k, v) {
        if (k === 'rotation' && this.name() === 'item') w.__turnSets[this.id()] = (w.__turnSets[this.id()] ?? 0) + 1
        return original.call(this, k, v)
      }
      w.__unspy = () => void (proto._setAttr = original)
    })
    await a.mouse.up()
    const turnSets = await a.evaluate(() => {
      const w = window as unknown as { __turnSets: Record<string, number>; __unspy: () => void }
      w.__unspy()
      return Object.values(w.__turnSets)
    })
    expect(turnSets.length).toBeGreaterThan(100)
    expect(Math.max(...turnSets)).toBe(1)
    const turned = await a.evaluate(() => (window.__tessera!.doc.getMap('items').values().next().value as { get(k: string): number }).get('rotation'))
    expect(turned).not.toBe(0)
    await waitFor(async () => allAre(await field(b, 'rotation'), turned), { timeout: 20_000, message: 'B to see every item turned by the same angle' })
    expect(await itemTx(a)).toBe(txR + 1)
    expect(await undoDepth(a)).toBe(undoR + 1)
    const bTurns = await b.evaluate(() => {
      const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { name(): string; rotation(): number }[] }[] }[] } }
      return w.Konva.stages[0]!.getLayers()[0]!.getChildren().filter((n) => n.name() === 'item').map((n) => n.rotation())
    })
    expect(bTurns.length).toBeGreaterThan(100)
    expect(bTurns.every((r) => r === turned)).toBe(true)
    expect(await renders(a)).toBe(0)
    expect(await renders(b)).toBe(0)
    await a.keyboard.press('Control+z')
    await waitFor(async () => allAre(await field(b, 'rotation'), 0), { timeout: 20_000, message: 'one undo to turn every item back' })

    // ---- delete everything: one transaction, one undo step, gone for B (document and canvas)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    await a.waitForTimeout(300)
    const tx0 = await itemTx(a)
    const undo1 = await undoDepth(a)
    await a.keyboard.press('Delete')
    await waitFor(async () => (await b.evaluate(() => window.__tessera!.doc.getMap('items').size)) === 0, { timeout: 20_000, message: 'B to see every item gone' })
    expect(await itemTx(a)).toBe(tx0 + 1)
    expect(await undoDepth(a)).toBe(undo1 + 1)
    for (const p of [a, b]) await waitFor(async () => Object.keys(await nodeStrokes(p)).length === 0, { timeout: 10_000, message: 'no item drawn' })

    // one Ctrl+Z brings all of them back, drawn again on B's canvas
    await a.keyboard.press('Control+z')
    await waitFor(async () => allAre(await field(b, 'stroke'), RED), { timeout: 20_000, message: 'undo to restore every item for B' })
    await waitFor(async () => Object.keys(await nodeStrokes(b)).length > 100, { timeout: 20_000, message: "B's canvas to draw them again" })
    expect(Object.values(await nodeStrokes(b)).every((s) => s === RED)).toBe(true)
  })
})
