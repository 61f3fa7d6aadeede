import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'

const boards = useBoards('depth-import')
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))

type Plain = Record<string, unknown> & { id: string; type: string; pageId: string }
function items(page: Page): Promise<Plain[]> {
  return page.evaluate(() =>
    [...window.__tessera!.doc.getMap('items').entries()].map(([id, v]) => ({ id, ...(v as { toJSON(): object }).toJSON() }) as Plain),
  )
}

/** Picks a file through the ☰ menu's Import item, as a user does (the browser's file chooser). */
async function importFile(page: Page, file: string): Promise<void> {
  await page.click('[data-testid="menu-button"]')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="menu-import-json"]')])
  await chooser.setFiles(file)
}

/** The message of the toast on screen, once one shows (an info toast goes after 4 s, so read it at once). */
const toast = (page: Page) => page.locator('[data-testid="editor-toast"] > span').innerText({ timeout: 20_000 })

describe('import from Excalidraw and tldraw through the menu', () => {
  it('an Excalidraw file and a tldraw file picked with Import appear for the other person; a one-line report says what was skipped', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -560, y: -300, width: 40, height: 40 }])
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)

    // Excalidraw: 7 items (frame, group, labelled rect, ellipse, bound arrow, text, freedraw)
    await importFile(alice, fixture('sample.excalidraw'))
    expect(await toast(alice)).toBe('Imported 7 items from Excalidraw; skipped 1 image (missing file), 1 embeddable')
    await alice.click('[data-testid="editor-toast-close"]')
    await expect.poll(async () => (await items(bob)).length, { timeout: 20_000 }).toBe(8)
    const seen = await items(bob)
    const rect = seen.find((i) => i.type === 'rect' && i.text === 'Start')!
    const ellipse = seen.find((i) => i.type === 'ellipse')!
    const arrow = seen.find((i) => i.type === 'arrow')!
    expect(rect).toMatchObject({ font: 'hand', style: 'sketch', fill: '#a5d8ff' })
    // the arrow's ends are bound to the imported copies (new ids), so it follows them
    expect(arrow).toMatchObject({ startBinding: { itemId: rect.id }, endBinding: { itemId: ellipse.id } })
    expect(seen.find((i) => i.type === 'frame')).toMatchObject({ text: 'Flow' })
    expect(seen.filter((i) => i.type === 'group')).toHaveLength(1)
    await bob.waitForFunction(() => (window.__tessera?.rendered ?? 0) >= 8, null, { timeout: 20_000 })
    await bob.screenshot({ path: '/tmp/tessera-depth-import-excalidraw.png' })
    // one undo takes the whole import back
    await alice.keyboard.press('Control+z')
    await expect.poll(async () => (await items(bob)).length, { timeout: 20_000 }).toBe(1)

    // tldraw: shapes onto this page, its second page as a new page
    await importFile(alice, fixture('sample.tldr'))
    expect(await toast(alice)).toMatch(/^Imported \d+ items from tldraw; skipped 1 image \(missing file\), 1 star \(drawn as rectangle\)$/)
    await expect.poll(async () => (await items(bob)).some((i) => i.type === 'sticky' && i.text === 'sticky'), { timeout: 20_000 }).toBe(true)
    const after = await items(bob)
    const box = after.find((i) => i.type === 'rect' && i.text === 'Hello\nworld')!
    expect(box).toMatchObject({ style: 'sketch', font: 'hand' })
    expect(after.find((i) => i.type === 'frame')).toMatchObject({ text: 'Board' })
    expect(box.parentId).toBe(after.find((i) => i.type === 'frame')!.id)
    await expect.poll(() => bob.locator('[data-testid="page-switcher"]').innerText(), { timeout: 20_000 }).toContain('Second')
    await bob.waitForTimeout(300)
    await bob.screenshot({ path: '/tmp/tessera-depth-import-tldraw.png' })
  })

  it('a malformed Excalidraw file shows a clear error and adds nothing', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: 0, y: 0, width: 40, height: 40 }])
    const alice = await boards.open(room, 1)
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-'))
    const bad = path.join(dir, 'broken.excalidraw')
    writeFileSync(bad, JSON.stringify({ type: 'excalidraw', version: 2, elements: [{ id: 'a', type: 'rectangle', x: 'left', y: 0, width: 1, height: 1 }] }))
    await importFile(alice, bad)
    expect(await toast(alice)).toMatch(/broken\.excalidraw.*elements\[0\]\.x/)
    expect(await items(alice)).toHaveLength(1)
  })
})
