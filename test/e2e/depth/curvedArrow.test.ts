import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { drag, toScreen } from '../editor-core/helpers'

interface Pt {
  x: number
  y: number
}

/** The scene model's view of an item (absolute: x, y plus points). */
async function drawnPoints(page: Page, id: string): Promise<number[] | null> {
  return page.evaluate((id) => {
    const s = window.__tessera!.drawn!(id) as unknown as { x: number; y: number; points: number[] } | undefined
    return s ? s.points.map((v, i) => v + (i % 2 === 0 ? s.x : s.y)) : null
  }, id)
}

/**
 * What the page's Konva node of an item actually traces when it paints: its sceneFunc run against
 * a recording context. The first stroked path is sampled into scene points; the filled heads
 * after it are returned as their moveTo/lineTo points.
 */
async function traced(page: Page, id: string): Promise<{ usedCurve: boolean; path: Pt[]; head: Pt[] }> {
  return page.evaluate((id) => {
    const K = (window as unknown as { Konva: { stages: { findOne(s: string): unknown }[] } }).Konva
    const node = K.stages.map((s) => s.findOne(`#${id}`)).find(Boolean) as {
      x(): number
      y(): number
      sceneFunc(): (ctx: unknown, shape: unknown) => void
    }
    const ox = node.x()
    const oy = node.y()
    const path: { x: number; y: number }[] = []
    const head: { x: number; y: number }[] = []
    let stroked = false
    let usedCurve = false
    let at = { x: 0, y: 0 }
    const to = (x: number, y: number) => ({ x: x + ox, y: y + oy })
    const ctx = new Proxy(
      {},
      {
        get: (_t, op: string) => (...a: number[]) => {
          if (op === 'strokeShape') stroked = true
          else if (op === 'moveTo') (stroked ? head : path).push(to(a[0]!, a[1]!)), (at = { x: a[0]!, y: a[1]! })
          else if (op === 'lineTo') (stroked ? head : path).push(to(a[0]!, a[1]!)), (at = { x: a[0]!, y: a[1]! })
          else if (op === 'quadraticCurveTo' && !stroked) {
            usedCurve = true
            for (let i = 1; i <= 200; i++) {
              const t = i / 200
              const x = (1 - t) ** 2 * at.x + 2 * t * (1 - t) * a[0]! + t * t * a[2]!
              const y = (1 - t) ** 2 * at.y + 2 * t * (1 - t) * a[1]! + t * t * a[3]!
              path.push(to(x, y))
            }
            at = { x: a[2]!, y: a[3]! }
          }
        },
      },
    )
    node.sceneFunc()(ctx, node)
    return { usedCurve, path, head }
  }, id)
}

/** Whether the screen pixels around a scene point hold the arrow's dark ink. */
async function inkAt(page: Page, p: Pt): Promise<boolean> {
  const s = await toScreen(page, p)
  const png = await page.screenshot({ clip: { x: Math.round(s.x) - 2, y: Math.round(s.y) - 2, width: 5, height: 5 } })
  return page.evaluate(async (b64) => {
    const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }))
    const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
    g.drawImage(bmp, 0, 0)
    const px = g.getImageData(0, 0, bmp.width, bmp.height).data
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 110 && px[i + 1]! < 110 && px[i + 2]! < 110) return true
    return false
  }, png.toString('base64'))
}

const dist = (a: Pt, b: Pt) => Math.hypot(a.x - b.x, a.y - b.y)
const near = (path: Pt[], p: Pt) => Math.min(...path.map((q) => dist(q, p)))

const boards = useBoards('depth-curve')

