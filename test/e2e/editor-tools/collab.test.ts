import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { DEFAULT_CAPTURE_TIMEOUT } from '../../../src/doc'
import { PNG_PADDING, PNG_PIXEL_RATIO } from '../../../src/canvas/export/png'
import { drag, items, openTools, screenOf, type PlainItem } from './helpers'

// the browser's contexts close with it
const env = useServerAndBrowser()

// CI retries a failed test once: each attempt works in rooms of its own, never in what the
// failed attempt left behind
let attempt = 0
beforeEach(() => {
  attempt += 1
})

async function open(room: string, permissions: string[] = []): Promise<Page> {
  const { page } = await openTools(env.browser, env.server.url, `${room}-${attempt}`, permissions)
  return page
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))

/** The scene rectangle a PNG export covers: the items' bounds (half a stroke around) plus its padding. */
function exportFrame(its: readonly PlainItem[]): { x: number; y: number; width: number; height: number } {
  // (unrotated items only, which is all these tests draw)
  const x = Math.min(...its.map((i) => i.x - i.strokeWidth / 2)) - PNG_PADDING
  const y = Math.min(...its.map((i) => i.y - i.strokeWidth / 2)) - PNG_PADDING
  const right = Math.max(...its.map((i) => i.x + i.width + i.strokeWidth / 2)) + PNG_PADDING
  const bottom = Math.max(...its.map((i) => i.y + i.height + i.strokeWidth / 2)) + PNG_PADDING
  return { x, y, width: right - x, height: bottom - y }
}

/** [x, y, width, height] in image pixels */
type PixelBox = [number, number, number, number]
interface RegionStats {
  /** mean RGBA */
  average: number[]
  /** pixels that are not opaque white */
  nonWhite: number
  /** pixels darker than mid grey (ink) */
  dark: number
}

/** Decodes PNG bytes in the page (createImageBitmap → OffscreenCanvas) and summarises some boxes of it. */
async function decodePng<K extends string>(page: Page, bytes: Buffer, boxes: Record<K, PixelBox>) {
  return page.evaluate(
    async ({ b64, boxes }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([raw], { type: 'image/png' }))
      const { width, height } = bitmap
      const g = new OffscreenCanvas(width, height).getContext('2d')
      if (!g) throw new Error('no 2D context')
      g.drawImage(bitmap, 0, 0)
      const stats = (x: number, y: number, w: number, h: number) => {
        const px = g.getImageData(x, y, w, h).data
        const sum = [0, 0, 0, 0]
        let nonWhite = 0
        let dark = 0
        for (let i = 0; i < px.length; i += 4) {
          for (let c = 0; c < 4; c++) sum[c] += px[i + c]
          if (px[i] < 250 || px[i + 1] < 250 || px[i + 2] < 250 || px[i + 3] < 255) nonWhite++
          if (px[i] + px[i + 1] + px[i + 2] < 3 * 128 && px[i + 3] > 128) dark++
        }
        return { average: sum.map((s) => Math.round(s / (w * h))), nonWhite, dark }
      }
      const regions: Record<string, { average: number[]; nonWhite: number; dark: number }> = {}
      for (const [name, [x, y, w, h]] of Object.entries(boxes)) regions[name] = stats(x, y, w, h)
      return { width, height, nonWhite: stats(0, 0, width, height).nonWhite, regions }
    },
    { b64: bytes.toString('base64'), boxes: boxes as Record<string, PixelBox> },
  ) as Promise<{ width: number; height: number; nonWhite: number; regions: Record<K, RegionStats> }>
}

