// Remaining rows of issue 15's table: another user's selection told apart from your own even in a
// colour close to the selection accent; a viewer's import refused (nothing local, nothing after a
// reload); the README's word on where the tour reopens is what the app does.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useServerAndBrowser } from '../../helpers/serverAndBrowser'
import { waitFor } from '../../helpers/waitFor'
import { boardPath } from '../../../src/app/routes'
import { openAs, addRect } from '../presence/helpers'
import * as Y from 'yjs'
import { addItems, ensureDefaultPage } from '../../../src/doc'
import { exportScene } from '../../../src/doc/sceneJson'

// the browser's contexts close with it
const env = useServerAndBrowser()

/** Shaped like a server token; with --open the server lets it in, the client reads the viewer role. */
function viewerToken(room: string): string {
  const claims = { v: 1, room, role: 'viewer', exp: 4_102_444_800, iat: 0 }
  return Buffer.from(JSON.stringify(claims)).toString('base64url') + '.bm90LWEtcmVhbC1zaWduYXR1cmU'
}

async function itemCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__tessera!.doc.getMap('items').size)
}

interface RemoteOutline {
  dash: number[]
  stroke: string
  label: string | null
}

/** The presence outlines `page` draws around item `id` for others' selections. */
function remoteOutlines(page: Page, id: string): Promise<RemoteOutline[]> {
  return page.evaluate((itemId) => {
    type KNode = { id(): string; findOne(sel: string): { text?: () => string; stroke?: () => string; dash?: () => number[] } | undefined }
    const stage = (window as unknown as { Konva: { stages: { find(sel: string): KNode[] }[] } }).Konva.stages[0]!
    return stage
      .find('.presence-selection')
      .filter((n) => n.id().endsWith(`-${itemId}`))
      .map((n) => {
        const rect = n.findOne('Rect')!
        const label = n.findOne('.presence-selection-label')
        return { dash: rect.dash!() ?? [], stroke: rect.stroke!(), label: label?.text ? label.text() : null }
      })
  }, id)
}

describe('issue 15: the rest of the table', () => {
  it('another user in a purple close to our selection accent: their outline is dashed and carries their name; our own box is solid, unnamed', async () => {
    const room = `rows-colour-${Date.now()}`
    const me = await openAs(env.browser, env.server.url, room, 'Me Myself', '#e03131')
    const them = await openAs(env.browser, env.server.url, room, 'Violet Heron', '#6741d9')
    await addRect(me.page, 'shared', { x: 0, y: 0 })
    await waitFor(async () => (await itemCount(them.page)) === 1, { message: 'the rect at the other page' })
    // both select the same rectangle
    await me.page.evaluate(() => window.__tessera!.store.setSelection(['shared']))
    await them.page.evaluate(() => window.__tessera!.store.setSelection(['shared']))
    const outline = await waitFor(async () => (await remoteOutlines(me.page, 'shared'))[0], { message: 'their outline on my page' })
    expect(outline!.stroke).toBe('#6741d9')
    expect(outline!.dash.length).toBeGreaterThan(0)
    expect(outline!.label).toBe('Violet Heron')
    // our own selection: the transformer, solid and without a name
    const own = await me.page.evaluate(() => {
      type Tr = { nodes(): { id(): string }[]; findOne(sel: string): { dash(): number[] | undefined; stroke(): string } | undefined; find(sel: string): unknown[] }
      const stage = (window as unknown as { Konva: { stages: { find(sel: string): Tr[] }[] } }).Konva.stages[0]!
      const tr = stage.find('Transformer')[0]!
      const border = tr.findOne('.back') ?? tr.findOne('Rect')
      return { nodes: tr.nodes().map((n) => n.id()), stroke: border?.stroke(), dash: border?.dash() ?? [], texts: tr.find('Text').length }
    })
    expect(own.nodes).toEqual(['shared'])
    expect(own.stroke).not.toBe('#6741d9')
    expect(own.dash.length).toBe(0)
    expect(own.texts).toBe(0)
    await me.page.screenshot({ path: '/tmp/tessera-rows-colour.png' })
  })

  it('a viewer feeding a file to the hidden import input is refused: nothing added, nothing after a reload', async () => {
    const room = `rows-viewer-${Date.now()}`
    const editor = await openAs(env.browser, env.server.url, room, 'Ed Editor', '#1971c2')
    await addRect(editor.page, 'only', { x: 0, y: 0 })
    // a valid scene file, as the app exports it: one rectangle
    const source = new Y.Doc()
    ensureDefaultPage(source)
    expect(addItems(source, [{ type: 'rect', pageId: 'page-1', x: 400, y: 0, width: 100, height: 60 }]).ok).toBe(true)
    const scene = exportScene(source)

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
    const viewer = await context.newPage()
    await viewer.goto(env.server.url + boardPath(room, viewerToken(room)))
    await viewer.waitForFunction(() => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size === 1, null, { timeout: 15_000 })
    expect(await viewer.evaluate(() => window.__tessera!.store.get().readOnly)).toBe(true)

    await viewer.setInputFiles('[data-testid="import-file-input"]', { name: 'scene.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scene)) })
    const toast = viewer.locator('[data-testid="editor-toast"]')
    await toast.waitFor()
    expect(await toast.textContent()).toMatch(/view-only/)
    expect(await itemCount(viewer)).toBe(1)
    // the viewer's local copy (IndexedDB) holds nothing new either: a reload shows the one rect
    await viewer.waitForTimeout(500)
    await viewer.reload()
    await viewer.waitForFunction(() => window.__tessera?.synced === true && window.__tessera.doc.getMap('items').size >= 1, null, { timeout: 15_000 })
    await viewer.waitForTimeout(1000)
    expect(await viewer.evaluate(() => [...window.__tessera!.doc.getMap('items').keys()])).toEqual(['only'])
    expect(await itemCount(editor.page)).toBe(1)
  })

  it('the README says where the tour reopens, and that button there opens it', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8')
    const claim = /tour[^.]*can be reopened from the lobby's footer \(\*([^*]+)\*\)/.exec(readme)
    expect(claim, 'README names the lobby footer button that reopens the tour').not.toBeNull()
    expect(readme).not.toMatch(/tour[^.]*reopen[^.]*board's help/i)
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
    const page = await context.newPage()
    await page.goto(env.server.url + '/')
    const button = page.locator('footer').getByRole('button', { name: claim![1]!, exact: true })
    await button.click()
    await page.getByRole('dialog').first().waitFor({ timeout: 5_000 })
    expect(await page.getByRole('dialog').first().textContent()).toMatch(/\S/)
  })
})
