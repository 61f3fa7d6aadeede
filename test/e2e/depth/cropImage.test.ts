import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'
import { drag, toScreen } from '../editor-core/helpers'
import { shareOfColour, type SceneBox } from './pixels'

const RED: [number, number, number] = [0xe0, 0x31, 0x31]
const BLUE: [number, number, number] = [0x19, 0x71, 0xc2]

const boards = useBoards('depth-crop')

/** An image item's box and crop as a page's doc has them. */
async function imageOf(page: Page, id: string): Promise<SceneBox & { crop?: { x: number; y: number; width: number; height: number } }> {
  return page.evaluate((id) => {
    const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown }
    const crop = m.get('crop') as { x: number; y: number; width: number; height: number } | undefined
    return { x: m.get('x') as number, y: m.get('y') as number, width: m.get('width') as number, height: m.get('height') as number, ...(crop ? { crop } : {}) }
  }, id)
}

/** Share of an exported PNG's pixels near a colour. */
function pngShare(page: Page, png: Buffer, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(
    async ([b64, [r, g, b]]) => {
      const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }))
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!
      ctx.drawImage(bmp, 0, 0)
      const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data
      let n = 0
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - r) < 24 && Math.abs(px[i + 1]! - g) < 24 && Math.abs(px[i + 2]! - b) < 24) n++
      return n / (px.length / 4)
    },
    [png.toString('base64'), rgb] as const,
  )
}

describe('cropping an image', () => {
  it('double-click, drag an edge handle, Enter: the other person sees only the part kept; one undo brings the whole image back', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -600, y: -400, width: 20, height: 20 }])
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)

    // Alice picks a 200×100 PNG: red on the left half, blue on the right
    const b64 = await alice.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 200
      c.height = 100
      const g = c.getContext('2d')!
      g.fillStyle = '#e03131'
      g.fillRect(0, 0, 100, 100)
      g.fillStyle = '#1971c2'
      g.fillRect(100, 0, 100, 100)
      return c.toDataURL('image/png').split(',')[1]!
    })
    await alice.getByTestId('image-file-input').setInputFiles({ name: 'halves.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') })
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().selection.length), { timeout: 20_000 }).toBe(1)
    const id = await alice.evaluate(() => window.__tessera!.store.get().selection[0]!)
    const whole = await imageOf(alice, id)
    // Bob sees both halves
    await expect.poll(() => shareOfColour(bob, whole, RED), { timeout: 15_000 }).toBeGreaterThan(0.3)
    expect(await shareOfColour(bob, whole, BLUE)).toBeGreaterThan(0.3)

    // Alice double-clicks the image: crop mode, handles on its edges
    const centre = await toScreen(alice, { x: whole.x + whole.width / 2, y: whole.y + whole.height / 2 })
    await alice.mouse.dblclick(centre.x, centre.y)
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().croppingId)).toBe(id)
    await alice.waitForTimeout(100)
    await alice.screenshot({ path: '/tmp/tessera-depth-crop-mode-before.png' })
    // she drags the left edge's handle to the middle: the red half is trimmed away
    const leftMid = await toScreen(alice, { x: whole.x, y: whole.y + whole.height / 2 })
    const middle = await toScreen(alice, { x: whole.x + whole.width / 2, y: whole.y + whole.height / 2 })
    await drag(alice, leftMid, middle, 10)
    await alice.waitForTimeout(100)
    await alice.screenshot({ path: '/tmp/tessera-depth-crop-mode.png' })
    await alice.keyboard.press('Enter')
    await expect.poll(() => alice.evaluate(() => window.__tessera!.store.get().croppingId)).toBeNull()
    // (her cursor and its name tag, which Bob sees, out of the way)
    await alice.mouse.move(1000, 650)

    // Bob: the image now starts at the middle, shows the right half of its source, all blue
    await expect.poll(async () => (await imageOf(bob, id)).crop?.x ?? 0, { timeout: 10_000 }).toBeGreaterThan(0.45)
    const cropped = await imageOf(bob, id)
    expect(cropped.crop!.x).toBeCloseTo(0.5, 1)
    expect(cropped.crop!.width).toBeCloseTo(0.5, 1)
    expect(cropped.x).toBeCloseTo(whole.x + whole.width / 2, -1)
    expect(cropped.width).toBeCloseTo(whole.width / 2, -1)
    await bob.waitForTimeout(300)
    await bob.screenshot({ path: '/tmp/tessera-depth-cropped.png' })
    expect(await shareOfColour(bob, cropped, BLUE)).toBeGreaterThan(0.9)
    expect(await shareOfColour(bob, cropped, RED)).toBeLessThan(0.02)
    // and nothing red where the trimmed half was
    expect(await shareOfColour(bob, { ...whole, width: whole.width / 2 }, RED)).toBeLessThan(0.02)

    // Bob's PNG export is cropped too
    await bob.click('[data-testid="menu-button"]')
    const [file] = await Promise.all([bob.waitForEvent('download'), bob.click('[data-testid="menu-export-png"]')])
    const png = readFileSync((await file.path())!)
    expect(await pngShare(bob, png, BLUE)).toBeGreaterThan(0.01)
    expect(await pngShare(bob, png, RED)).toBe(0)

    // one undo (Alice's) brings the whole image back for both
    await alice.keyboard.press('Escape')
    await alice.keyboard.press('Control+z')
    await expect.poll(async () => (await imageOf(bob, id)).crop, { timeout: 10_000 }).toBeUndefined()
    expect((await imageOf(bob, id)).width).toBeCloseTo(whole.width, 3)
    await expect.poll(() => shareOfColour(bob, whole, RED), { timeout: 10_000 }).toBeGreaterThan(0.3)
  })
})