describe('editing together', () => {
  it('two people typing in one sticky at once both keep their text', async () => {
    const a = await open('tools-sticky')
    const b = await open('tools-sticky')
    await a.keyboard.press('n')
    await a.mouse.click(500, 400)
    await a.keyboard.type('Alpha ')
    const alphaTyped = Date.now()
    const id = (await items(a))[0]!.id
    await waitFor(async () => (await items(b)).some((i) => i.id === id && i.text === 'Alpha '))
    // B opens the same note (double-click with the select tool) and puts the caret at the start
    await b.mouse.dblclick(500, 400)
    await b.waitForSelector('[data-testid="text-editor"]')
    await b.keyboard.press('Control+Home')
    // A's next burst must start a new undo step, so let the capture timeout run out after 'Alpha '
    await sleep(DEFAULT_CAPTURE_TIMEOUT + 100 - (Date.now() - alphaTyped))
    // both type at the same time: every keystroke of one lands while the other's text shifts under
    // it, so this also checks that remote changes keep each local caret in place
    await Promise.all([a.keyboard.type('one two three', { delay: 15 }), b.keyboard.type('[bee] ', { delay: 20 })])
    const want = '[bee] Alpha one two three'
    await waitFor(async () => (await items(a))[0]!.text === want && (await items(b))[0]!.text === want)
    const ta = want
    // each textarea shows the merged text too
    await waitFor(async () => (await a.inputValue('[data-testid="text-editor"]')) === ta && (await b.inputValue('[data-testid="text-editor"]')) === ta)
    await a.screenshot({ path: '/tmp/tessera-tools-sticky.png' })
    // The typing is undoable per person: A's undo takes exactly A's last burst (typed within the
    // capture timeout, so one step), never B's characters typed in between.
    await a.keyboard.press('Escape')
    await a.keyboard.press('Control+z')
    const undone = '[bee] Alpha '
    await waitFor(async () => (await items(a))[0]!.text === undone && (await items(b))[0]!.text === undone, { message: `"${undone}" after one undo` })
    await waitFor(async () => (await b.inputValue('[data-testid="text-editor"]')) === undone)
    // the burst before the pause is a step of its own
    await a.keyboard.press('Control+z')
    await waitFor(async () => (await items(a))[0]!.text === '[bee] ' && (await items(b))[0]!.text === '[bee] ', { message: '"[bee] " after two undos' })
  })

  it('text that arrives during an IME composition survives it', async () => {
    const a = await open('tools-ime')
    const b = await open('tools-ime')
    await a.keyboard.press('n')
    await a.mouse.click(500, 400)
    await a.keyboard.type('Hello')
    await waitFor(async () => (await items(b))[0]?.text === 'Hello')
    await b.mouse.dblclick(500, 400)
    await b.waitForSelector('[data-testid="text-editor"]')
    await b.keyboard.press('Control+Home')
    // A composes at the end of the note (Chromium's IME entry points, as a real IME drives them)
    const ime = await a.context().newCDPSession(a)
    await ime.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 })
    expect(await a.inputValue('[data-testid="text-editor"]')).toBe('Helloni')
    // meanwhile B types at the start: A's doc gets it, A's textarea leaves the composition alone
    await b.keyboard.type('XYZ')
    await waitFor(async () => (await items(a))[0]?.text === 'XYZHello')
    expect(await a.inputValue('[data-testid="text-editor"]')).toBe('Helloni')
    await ime.send('Input.imeSetComposition', { text: '你好', selectionStart: 2, selectionEnd: 2 })
    await ime.send('Input.insertText', { text: '你好' }) // commits: compositionend
    const want = 'XYZHello你好'
    await waitFor(async () => {
      // (an expect inside, so that a timeout reports what the docs hold instead)
      expect([(await items(a))[0]?.text, (await items(b))[0]?.text]).toEqual([want, want])
      return true
    })
    // A's textarea shows the merged text, caret still right after the composed word
    expect(await a.inputValue('[data-testid="text-editor"]')).toBe(want)
    await a.keyboard.type('!')
    await waitFor(async () => (await items(b))[0]?.text === `${want}!`)
  })

  it('a rectangle drawn on page 2 in A shows on page 2 in B, not on page 1', async () => {
    const a = await open('tools-pages')
    const b = await open('tools-pages')
    await a.click('[data-testid="page-add"]')
    const pageId = await a.evaluate(() => window.__tessera!.store.get().pageId)
    expect(pageId).not.toBe('page-1')
    await waitFor(() => b.locator(`[data-testid="page-tab-${pageId}"]`).count())
    await a.keyboard.press('r')
    await drag(a, [400, 300], [500, 400])
    await waitFor(async () => (await items(b)).some((i) => i.pageId === pageId && i.type === 'rect'), { timeout: 1000 })
    await b.click(`[data-testid="page-tab-${pageId}"] button`)
    expect(await b.evaluate(() => window.__tessera!.store.get().pageId)).toBe(pageId)
    // rename by double-click
    await a.dblclick(`[data-testid="page-tab-${pageId}"] button`)
    await a.fill('[data-testid="page-rename-input"]', 'Ideas')
    await a.keyboard.press('Enter')
    await waitFor(async () => (await b.textContent(`[data-testid="page-tab-${pageId}"]`))?.includes('Ideas'))
    // delete with confirm: the page and its rect go for everyone
    a.once('dialog', (d) => void d.accept())
    await a.click(`[data-testid="page-delete-${pageId}"]`)
    await waitFor(async () => (await items(b)).length === 0 && (await b.evaluate(() => window.__tessera!.store.get().pageId)) === 'page-1')
  })

  it('copy in one board and paste in another through the system clipboard', async () => {
    const perms = ['clipboard-read', 'clipboard-write']
    const a = await open('tools-copy-a', perms)
    const b = await open('tools-copy-b', perms)
    await a.keyboard.press('o')
    await drag(a, [300, 300], [380, 360])
    await a.keyboard.press('Control+c')
    const clip = await a.evaluate(() => navigator.clipboard.readText())
    expect(JSON.parse(clip).format).toBe('tessera-clipboard')
    await b.bringToFront()
    await b.mouse.move(700, 500)
    await b.keyboard.press('Control+v')
    await waitFor(async () => (await items(b)).length === 1)
    const [pasted] = await items(b)
    const [src] = await items(a)
    expect(pasted).toMatchObject({ type: 'ellipse', width: src!.width, height: src!.height })
    expect(pasted!.id).not.toBe(src!.id)
    // landed centred on B's pointer
    const centre = await screenOf(b, pasted!.x + pasted!.width / 2, pasted!.y + pasted!.height / 2)
    expect(centre[0]).toBeCloseTo(700, -1)
    expect(centre[1]).toBeCloseTo(500, -1)
    // cut removes from A
    await a.bringToFront()
    await a.keyboard.press('Control+a')
    await a.keyboard.press('Control+x')
    await waitFor(async () => (await items(a)).length === 0)
  })

  it('exports PNG, SVG and JSON downloads; a bad JSON import shows a clear error', async () => {
    const a = await open('tools-export')
    await a.keyboard.press('r')
    await drag(a, [300, 300], [500, 420])
    await a.keyboard.press('n')
    await a.mouse.click(700, 400)
    await a.keyboard.type('export me')
    await a.keyboard.press('Escape')
    await a.keyboard.press('Escape') // deselect: export the page

    await a.click('[data-testid="menu-button"]')
    await a.screenshot({ path: '/tmp/tessera-tools-menu.png' })
    const exported = await items(a)
    const [png] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid="menu-export-png"]')])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const bytes = readFileSync((await png.path())!)
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IHDR: width and height at 2× the content (rect 300..500 and sticky 600..800 → > 1000 px wide)
    const w = bytes.readUInt32BE(16)
    const h = bytes.readUInt32BE(20)
    expect(w).toBeGreaterThan(1000)
    expect(h).toBeGreaterThan(400)
    expect(bytes.length).toBeGreaterThan(2000)
    // ...and the pixels are really drawn: decode the PNG in the page and look where the items went
    const [rect, sticky] = ['rect', 'sticky'].map((t) => exported.find((i) => i.type === t)!) as [PlainItem, PlainItem]
    const frame = exportFrame(exported)
    // (also checks this test's idea of the geometry: the image is exactly the frame at 2×)
    expect([w, h]).toEqual([Math.round(frame.width * PNG_PIXEL_RATIO), Math.round(frame.height * PNG_PIXEL_RATIO)])
    // a box given in scene units → where it lies in the image
    const R = PNG_PIXEL_RATIO
    const box = (x: number, y: number, width: number, height: number): PixelBox => [
      Math.floor((x - frame.x) * R), Math.floor((y - frame.y) * R), Math.round(width * R), Math.round(height * R),
    ]
    const image = await decodePng(a, bytes, {
      corner: [1, 1, 2, 2],
      // the note's lower half (its text is on the first lines)
      stickyBody: box(sticky.x + 20, sticky.y + sticky.height / 2, 160, 60),
      // the note's first line, inside its padding: "export me"
      stickyText: box(sticky.x + 16, sticky.y + 16, 168, 26),
      // a one-unit band across the rectangle's left edge, halfway down (the stroke is 2 wide)
      rectEdge: box(rect.x - 6, rect.y + rect.height / 2, 12, 1),
      rectInside: box(rect.x + 20, rect.y + 20, rect.width - 40, rect.height - 40),
    })
    expect([image.width, image.height]).toEqual([w, h])
    const opaqueYellow = [0xff, 0xf5, 0x9d, 0xff] // the sticky fill, #fff59d
    // an opaque white background (not a transparent one)
    expect(image.regions.corner).toMatchObject({ average: [255, 255, 255, 255] })
    // the note: opaque sticky yellow all over its body, dark ink where its text is
    const offYellow = image.regions.stickyBody.average.map((c, i) => Math.abs(c - opaqueYellow[i]))
    expect(Math.max(...offYellow)).toBeLessThanOrEqual(3)
    expect(image.regions.stickyText.dark).toBeGreaterThan(100)
    // the rectangle: a dark stroke on its edge, nothing painted inside (its fill is transparent)
    expect(image.regions.rectEdge.dark).toBeGreaterThan(0)
    expect(image.regions.rectInside.nonWhite).toBe(0)
    // overall, the note alone covers (400 px)² of the image
    expect(image.nonWhite).toBeGreaterThan(0.95 * (sticky.width * PNG_PIXEL_RATIO) * (sticky.height * PNG_PIXEL_RATIO))

    await a.click('[data-testid="menu-button"]')
    const [svg] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid="menu-export-svg"]')])
    const svgText = readFileSync((await svg.path())!, 'utf8')
    expect(svgText).toContain('<svg')
    expect(svgText).toContain('export me')

    await a.click('[data-testid="menu-button"]')
    const [json] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid="menu-export-json"]')])
    const scene = JSON.parse(readFileSync((await json.path())!, 'utf8'))
    expect(scene).toMatchObject({ format: 'tessera-scene', version: 1 })
    expect(scene.items).toHaveLength(2)

    // import into a fresh board: the good file works
    const b = await open('tools-import')
    await b.setInputFiles('[data-testid="import-file-input"]', { name: 'scene.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scene)) })
    await waitFor(async () => (await items(b)).length === 2)
    // a broken one shows an error naming the problem
    const bad = { ...scene, items: [{ ...scene.items[0], x: 'left' }] }
    await b.setInputFiles('[data-testid="import-file-input"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) })
    const toast = b.locator('[data-testid="editor-toast"]')
    await toast.waitFor()
    expect(await toast.textContent()).toMatch(/bad\.json.*x/)
    await b.setInputFiles('[data-testid="import-file-input"]', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') })
    await waitFor(async () => /Not a JSON file/.test((await toast.textContent()) ?? ''))
    await b.screenshot({ path: '/tmp/tessera-tools-import-error.png' })
    expect((await items(b)).length).toBe(2)
  })

  it('read-only boards show only select, hand and the laser (never stored), no style panel, no undo, no page editing', async () => {
    const a = await open('tools-readonly')
    await a.evaluate(() => window.__tessera!.store.setReadOnly(true))
    await a.waitForSelector('[data-testid="tool-rect"]', { state: 'detached' })
    const tools = await a.locator('[data-testid^="tool-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(tools).toEqual(['tool-select', 'tool-hand', 'tool-laser'])
    expect(await a.locator('[data-testid="undo"]').count()).toBe(0)
    expect(await a.locator('[data-testid="page-add"]').count()).toBe(0)
    await a.keyboard.press('r')
    expect(await a.evaluate(() => window.__tessera!.store.get().tool)).toBe('select')
  })

  it('? opens the shortcut help; Escape closes it', async () => {
    const a = await open('tools-help')
    await a.keyboard.press('Shift+Slash')
    await a.waitForSelector('[data-testid="help-overlay"]')
    expect(await a.textContent('[data-testid="help-overlay"]')).toContain('Zoom to fit')
    await a.screenshot({ path: '/tmp/tessera-tools-help.png' })
    await a.keyboard.press('Escape')
    await a.waitForSelector('[data-testid="help-overlay"]', { state: 'detached' })
    await a.click('[data-testid="help-button"]')
    await a.waitForSelector('[data-testid="help-overlay"]')
  })
})
