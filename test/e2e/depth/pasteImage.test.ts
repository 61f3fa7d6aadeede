import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'

const boards = useBoards('depth-paste-img')

type Plain = Record<string, unknown> & { id: string; type: string }
const items = (page: Page): Promise<Plain[]> =>
  page.evaluate(() => [...window.__tessera!.doc.getMap('items').entries()].map(([id, v]) => ({ id, ...(v as { toJSON(): object }).toJSON() }) as Plain))

/** Natural widths of the images the canvas has drawn (loaded Konva images of image items). */
const shownImages = (p: Page) =>
  p.evaluate(() => {
    type KNode = { image(): HTMLImageElement | undefined }
    const K = (window as unknown as { Konva: { stages: { find(sel: string): KNode[] }[] } }).Konva
    return (K.stages[0]?.find('.item-image') ?? []).map((n) => n.image()?.naturalWidth ?? 0)
  })

describe('pasting an image', () => {
  it('a PNG on the system clipboard pasted with Ctrl+V is uploaded and shown to the other person, also after their reload', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -400, y: -250, width: 40, height: 40 }])
    const context = await boards.browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: boards.server.url })
    const alice = await boards.open(room, 1, context)
    const bob = await boards.open(room, 1)
    // a 96×64 orange PNG goes onto the clipboard, as a screenshot tool would put it there
    await alice.evaluate(async () => {
      const c = document.createElement('canvas')
      c.width = 96
      c.height = 64
      const g = c.getContext('2d')!
      g.fillStyle = '#f08c00'
      g.fillRect(0, 0, 96, 64)
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'))
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })])
    })
    await alice.mouse.click(640, 420) // the canvas has the focus
    await alice.keyboard.press('Control+v')
    await expect.poll(async () => (await items(bob)).find((i) => i.type === 'image'), { timeout: 20_000 }).toBeTruthy()
    const img = (await items(bob)).find((i) => i.type === 'image')!
    expect(img).toMatchObject({ width: 96, height: 64 })
    expect(img.image).toMatch(/^[0-9a-f]{64}$/)
    await expect.poll(() => shownImages(bob), { timeout: 20_000 }).toContain(96)
    await bob.screenshot({ path: '/tmp/tessera-depth-paste-image.png' })
    await bob.reload()
    await bob.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 20_000 })
    await expect.poll(() => shownImages(bob), { timeout: 20_000 }).toContain(96)
  })
})
