// Issue 15, big selections: a delete of thousands of items takes them off the canvas at once and
// unmounts their components over several frames; its undo (and a collaborator seeing them come
// back) mounts them a slice per frame instead of in one React commit, and ends with every item
// back, drawn, in one transaction and one undo step.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { openBoard } from '../../helpers/app'
import { seedGrid } from './bigBoard'

const env = useServerAndBrowser()
const COUNT = 2000

async function open(room: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
  const { page } = await openBoard(env.browser, env.server.url, room, { context })
  await page.waitForFunction((n) => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === n && window.__tessera.rendered > 0, COUNT, { timeout: 60_000 })
  await page.mouse.click(5, 400)
  await page.keyboard.press('Shift+Digit1')
  await page.waitForFunction((n) => window.__tessera!.rendered === n, COUNT, { timeout: 60_000 })
  return page
}

/** Starts recording, once per frame, how many item nodes the page's items layer holds and how many item components are mounted. */
const watchNodes = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): unknown[] }[] }[] }; __nodes: number[]; __mounted: number[]; __stopNodes: boolean }
    w.__nodes = []
    w.__mounted = []
    w.__stopNodes = false
    const tick = () => {
      w.__nodes.push(w.Konva.stages[0]!.getLayers()[0]!.getChildren().length)
      w.__mounted.push(window.__tessera!.rendered)
      if (!w.__stopNodes) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })

/** Stops the recording; the per-frame counts of nodes and of mounted components. */
const nodeCounts = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __nodes: number[]; __mounted: number[]; __stopNodes: boolean }
    w.__stopNodes = true
    return { nodes: w.__nodes, mounted: w.__mounted }
  })

/** The biggest number of nodes that came into the layer between two frames. */
const biggestStep = (counts: number[]) => Math.max(...counts.slice(1).map((c, i) => c - counts[i]!))

describe('undo of a big delete', () => {
  it(`Ctrl+A, Delete, Ctrl+Z on ${COUNT} items: both pages take them off the canvas at once and unmount them over frames, then mount them back over many frames, never all in one, and end with every item drawn`, async () => {
    const room = await seedGrid(env.server.wsUrl, 'big-undo-delete', COUNT)
    const a = await open(room)
    const b = await open(room)
    await a.keyboard.press('Control+a')
    await a.waitForFunction((n) => window.__tessera!.store.get().selection.length === n, COUNT)
    const depth0 = await a.evaluate(() => window.__tessera!.undo.undoStack.length)
    for (const p of [a, b]) await watchNodes(p)
    await a.keyboard.press('Delete')
    for (const p of [a, b]) await p.waitForFunction(() => window.__tessera!.rendered === 0 && window.__tessera!.doc.getMap('items').size === 0, null, { timeout: 30_000 })
    expect(await a.evaluate(() => window.__tessera!.undo.undoStack.length)).toBe(depth0 + 1)
    for (const p of [a, b]) {
      const { nodes, mounted } = await nodeCounts(p)
      // off the canvas at once: the first frame without a node still had components to unmount
      const gone = nodes.indexOf(0)
      expect(gone).toBeGreaterThan(0)
      expect(mounted[gone]).toBeGreaterThan(0)
      // unmounted over several frames (before: all 2,000 components in one React commit)
      expect(biggestStep(mounted.map((m) => -m))).toBeLessThanOrEqual(COUNT / 2)
      expect(mounted.at(-1)).toBe(0)
    }

    for (const p of [a, b]) await watchNodes(p)
    await a.keyboard.press('Control+z')
    for (const p of [a, b]) await p.waitForFunction((n) => window.__tessera!.rendered === n && window.__tessera!.doc.getMap('items').size === n, COUNT, { timeout: 60_000 })
    await a.waitForTimeout(200)
    const [ca, cb] = [(await nodeCounts(a)).nodes, (await nodeCounts(b)).nodes]
    for (const counts of [ca, cb]) {
      expect(counts.at(-1)).toBe(COUNT)
      // before: every node came in one frame (one React commit of 2,000 components)
      expect(biggestStep(counts)).toBeLessThanOrEqual(COUNT / 4)
      expect(counts.filter((c, i) => i > 0 && c > counts[i - 1]!).length).toBeGreaterThanOrEqual(4)
    }
    expect(await a.evaluate(() => window.__tessera!.undo.undoStack.length)).toBe(depth0)
    // every item drawn where it was, on both canvases
    for (const p of [a, b]) {
      const drawn = await p.evaluate(() => {
        const w = window as unknown as { Konva: { stages: { getLayers(): { getChildren(): { name(): string; id(): string; x(): number }[] }[] }[] } }
        const xs = new Map(w.Konva.stages[0]!.getLayers()[0]!.getChildren().filter((n) => n.name() === 'item').map((n) => [n.id(), n.x()]))
        let same = 0
        window.__tessera!.doc.getMap('items').forEach((v, id) => void (xs.get(id) === (v as { get(k: string): number }).get('x') && same++))
        return same
      })
      expect(drawn).toBe(COUNT)
    }
  })
})
