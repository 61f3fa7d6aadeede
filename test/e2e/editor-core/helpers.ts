import type { Page } from 'playwright-core'

/** Screen (page) coordinates of a scene point on a board page, from its live camera. */
export async function toScreen(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) => {
      const { camera: c, viewportSize: v } = window.__tessera!.store.get()
      const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect()
      return { x: r.left + (x - c.x) * c.zoom + v.width / 2, y: r.top + (y - c.y) * c.zoom + v.height / 2 }
    },
    [p.x, p.y] as const,
  )
}

/** A field of an item as the page's doc sees it (undefined when missing). */
export async function itemField(page: Page, id: string, key: string): Promise<unknown> {
  return page.evaluate(
    ([id, key]) => {
      const m = window.__tessera!.doc.getMap('items').get(id) as { get(k: string): unknown } | undefined
      return m?.get(key)
    },
    [id, key] as const,
  )
}

/** Waits until the board has mounted at least `n` items. */
export async function waitRendered(page: Page, n: number): Promise<void> {
  await page.waitForFunction((n) => (window.__tessera?.rendered ?? 0) >= n, n, { timeout: 15_000 })
}

/** Drags with the primary button in small steps (tools see real pointer moves). */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps })
  await page.mouse.up()
}