describe('curved (bent) arrows', () => {
  it('dragging an arrow’s middle handle bends it into a curve through the handle, drawn so for the other person too', async () => {
    const { room, ids } = await boards.seedRoom([{ type: 'arrow', x: -200, y: 0, points: [0, 0, 400, 0], width: 400, height: 0 }])
    const [arrow] = ids as [string]
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)

    // Alice selects the arrow by clicking its shaft, then drags its middle handle down by 160
    const shaft = await toScreen(alice, { x: -100, y: 0 })
    await alice.mouse.click(shaft.x, shaft.y)
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().selection.length)).toBe(1)
    await alice.waitForTimeout(100)
    await drag(alice, await toScreen(alice, { x: 0, y: 0 }), await toScreen(alice, { x: 0, y: 160 }), 12)

    // Bob's arrow: three points, the middle one where Alice let go of the handle
    await expect.poll(async () => (await drawnPoints(bob, arrow))?.length, { timeout: 10_000 }).toBe(6)
    const pts = (await drawnPoints(bob, arrow))!
    const handle = { x: pts[2]!, y: pts[3]! }
    expect(handle.x).toBeCloseTo(0, 0)
    expect(handle.y).toBeCloseTo(160, 0)

    // what Bob's canvas paints is a smooth curve through the handle, not two straight segments
    const t = await traced(bob, arrow)
    expect(t.usedCurve).toBe(true)
    expect(near(t.path, handle)).toBeLessThan(1.5)
    // the quadratic through the handle: control (0, 320); a quarter along it is (-100, 120),
    // ~31 units away from the old polyline through (-200, 0) and (0, 160)
    const quarter = { x: -100, y: 120 }
    expect(near(t.path, quarter)).toBeLessThan(1.5)
    expect(near(t.path, { x: -100, y: 80 })).toBeGreaterThan(20)
    // the arrowhead points along the curve's end tangent: from the control point (0, 320) to the tip (200, 0)
    const [tip, w1, w2] = t.head as [Pt, Pt, Pt]
    expect(dist(tip, { x: 200, y: 0 })).toBeLessThan(0.5)
    const base = { x: (w1.x + w2.x) / 2, y: (w1.y + w2.y) / 2 }
    const along = Math.atan2(tip.y - base.y, tip.x - base.x)
    expect(Math.abs(along - Math.atan2(-320, 200))).toBeLessThan(0.02)

    // and the pixels Bob sees: ink on the curve, none on the old straight segment
    await bob.waitForTimeout(200)
    expect(await inkAt(bob, quarter)).toBe(true)
    expect(await inkAt(bob, { x: -100, y: 80 })).toBe(false)
    await bob.screenshot({ path: '/tmp/tessera-depth-curved-arrow.png' })

    // one undo on Alice's side straightens it again for both
    await alice.keyboard.press('Control+z')
    await expect.poll(async () => (await drawnPoints(bob, arrow))?.length, { timeout: 10_000 }).toBe(4)
  })

  it('a bent arrow bound to two shapes aims both ends along the curve at the shapes, and sketches the same curve, for the other person too', async () => {
    const { room, ids } = await boards.seedRoom([
      { type: 'rect', x: -360, y: -60, width: 120, height: 120 },
      { type: 'rect', x: 240, y: -60, width: 120, height: 120 },
    ])
    const [a, b] = ids as [string, string]
    const alice = await boards.open(room, 2)
    const bob = await boards.open(room, 2)
    // Alice draws an arrow from A's centre to B's centre: both ends bind
    await alice.keyboard.press('a')
    await drag(alice, await toScreen(alice, { x: -300, y: 0 }), await toScreen(alice, { x: 300, y: 0 }), 12)
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().selection.length)).toBe(1)
    const arrow = await alice.evaluate(() => window.__tessera!.store.get().selection[0]!)
    await alice.keyboard.press('v')
    await alice.mouse.click(...Object.values(await toScreen(alice, { x: 0, y: 0 })) as [number, number])
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().selection[0])).toBe(arrow)
    await alice.waitForTimeout(100)
    // and bends it down by 200 with its middle handle
    await drag(alice, await toScreen(alice, { x: 0, y: 0 }), await toScreen(alice, { x: 0, y: 200 }), 12)
    await expect.poll(async () => (await drawnPoints(bob, arrow))?.length, { timeout: 10_000 }).toBe(6)
    const binding = await bob.evaluate((id) => {
      const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): { itemId: string } | undefined }
      return [m.get('startBinding')?.itemId, m.get('endBinding')?.itemId]
    }, arrow)
    expect(binding).toEqual([a, b])
    const p = (await drawnPoints(bob, arrow))!
    const [s0, m, e0] = [{ x: p[0]!, y: p[1]! }, { x: p[2]!, y: p[3]! }, { x: p[4]!, y: p[5]! }]
    expect(m.y).toBeCloseTo(200, 0)
    // each end sits just outside its shape (they are 120 wide, centred at x = ∓300)...
    expect(s0.y).toBeGreaterThan(60)
    expect(Math.abs(s0.x + 300)).toBeLessThan(60)
    expect(e0.y).toBeGreaterThan(60)
    expect(Math.abs(e0.x - 300)).toBeLessThan(60)
    // ...on the line from the curve's control point through the shape's centre: the head aims at it
    const c = { x: 2 * m.x - (s0.x + e0.x) / 2, y: 2 * m.y - (s0.y + e0.y) / 2 }
    const aim = (tip: Pt, centre: Pt) => Math.abs(Math.atan2(tip.y - c.y, tip.x - c.x) - Math.atan2(centre.y - tip.y, centre.x - tip.x))
    expect(aim(s0, { x: -300, y: 0 })).toBeLessThan(0.02)
    expect(aim(e0, { x: 300, y: 0 })).toBeLessThan(0.02)
    const t = await traced(bob, arrow)
    expect(t.usedCurve).toBe(true)
    expect(near(t.path, m)).toBeLessThan(1.5)

    // hand-drawn: Alice picks Sketch; Bob's canvas shows ink along the curve a quarter of the way
    await alice.click('[data-testid="style-look-sketch"]')
    await expect.poll(() => bob.evaluate((id) => (window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown }).get('style'), arrow)).toBe('sketch')
    await alice.mouse.move(1000, 650)
    await bob.waitForTimeout(300)
    const quarter = { x: 0.5625 * s0.x + 0.375 * c.x + 0.0625 * e0.x, y: 0.5625 * s0.y + 0.375 * c.y + 0.0625 * e0.y }
    expect(await inkAt(bob, quarter)).toBe(true)
    await bob.screenshot({ path: '/tmp/tessera-depth-curved-bound-sketch.png' })
  })
})
