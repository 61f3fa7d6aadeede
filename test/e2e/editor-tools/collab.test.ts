import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { drag, items, openTools, screenOf } from './helpers'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

async function open(room: string, permissions: string[] = []): Promise<Page> {
  const { context, page } = await openTools(browser, server.url, room, permissions)
  contexts.push(context)
  return page
}

describe('editing together', () => {
  it('two people typing in one sticky at once both keep their text', async () => {
    const a = await open('tools-sticky')
    const b = await open('tools-sticky')
    await a.keyboard.press('n')
    await a.mouse.click(500, 400)
    await a.keyboard.type('Alpha ')
    const id = (await items(a))[0]!.id
    await waitFor(async () => (await items(b)).some((i) => i.id === id && i.text === 'Alpha '))
    // B opens the same note (double-click with the select tool) and puts the caret at the start
    await b.mouse.dblclick(500, 400)
    await b.waitForSelector('[data-testid="text-editor"]')
    await b.keyboard.press('Control+Home')
    // both type at the same time: every keystroke of one lands while the other's text shifts under
    // it, so this also checks that remote changes keep each local caret in place
    await Promise.all([a.keyboard.type('one two three', { delay: 15 }), b.keyboard.type('[bee] ', { delay: 20 })])
    const want = '[bee] Alpha one two three'
    await waitFor(async () => (await items(a))[0]!.text === want && (await items(b))[0]!.text === want)
    const ta = want
    // each textarea shows the merged text too
    await waitFor(async () => (await a.inputValue('[data-testid="text-editor"]')) === ta && (await b.inputValue('[data-testid="text-editor"]')) === ta)
    await a.screenshot({ path: '/tmp/tessera-tools-sticky.png' })
    // the typing is undoable per person: A's undo never removes B's characters
    await a.keyboard.press('Escape')
    await a.keyboard.press('Control+z')
    await waitFor(async () => !((await items(b))[0]?.text ?? '').includes('one two three'))
    expect((await items(b))[0]?.text ?? '').toContain('[bee]')
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

  it('read-only boards show only select and hand, no style panel, no undo, no page editing', async () => {
    const a = await open('tools-readonly')
    await a.evaluate(() => window.__tessera!.store.setReadOnly(true))
    await a.waitForSelector('[data-testid="tool-rect"]', { state: 'detached' })
    expect(await a.locator('[data-testid^="tool-"]').count()).toBe(2)
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
