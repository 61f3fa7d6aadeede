import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBoards } from '../editor-core/fixture'

const boards = useBoards('depth-drop-import')
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')

const count = (page: Page) => page.evaluate(() => window.__tessera!.doc.getMap('items').size)

/** Drops a file on the board's canvas, as dragging it from the desktop does (a real DataTransfer). */
async function dropFile(page: Page, name: string, text: string, type = ''): Promise<void> {
  await page.evaluate(
    ([name, text, type]) => {
      const dt = new DataTransfer()
      dt.items.add(new File([text], name, { type }))
      const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]')!
      const r = canvas.getBoundingClientRect()
      const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, dataTransfer: dt }
      canvas.dispatchEvent(new DragEvent('dragover', at))
      canvas.dispatchEvent(new DragEvent('drop', at))
    },
    [name, text, type] as const,
  )
}

const toast = (page: Page) => page.locator('[data-testid="editor-toast"] > span').innerText({ timeout: 20_000 })

describe('dropping a board file on the canvas', () => {
  it('an .excalidraw file dropped on the canvas is imported as ☰ → Import does, for the other person too; a .tldr as well', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: -560, y: -300, width: 40, height: 40 }])
    const alice = await boards.open(room, 1)
    const bob = await boards.open(room, 1)

    await dropFile(alice, 'flow.excalidraw', fixture('sample.excalidraw'))
    expect(await toast(alice)).toBe('Imported 7 items from Excalidraw; skipped 1 image (missing file), 1 embeddable')
    await expect.poll(() => count(bob), { timeout: 20_000 }).toBe(8)
    // one undo step, as with the menu
    await alice.click('[data-testid="editor-toast-close"]')
    await alice.keyboard.press('Control+z')
    await expect.poll(() => count(bob), { timeout: 20_000 }).toBe(1)

    await dropFile(alice, 'sketch.tldr', fixture('sample.tldr'))
    expect(await toast(alice)).toMatch(/^Imported \d+ items from tldraw/)
    await expect.poll(() => count(bob), { timeout: 20_000 }).toBeGreaterThan(1)
  })

  it('a dropped file that is not a board says why and adds nothing', async () => {
    const { room } = await boards.seedRoom([{ type: 'rect', x: 0, y: 0, width: 40, height: 40 }])
    const page = await boards.open(room, 1)
    await dropFile(page, 'broken.excalidraw', '{"type": "excalidraw", "elements": "nope"')
    expect(await toast(page)).toMatch(/broken\.excalidraw/)
    expect(await count(page)).toBe(1)
  })
})
