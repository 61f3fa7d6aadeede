import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { type ItemInit } from '../../../src/doc'
import { waitFor } from '../../helpers/waitFor'
import { useBoards } from './fixture'
import { drag, toScreen } from './helpers'

// The selection transformer in the browser, with two contexts (A and B) on one room: rotating with
// the rotate handle, resizing a multi-selection, z-order keys, and what a resize leaves on the
// Konva nodes (position, rotation, size and no scale or skew beyond what the doc says).
const boards = useBoards('transform')

type Pt = { x: number; y: number }
interface Geo {
  x: number
  y: number
  width: number
  height: number
  rotation: number
  index: string
}

const rect = (x: number, y: number, over: Partial<ItemInit> = {}): ItemInit => ({
  type: 'rect', pageId: 'page-1', x, y, width: 120, height: 80, fill: '#dbeafe', stroke: '#1d4ed8', ...over,
})

const seedRoom = (inits: ItemInit[]) => boards.seedRoom(inits)
const open = (room: string, n: number) => boards.open(room, n)

/** An item's placement as the page's doc has it. */
function geo(page: Page, id: string): Promise<Geo> {
  return page.evaluate((id) => {
    const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown }
    const n = (k: string) => m.get(k) as number
    return { x: n('x'), y: n('y'), width: n('width'), height: n('height'), rotation: n('rotation'), index: m.get('index') as string }
  }, id)
}

/** Ids of the page's items bottom first (the doc's `index` order, ties by id). */
function zOrder(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const list: { id: string; index: string }[] = []
    window.__tessera!.doc.getMap('items').forEach((v, id) => list.push({ id, index: (v as { get(k: string): unknown }).get('index') as string }))
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    return list.sort((a, b) => cmp(a.index, b.index) || cmp(a.id, b.id)).map((x) => x.id)
  })
}

/** Minimal structural view of the Konva objects read here (the page's `window.Konva`). */
interface KonvaView {
  stages: { findOne(selector: string): unknown; getLayers(): { getChildren(): { id(): string }[] }[] }[]
}
interface KNode {
  x(): number
  y(): number
  rotation(): number
  scaleX(): number
  scaleY(): number
  skewX(): number
  skewY(): number
  width(): number
  height(): number
  isVisible(): boolean
  getClientRect(): { x: number; y: number; width: number; height: number }
  findOne(selector: string): KNode | undefined
}
interface TransformerView extends KNode {
  nodes(): KNode[]
}

/** Waits until the transformer is attached to `n` nodes; returns the page position of its `anchor` (e.g. 'rotater', 'bottom-right'). */
async function anchorAt(page: Page, anchor: string, n: number): Promise<Pt> {
  const handle = await page.waitForFunction(
    ([anchor, n]) => {
      const konva = (window as unknown as { Konva?: KonvaView }).Konva
      const tr = konva?.stages[0]?.findOne('Transformer') as TransformerView | undefined
      if (!tr || tr.nodes().length !== n) return null
      const a = tr.findOne('.' + anchor)
      if (!a || !a.isVisible()) return null
      const r = a.getClientRect()
      const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      return { x: c.left + r.x + r.width / 2, y: c.top + r.y + r.height / 2 }
    },
    [anchor, n] as const,
    { timeout: 10_000 },
  )
  return (await handle.jsonValue()) as Pt
}

/** Whether the transformer shows its `anchor` handle. */
function anchorShown(page: Page, anchor: string): Promise<boolean> {
  return page.evaluate((anchor) => {
    const konva = (window as unknown as { Konva: KonvaView }).Konva
    const tr = konva.stages[0]!.findOne('Transformer') as TransformerView
    return tr.findOne('.' + anchor)?.isVisible() ?? false
  }, anchor)
}

/** The local Konva node of an item: what the page actually draws. */
function konvaNode(page: Page, id: string) {
  return page.evaluate((id) => {
    const konva = (window as unknown as { Konva: KonvaView }).Konva
    const node = konva.stages[0]!.findOne('#' + id) as KNode
    return {
      x: node.x(),
      y: node.y(),
      rotation: node.rotation(),
      scaleX: node.scaleX(),
      scaleY: node.scaleY(),
      skewX: node.skewX(),
      skewY: node.skewY(),
      width: node.width(),
      height: node.height(),
    }
  }, id)
}

/** The scene centre of an item's (rotated) box. */
function centre(g: Geo): Pt {
  const t = (g.rotation * Math.PI) / 180
  const [hx, hy] = [g.width / 2, g.height / 2]
  return { x: g.x + hx * Math.cos(t) - hy * Math.sin(t), y: g.y + hx * Math.sin(t) + hy * Math.cos(t) }
}

