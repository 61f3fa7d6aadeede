import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { drag, toScreen } from '../editor-core/helpers'

interface Seen {
  type: string
  x: number
  y: number
  points: number[]
  startBinding?: { itemId: string }
  endBinding?: { itemId: string }
}

/** The scene model's view of an item on a page (bound ends resolved, as drawn). */
async function drawn(page: Page, id: string): Promise<Seen | null> {
  return page.evaluate((id) => (window.__tessera!.drawn!(id) as unknown as Seen | undefined) ?? null, id)
}

async function arrowIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    window.__tessera!.doc.getMap('items').forEach((v, k) => {
      if ((v as { get(k: string): unknown }).get('type') === 'arrow') out.push(k)
    })
    return out
  })
}

const boards = useBoards('depth-arrows')

describe('bound arrows', () => {
  it('an arrow drawn from one shape to another binds both ends and follows when the other person moves a shape', async () => {
    const { room, ids } = await boards.seedRoom([
      { type: 'rect', x: -300, y: -50, width: 120, height: 100 },
      { type: 'rect', x: 150, y: -50, width: 120, height: 100 },
    ])
    const [a, b] = ids as [string, string]
    const alice = await boards.open(room, 2)
    const bob = await boards.open(room, 2)

    // Alice draws an arrow from the middle of A to the middle of B (keyboard A, then a drag)
    await alice.keyboard.press('a')
    await drag(alice, await toScreen(alice, { x: -240, y: 0 }), await toScreen(alice, { x: 210, y: 0 }), 12)
    await expect.poll(async () => (await arrowIds(alice)).length).toBe(1)
    const [arrow] = await arrowIds(alice)
    const first = (await drawn(alice, arrow!))!
    expect(first.startBinding?.itemId).toBe(a)
    expect(first.endBinding?.itemId).toBe(b)

    // Bob drags B down by 300 with the mouse
    await expect.poll(async () => (await arrowIds(bob)).length).toBe(1)
    await drag(bob, await toScreen(bob, { x: 210, y: 30 }), await toScreen(bob, { x: 210, y: 330 }), 12)

    // Alice sees the arrow's end come down to B's new place; its start stays at A
    const endY = async (p: Page) => {
      const s = (await drawn(p, arrow!))!
      return s.y + s.points[s.points.length - 1]!
    }
    await expect.poll(() => endY(alice), { timeout: 10_000 }).toBeGreaterThan(200)
    const now = (await drawn(alice, arrow!))!
    expect(now.x + now.points[0]!).toBeGreaterThan(-190) // the tip sits at A's right edge (x = -180), not in its middle
    expect(now.y + now.points[1]!).toBeLessThan(60)
    expect(await endY(bob)).toBeGreaterThan(200)
    await alice.screenshot({ path: '/tmp/tessera-depth-bound-arrow.png' })
  })

  it('dragging a selected arrow tip onto another shape re-aims it; off any shape unbinds it', async () => {
    const { room, ids } = await boards.seedRoom([
      { type: 'rect', x: -300, y: -50, width: 120, height: 100 },
      { type: 'rect', x: 150, y: -50, width: 120, height: 100 },
      { type: 'ellipse', x: 150, y: 200, width: 120, height: 100 },
      { type: 'arrow', x: -180, y: 0, points: [0, 0, 330, 0], width: 330, height: 0 },
    ])
    const [a, , c, arrow] = ids as [string, string, string, string]
    const page = await boards.open(room, 4)
    // select the arrow by clicking its shaft
    const mid = await toScreen(page, { x: -15, y: 0 })
    await page.mouse.click(mid.x, mid.y)
    await expect.poll(() => page.evaluate(() => window.__tessera!.store.get().selection.length)).toBe(1)
    const before = (await drawn(page, arrow))!
    // its tip handles are drawn (the overlay layer loads at the page's first idle moment; before
    // that a press on the tip grabs the rect under it, as it would for a user who cannot see them yet)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { Konva: { stages: Array<{ find(s: string): unknown[] }> } }).Konva.stages[0]!.find('.tsr-linear-handle').length), { timeout: 15_000 })
      .toBe(3)
    // drag its end tip (at x 150) onto the ellipse: the tip moves, the box is not squashed
    await drag(page, await toScreen(page, { x: 150, y: 0 }), await toScreen(page, { x: 210, y: 250 }), 10)
    await expect.poll(async () => (await drawn(page, arrow))?.endBinding?.itemId).toBe(c)
    const after = (await drawn(page, arrow))!
    expect(after.x + after.points[0]!).toBeCloseTo(before.x + before.points[0]!, 0)
    // and its start onto A, then off into empty space
    await drag(page, await toScreen(page, { x: -180, y: 0 }), await toScreen(page, { x: -240, y: 0 }), 10)
    await expect.poll(async () => (await drawn(page, arrow))?.startBinding?.itemId).toBe(a)
    const s2 = (await drawn(page, arrow))!
    await drag(page, await toScreen(page, { x: s2.x + s2.points[0]!, y: s2.y + s2.points[1]! }), await toScreen(page, { x: -100, y: -300 }), 10)
    await expect.poll(async () => (await drawn(page, arrow))?.startBinding).toBeUndefined()
    // one undo puts the start back on A
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await drawn(page, arrow))?.startBinding?.itemId).toBe(a)
    await page.screenshot({ path: '/tmp/tessera-depth-reaim.png' })
  })
})
