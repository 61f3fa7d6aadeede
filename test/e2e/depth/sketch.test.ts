import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { drag, itemField, toScreen } from '../editor-core/helpers'

const boards = useBoards('depth-sketch')
const PINK = '#ffc9c9'

/** Shares of near-white and of pink (the fill) pixels in a scene box of a page's canvas. */
async function pixels(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<{ white: number; pink: number }> {
  const tl = await toScreen(page, box)
  const png = await page.screenshot({ clip: { x: tl.x, y: tl.y, width: box.width, height: box.height } })
  return shares(page, png)
}

function shares(page: Page, png: Buffer, clip?: [number, number, number, number]): Promise<{ white: number; pink: number }> {
  return page.evaluate(
    async ([b64, clip]) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const bmp = await createImageBitmap(new Blob([raw], { type: 'image/png' }))
      const [x, y, w, h] = clip ?? [0, 0, bmp.width, bmp.height]
      const g = new OffscreenCanvas(w, h).getContext('2d')!
      g.drawImage(bmp, -x, -y)
      const px = g.getImageData(0, 0, w, h).data
      let white = 0
      let pink = 0
      for (let i = 0; i < px.length; i += 4) {
        const [r, gr, b] = [px[i]!, px[i + 1]!, px[i + 2]!]
        if (r > 245 && gr > 245 && b > 245) white++
        else if (r > 235 && Math.abs(gr - 201) < 20 && Math.abs(b - 201) < 20) pink++
      }
      const n = px.length / 4
      return { white: white / n, pink: pink / n }
    },
    [png.toString('base64'), clip ?? null] as const,
  )
}

/** Share of pixels that differ clearly (> 40 in a channel) between two same-size PNGs. */
function differingShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const px = async (b64: string) => {
        const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }))
        const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
        g.drawImage(bmp, 0, 0)
        return g.getImageData(0, 0, bmp.width, bmp.height).data
      }
      const [pa, pb] = [await px(a64), await px(b64)]
      if (pa.length !== pb.length) return 1
      let n = 0
      for (let i = 0; i < pa.length; i += 4)
        if (Math.abs(pa[i]! - pb[i]!) > 40 || Math.abs(pa[i + 1]! - pb[i + 1]!) > 40 || Math.abs(pa[i + 2]! - pb[i + 2]!) > 40) n++
      return n / (pa.length / 4)
    },
    [a.toString('base64'), b.toString('base64')] as const,
  )
}

async function selection(page: Page): Promise<readonly string[]> {
  return page.evaluate(() => window.__tessera!.store.get().selection)
}

describe('sketch style (hand-drawn look)', () => {
  it('Sketch in the style panel draws the selection by hand for the other person too, exports so, and undoes in one step', async () => {
    const { room, ids } = await boards.seedRoom([
      { type: 'rect', x: -300, y: -150, width: 300, height: 200, fill: PINK, stroke: '#e03131', strokeWidth: 2 },
      { type: 'ellipse', x: 80, y: -150, width: 200, height: 140, fill: 'transparent', stroke: '#1971c2', strokeWidth: 2 },
      { type: 'arrow', x: -300, y: 120, width: 500, height: 0, points: [0, 0, 500, 0], fill: 'transparent', stroke: '#1e1e1e', strokeWidth: 2 },
    ])
    const [rect, ellipse, arrow] = ids as [string, string, string]
    const alice = await boards.open(room, 3)
    const bob = await boards.open(room, 3)
    const inside = { x: -270, y: -120, width: 240, height: 140 }
    // clean: the rect's inside is solid pink on Bob's screen
    const before = await pixels(bob, inside)
    expect(before.pink).toBeGreaterThan(0.95)

    await alice.keyboard.press('Control+a')
    await expect.poll(() => selection(alice)).toHaveLength(3)
    await alice.click('[data-testid="style-look-sketch"]')
    for (const id of [rect, ellipse, arrow]) await expect.poll(() => itemField(bob, id, 'style'), { timeout: 10_000 }).toBe('sketch')
    await alice.keyboard.press('Escape')

    // Bob's canvas: the fill is hachure now, pink lines with white between them
    await expect.poll(async () => (await pixels(bob, inside)).white, { timeout: 10_000 }).toBeGreaterThan(0.3)
    const after = await pixels(bob, inside)
    expect(after.pink).toBeGreaterThan(0.05)
    await bob.screenshot({ path: '/tmp/tessera-depth-sketch-bob.png' })
    await alice.screenshot({ path: '/tmp/tessera-depth-sketch-alice.png' })
    // both people see the very same strokes (seeded from the item id)
    const shotOf = async (p: Page) => {
      const tl = await toScreen(p, { x: -320, y: -170 })
      return p.screenshot({ clip: { x: tl.x, y: tl.y, width: 340, height: 240 } })
    }
    // (not byte for byte: the dot grid and antialiasing may differ by a shade between two pages)
    expect(await differingShare(bob, await shotOf(alice), await shotOf(bob))).toBeLessThan(0.005)

    // the SVG export draws the same hand-drawn paths, not a <rect>
    await alice.click('[data-testid="menu-button"]')
    const [svg] = await Promise.all([alice.waitForEvent('download'), alice.click('[data-testid="menu-export-svg"]')])
    const text = readFileSync((await svg.path())!, 'utf8')
    const g = (id: string) => text.match(new RegExp(`<g data-id="${id}"[^>]*>(.*?)</g>`))![1]!
    expect(g(rect)).not.toContain('<rect')
    expect(g(rect)).toMatch(new RegExp(`<path d="M[^"]*C[^"]*" fill="none" stroke="${PINK}"`))
    expect(g(ellipse)).not.toContain('<ellipse')
    expect(g(arrow)).not.toContain('<polyline')
    // ...and the PNG: hachure inside the rect there too
    await alice.click('[data-testid="menu-button"]')
    const [png] = await Promise.all([alice.waitForEvent('download'), alice.click('[data-testid="menu-export-png"]')])
    // PNG at 2×, 32 units of padding: the rect's inside starts at ((-270) - (-300) + 32) * 2
    const pngShares = await shares(alice, readFileSync((await png.path())!), [124, 124, 480, 280])
    expect(pngShares.white).toBeGreaterThan(0.3)
    expect(pngShares.pink).toBeGreaterThan(0.05)

    // one undo: clean again for Bob
    await alice.keyboard.press('Control+z')
    for (const id of [rect, ellipse, arrow]) await expect.poll(() => itemField(bob, id, 'style'), { timeout: 10_000 }).toBeUndefined()
    await expect.poll(async () => (await pixels(bob, inside)).pink, { timeout: 10_000 }).toBeGreaterThan(0.95)
  })

  it('with the rectangle tool, Sketch makes the next shapes hand-drawn: the other person gets a sketch rect', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: 400, y: 250, width: 40, height: 40 }])
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)
    await bob.keyboard.press('r')
    await bob.click('[data-testid="style-look-sketch"]')
    await drag(bob, await toScreen(bob, { x: -200, y: -100 }), await toScreen(bob, { x: 100, y: 100 }), 8)
    const newId = async () =>
      alice.evaluate(() => [...window.__tessera!.doc.getMap('items').keys()].find((k) => (window.__tessera!.doc.getMap('items').get(k) as { get(k: string): unknown }).get('width') === 300))
    await expect.poll(newId, { timeout: 10_000 }).toBeTruthy()
    expect(await itemField(alice, (await newId())!, 'style')).toBe('sketch')
    await alice.waitForTimeout(300)
    await alice.screenshot({ path: '/tmp/tessera-depth-sketch-new.png' })
  })
})
