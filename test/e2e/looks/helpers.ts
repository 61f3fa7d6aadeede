import type { Browser, BrowserContext, Page } from 'playwright-core'
import { openBoard } from '../../helpers/app'

export interface User {
  name: string
  color: string
}

/** The two people of the looks tests. */
export const ANN: User = { name: 'Ann Arbor', color: '#e03131' }
export const BEA: User = { name: 'Bea Blue', color: '#1971c2' }

/**
 * Opens a board as a returning user: a fixed identity, the first-run tour already seen, and
 * optionally a colour scheme the browser reports (prefers-color-scheme).
 */
export async function openUser(
  browser: Browser,
  url: string,
  room: string,
  user: User,
  opts: { colorScheme?: 'light' | 'dark'; token?: string; permissions?: string[] } = {},
): Promise<{ context: BrowserContext; page: Page; clientId: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.colorScheme ?? 'light' })
  if (opts.permissions?.length) await context.grantPermissions(opts.permissions, { origin: url })
  await context.addInitScript(
    ([n, c]) => {
      localStorage.setItem('tessera.identity', JSON.stringify({ name: n, color: c }))
      localStorage.setItem('tessera.tutorialSeen.v1', '1')
    },
    [user.name, user.color] as const,
  )
  const { page } = await openBoard(browser, url, room, { context, token: opts.token })
  await page.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 15_000 })
  await page.waitForSelector('[data-testid="tool-rect"]')
  const clientId = await page.evaluate(() => window.__tessera!.conn.awareness.clientID)
  return { context, page, clientId }
}

/** Scene point → page pixel, from the page's live camera (the canvas fills the window). */
export function screenOf(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(
    ([x, y]) => {
      const { camera: c, viewportSize: v } = window.__tessera!.store.get()
      return [(x - c.x) * c.zoom + v.width / 2, (y - c.y) * c.zoom + v.height / 2] as [number, number]
    },
    [x, y] as const,
  )
}

/** Plain items of the page's doc (Y.Text as strings). */
export function items(page: Page): Promise<Array<Record<string, unknown> & { id: string; type: string; x: number; y: number; width: number; height: number }>> {
  return page.evaluate(() => {
    const m = window.__tessera!.doc.getMap('items')
    return [...m.entries()].map(([id, v]) => ({ id, ...(v as { toJSON(): object }).toJSON() }) as never)
  })
}

/** Draws a rectangle with the R tool by dragging between two page pixels. */
export async function drawRect(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.keyboard.press('r')
  await page.mouse.move(from[0], from[1])
  await page.mouse.down()
  await page.mouse.move(to[0], to[1], { steps: 6 })
  await page.mouse.up()
}

/** Konva nodes with a name, read through the global Konva instance: id, text of a named child, stroke of its Rect. */
export function konvaNodes(page: Page, name: string, labelName?: string): Promise<{ id: string; label: string | null; stroke: string | null }[]> {
  return page.evaluate(
    ([nodeName, label]) => {
      type KNode = { id(): string; findOne(sel: string): { text?: () => string; stroke?: () => string } | undefined }
      const K = (window as unknown as { Konva: { stages: { find(sel: string): KNode[] }[] } }).Konva
      const stage = K.stages[0]
      if (!stage) return []
      return stage.find('.' + nodeName).map((n) => {
        const l = label ? n.findOne('.' + label) : undefined
        const r = n.findOne('Rect')
        return { id: n.id(), label: l?.text ? l.text() : null, stroke: r?.stroke ? r.stroke() : null }
      })
    },
    [name, labelName ?? null] as const,
  )
}
