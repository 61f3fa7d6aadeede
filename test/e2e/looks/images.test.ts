import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { ANN, BEA, items, openUser } from './helpers'

const env = useServerAndBrowser()

/** Loaded Konva images of image items: their natural width. */
const shownImages = (p: Page) =>
  p.evaluate(() => {
    type KNode = { image(): HTMLImageElement | undefined }
    const K = (window as unknown as { Konva: { stages: { find(sel: string): KNode[] }[] } }).Konva
    return (K.stages[0]?.find('.item-image') ?? []).map((n) => n.image()?.naturalWidth ?? 0)
  })

describe('images', () => {
  it('a picked PNG is uploaded, shown to the other person, and still there after a reload', async () => {
    const room = 'images-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN)
    const B = await openUser(env.browser, env.server.url, room, BEA)
    // a 120×80 PNG, drawn in the page
    const b64 = await A.page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 120
      c.height = 80
      const g = c.getContext('2d')!
      g.fillStyle = '#2f9e44'
      g.fillRect(0, 0, 120, 80)
      return c.toDataURL('image/png').split(',')[1]!
    })
    await A.page.getByTestId('image-file-input').setInputFiles({ name: 'green.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') })
    const img = await waitFor(async () => (await items(B.page)).find((i) => i.type === 'image'), { timeout: 10_000, message: 'image item at Bea' })
    expect(img).toMatchObject({ width: 120, height: 80, updatedBy: ANN.name })
    expect(img!.image).toMatch(/^[0-9a-f]{64}$/)
    await waitFor(async () => (await shownImages(B.page)).includes(120), { timeout: 10_000, message: 'image drawn at Bea' })
    await B.page.screenshot({ path: '/tmp/tessera-looks-image.png' })

    await B.page.reload()
    await B.page.waitForFunction(() => window.__tessera?.synced === true)
    await waitFor(async () => (await shownImages(B.page)).includes(120), { timeout: 10_000, message: 'image drawn after reload' })

    // one undo step takes it away
    await A.page.keyboard.press('Control+z')
    await waitFor(async () => (await items(B.page)).length === 0, { message: 'undone at Bea' })
  })

  it('a file that is not an image is refused with a clear message and adds nothing', async () => {
    const room = 'images-bad-' + Date.now().toString(36)
    const A = await openUser(env.browser, env.server.url, room, ANN)
    await A.page.getByTestId('image-file-input').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') })
    await waitFor(async () => /not added/.test((await A.page.evaluate(() => document.querySelector('[data-testid="editor-toast"]')?.textContent ?? ''))), { message: 'error toast' })
    expect(await items(A.page)).toEqual([])
  })
})
