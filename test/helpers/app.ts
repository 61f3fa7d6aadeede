import type { Browser, BrowserContext, Page } from 'playwright-core'
import { boardPath } from '../../src/app/routes'

/**
 * Opens a board in a fresh browser context and waits until the board has mounted
 * (the board page exposes `window.__tessera` = { doc, store, undo, conn } for tests and debugging).
 */
export async function openBoard(
  browser: Browser,
  serverUrl: string,
  room: string,
  opts: { token?: string | null; context?: BrowserContext; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = opts.context ?? (await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } }))
  const page = await context.newPage()
  await page.goto(serverUrl + boardPath(room, opts.token ?? null))
  await page.waitForFunction(() => Boolean((window as unknown as { __tessera?: unknown }).__tessera), null, { timeout: 15_000 })
  return { context, page }
}