/** Both pages' docs hold the same placement for `id`; returns it. */
async function sameInBoth(pa: Page, pb: Page, id: string, ready: (g: Geo) => boolean, what: string): Promise<Geo> {
  await waitFor(async () => ready(await geo(pb, id)), { timeout: 10_000, message: `B sees ${what}` })
  const [a, b] = [await geo(pa, id), await geo(pb, id)]
  expect(b).toEqual(a)
  return a
}

/** The local node of an item draws exactly what the doc says: doc position, rotation and size, no scale or skew. */
async function expectNodeMatchesDoc(page: Page, id: string): Promise<void> {
  const [n, g] = [await konvaNode(page, id), await geo(page, id)]
  expect(n.skewX).toBeCloseTo(0, 6)
  expect(n.skewY).toBeCloseTo(0, 6)
  expect(n.scaleX).toBe(1)
  expect(n.scaleY).toBe(1)
  expect(n.x).toBeCloseTo(g.x, 6)
  expect(n.y).toBeCloseTo(g.y, 6)
  expect(n.rotation).toBeCloseTo(g.rotation, 3)
  expect(n.width).toBeCloseTo(g.width, 6)
  expect(n.height).toBeCloseTo(g.height, 6)
}

async function clickItems(page: Page, points: Pt[]): Promise<void> {
  for (let i = 0; i < points.length; i++) {
    const p = await toScreen(page, points[i]!)
    if (i > 0) await page.keyboard.down('Shift')
    await page.mouse.click(p.x, p.y)
    if (i > 0) await page.keyboard.up('Shift')
  }
}

