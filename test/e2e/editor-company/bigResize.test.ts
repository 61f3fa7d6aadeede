// Issue 15, big selections: stretching COUNT selected squares with the selection box's corner handle,
// with a collaborator watching. Nothing is written while the handle moves; at the end every item's
// new size is one transaction and one undo step, reaches the other person's document and canvas,
// and neither page re-renders an item component for it (the nodes take their new size in one pass).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { openFitted, renders, seedGrid, SIZE } from './bigBoard'

const env = useServerAndBrowser()
const COUNT = 400

const open = (room: string): Promise<Page> => openFitted(env.browser, env.server.url, room, COUNT)

const resetRenders = (page: Page) => page.evaluate(() => void (window.__tesseraRenderCounts = {}))

/** Every item's [width, height] as the page's document holds them. */
function sizes(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const out: Record<string, [number, number]> = {}
    window.__tessera!.doc.getMap('items').forEach((v, id) => {
      const m = v as { get(k: string): number }
      out[id] = [m.get('width'), m.get('height')]
    })
    return out
  })
}

/** Every mounted item node's drawn [width, height, scaleX, scaleY] on the page's canvas. */
function nodeSizes(page: Page): Promise<Record<string, [number, number, number, number]>> {
  return page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { id(): string; name(): string; width(): number; height(): number; scaleX(): number; scaleY(): number }[] }[] }[] } }
    const out: Record<string, [number, number, number, number]> = {}
    for (const n of w.Konva.stages[0]!.getLayers()[0]!.getChildren()) if (n.name() === 'item') out[n.id()] = [n.width(), n.height(), n.scaleX(), n.scaleY()]
    return out
  })
}

describe('big selections, resized', () => {
  it(`Ctrl+A on ${COUNT} squares and a drag of the box's corner: one write, one undo step, the collaborator sees every new size, no item component re-rendered`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-resize', COUNT)
    const a = await open(room)
    const b = await open(room)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    await a.waitForTimeout(500)
    await resetRenders(a)
    await resetRenders(b)
    await a.evaluate(() => {
      const w = window as unknown as { __itemTx: number }
      w.__itemTx = 0
      window.__tessera!.doc.getMap('items').observeDeep(() => void w.__itemTx++)
    })
    const undo0 = await a.evaluate(() => window.__tessera!.undo.undoStack.length)

    const corner = await a.evaluate(() => {
      const w = window as unknown as { Konva: { stages: { find(s: string): { findOne(s: string): { getAbsolutePosition(): { x: number; y: number }; width(): number; height(): number } }[] }[] } }
      const r = w.Konva.stages[0]!.find('Transformer')[0]!.findOne('.bottom-right')
      const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      const p = r.getAbsolutePosition()
      return { x: c.left + p.x + r.width() / 2, y: c.top + p.y + r.height() / 2 }
    })
    await a.mouse.move(corner.x, corner.y)
    await a.mouse.down()
    for (let i = 1; i <= 4; i++) await a.mouse.move(corner.x - i * 40, corner.y - i * 25)
    expect(Object.values(await sizes(a)).every(([w, h]) => w === SIZE && h === SIZE)).toBe(true) // nothing written yet
    await a.mouse.up()

    const after = await sizes(a)
    const [w1, h1] = Object.values(after)[0]!
    expect(w1).toBeLessThan(SIZE)
    expect(h1).toBeLessThan(SIZE)
    expect(Object.values(after).every(([w, h]) => Math.abs(w - w1) < 1e-6 && Math.abs(h - h1) < 1e-6)).toBe(true)
    expect(await a.evaluate(() => (window as unknown as { __itemTx: number }).__itemTx)).toBe(1)
    expect(await a.evaluate(() => window.__tessera!.undo.undoStack.length)).toBe(undo0 + 1)
    await waitFor(async () => {
      const seen = await sizes(b)
      return Object.keys(seen).length === COUNT && Object.entries(after).every(([id, [w, h]]) => seen[id]?.[0] === w && seen[id]?.[1] === h)
    }, { timeout: 20_000, message: 'B to see every new size' })

    // both canvases draw the new size (unscaled nodes), without an item component render
    for (const p of [a, b])
      await waitFor(async () => {
        const nodes = Object.entries(await nodeSizes(p))
        return nodes.length === COUNT && nodes.every(([id, [w, h, sx, sy]]) => Math.abs(w - after[id]![0]) < 1e-6 && Math.abs(h - after[id]![1]) < 1e-6 && sx === 1 && sy === 1)
      }, { timeout: 10_000, message: 'both canvases to draw every new size' })
    expect(await renders(a)).toBe(0)
    expect(await renders(b)).toBe(0)

    // one Ctrl+Z: every square its old size again, for both, drawn so
    await a.keyboard.press('Control+z')
    await waitFor(async () => Object.values(await sizes(b)).every(([w, h]) => w === SIZE && h === SIZE), { timeout: 20_000, message: 'one undo to restore every size for B' })
    await waitFor(async () => Object.values(await nodeSizes(b)).every(([w, h]) => w === SIZE && h === SIZE), { timeout: 10_000, message: "B's canvas at the old size" })
  })
})