describe('selection transformer in the browser', () => {
  it('rotating an item with the rotate handle rotates it around its centre in A and B', async () => {
    const { room, ids } = await seedRoom([rect(-200, -100), rect(100, -100)])
    const id = ids[1]!
    const [pa, pb] = [await open(room, 2), await open(room, 2)]
    await clickItems(pa, [{ x: 160, y: -60 }])
    expect(await pa.evaluate(() => window.__tessera!.store.get().selection)).toEqual([id])
    const handle = await anchorAt(pa, 'rotater', 1)
    const c = await toScreen(pa, { x: 160, y: -60 })
    expect(handle.x).toBeCloseTo(c.x, 0) // straight above the centre
    expect(handle.y).toBeLessThan(c.y - 40)
    // move the handle 60° clockwise around the centre, along an arc
    const r = c.y - handle.y
    await pa.mouse.move(handle.x, handle.y)
    await pa.mouse.down()
    for (let deg = 5; deg <= 60; deg += 5) {
      const t = ((deg - 90) * Math.PI) / 180
      await pa.mouse.move(c.x + r * Math.cos(t), c.y + r * Math.sin(t))
    }
    await pa.mouse.up()
    const g = await sameInBoth(pa, pb, id, (g) => g.rotation > 30, 'the rotation')
    expect(g.rotation).toBeCloseTo(60, 0)
    expect(g.width).toBe(120)
    expect(g.height).toBe(80)
    const ctr = centre(g)
    expect(ctr.x).toBeCloseTo(160, 1)
    expect(ctr.y).toBeCloseTo(-60, 1)
    await expectNodeMatchesDoc(pa, id)
    await expectNodeMatchesDoc(pb, id)
    // the other item is untouched
    expect(await geo(pb, ids[0]!)).toMatchObject({ x: -200, y: -100, rotation: 0 })
  })

  it('resizing a multi-selection by a corner scales both items in A and B', async () => {
    const { room, ids } = await seedRoom([rect(-200, -100), rect(100, -100)])
    const [a, b] = ids as [string, string]
    const [pa, pb] = [await open(room, 2), await open(room, 2)]
    await clickItems(pa, [{ x: -140, y: -60 }, { x: 160, y: -60 }])
    expect([...(await pa.evaluate(() => window.__tessera!.store.get().selection))].sort()).toEqual([a, b].sort())
    // the box spans -200…220 × -100…-20 (420×80); drag its bottom-right corner by (84, 40): ×1.2 wide, ×1.5 high
    const corner = await anchorAt(pa, 'bottom-right', 2)
    // both items are aligned with the box: it may stretch them, by its edges too
    await waitFor(() => anchorShown(pa, 'middle-right'), { message: 'edge handles' })
    await drag(pa, corner, { x: corner.x + 84, y: corner.y + 40 }, 10)
    const ga = await sameInBoth(pa, pb, a, (g) => g.height > 110, 'the resize of the first item')
    const gb = await sameInBoth(pa, pb, b, (g) => g.height > 110, 'the resize of the second item')
    for (const [g, x] of [[ga, -200], [gb, 160]] as const) {
      expect(g.x).toBeCloseTo(x, 0)
      expect(g.y).toBeCloseTo(-100, 0)
      expect(g.width).toBeCloseTo(144, 0)
      expect(g.height).toBeCloseTo(120, 0)
      expect(g.rotation).toBe(0)
    }
    for (const page of [pa, pb]) for (const id of ids) await expectNodeMatchesDoc(page, id)
    // one undo step for the whole resize, of both items
    await pa.evaluate(() => window.__tessera!.undo.undo())
    await waitFor(async () => (await geo(pb, a)).width === 120 && (await geo(pb, b)).width === 120, { timeout: 10_000, message: 'B sees the undo' })
    expect(await geo(pb, b)).toMatchObject({ x: 100, y: -100, width: 120, height: 80 })
  })

  it('an uneven resize of a selection with a rotated item leaves no skew: the nodes draw what the doc has', async () => {
    // a rotated 30° around its top-left corner; its centre is at (-200,-100) + R(30°)·(60,40)
    const { room, ids } = await seedRoom([rect(-200, -100, { rotation: 30 }), rect(100, -100)])
    const [a, b] = ids as [string, string]
    const [pa, pb] = [await open(room, 2), await open(room, 2)]
    const t = Math.PI / 6
    const ca = { x: -200 + 60 * Math.cos(t) - 40 * Math.sin(t), y: -100 + 60 * Math.sin(t) + 40 * Math.cos(t) }
    await clickItems(pa, [ca, { x: 160, y: -60 }])
    expect([...(await pa.evaluate(() => window.__tessera!.store.get().selection))].sort()).toEqual([a, b].sort())
    const a0 = await geo(pa, a)
    const b0 = await geo(pa, b)
    // the rotated item is turned against the box: only the corner handles, which keep proportions
    const corner = await anchorAt(pa, 'bottom-right', 2)
    await waitFor(async () => !(await anchorShown(pa, 'middle-right')) && !(await anchorShown(pa, 'top-center')), { message: 'no edge handles' })
    // pull the bottom-right corner far right and a little down
    await drag(pa, corner, { x: corner.x + 160, y: corner.y + 10 }, 10)
    await waitFor(async () => (await geo(pb, b)).width !== b0.width, { timeout: 10_000, message: 'B sees the resize' })
    const [ga, gb] = [await sameInBoth(pa, pb, a, () => true, 'a'), await sameInBoth(pa, pb, b, () => true, 'b')]
    // the rotated item keeps its rotation and grows
    expect(ga.rotation).toBeCloseTo(a0.rotation, 3)
    expect(ga.width).toBeGreaterThan(a0.width)
    expect(gb.rotation).toBe(0)
    // what A draws is what the doc (and so B) has
    for (const page of [pa, pb]) for (const id of ids) await expectNodeMatchesDoc(page, id)
    // the items keep their shape: both are scaled by one factor (no stretch of the rotated one)
    expect(ga.width / a0.width).toBeCloseTo(ga.height / a0.height, 3)
    expect(gb.width / b0.width).toBeCloseTo(gb.height / b0.height, 3)
  })

  it('] and [ step the selection up and down the z-order, Ctrl+] and Ctrl+[ move it to the top and bottom', async () => {
    const { room, ids } = await seedRoom([rect(-300, -100), rect(-100, -100), rect(100, -100), rect(300, -100)])
    const [p, q, r, s] = ids as [string, string, string, string]
    const [pa, pb] = [await open(room, 4), await open(room, 4)]
    expect(await zOrder(pa)).toEqual([p, q, r, s])
    await clickItems(pa, [{ x: -240, y: -60 }])
    expect(await pa.evaluate(() => window.__tessera!.store.get().selection)).toEqual([p])
    const step = async (key: string, expected: string[]) => {
      const before = await geo(pa, p)
      await pa.keyboard.press(key)
      await waitFor(async () => JSON.stringify(await zOrder(pa)) === JSON.stringify(expected), { message: `order after ${key}` })
      // z-order keys change the index only
      expect({ ...(await geo(pa, p)), index: '' }).toEqual({ ...before, index: '' })
    }
    await step(']', [q, p, r, s])
    await step(']', [q, r, p, s])
    await step('Control+]', [q, r, s, p])
    await step('[', [q, r, p, s])
    await step('Control+[', [p, q, r, s])
    await step('Control+]', [q, r, s, p])
    await waitFor(async () => JSON.stringify(await zOrder(pb)) === JSON.stringify([q, r, s, p]), { timeout: 10_000, message: 'B sees the order' })
    // the drawing order follows: p is drawn last in B. Awaited too: B's doc passed through this
    // order at the third step already, and React commits the layer's new order after the model's.
    const drawn = () =>
      pb.evaluate(() => {
        const konva = (window as unknown as { Konva: KonvaView }).Konva
        return konva.stages[0]!.getLayers()[0]!.getChildren().map((c) => c.id())
      })
    await waitFor(async () => JSON.stringify(await drawn()) === JSON.stringify([q, r, s, p]), { timeout: 10_000, message: 'B draws p last' })
    expect(await zOrder(pb)).toEqual([q, r, s, p])
    expect(await drawn()).toEqual([q, r, s, p])
  })
})
