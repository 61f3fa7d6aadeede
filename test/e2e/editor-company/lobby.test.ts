// Lobby rows of issue 15: a code that opens nothing gets a plain answer and is not remembered;
// a private board joined by its code alone says why, as the tour now tells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { createRoom } from '../../../src/app/api'
import { RECENT_BOARDS_KEY } from '../../../src/app/recentBoards'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  server = await startServer({ args: [] })
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

async function lobby(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  contexts.push(context)
  await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
  const page = await context.newPage()
  await page.goto(server.url + '/')
  await page.waitForSelector('[data-testid="join-code"]')
  return page
}

async function join(page: Page, code: string): Promise<string> {
  await page.fill('[data-testid="join-code"]', code)
  await page.click('[data-testid="join-button"]')
  await page.waitForSelector('[data-testid="join-error"]', { timeout: 10_000 })
  return (await page.textContent('[data-testid="join-error"]')) ?? ''
}

describe('joining by code from the lobby', () => {
  it('an unknown code says "No board with that code" and is neither opened nor remembered', async () => {
    const page = await lobby()
    expect(await join(page, 'abc def')).toMatch(/^No board with that code/)
    expect(new URL(page.url()).pathname).toBe('/')
    await page.waitForTimeout(300)
    const recent = await page.evaluate((k) => localStorage.getItem(k) ?? '[]', RECENT_BOARDS_KEY)
    expect(recent).not.toContain('ABCDEF')
    expect(await page.locator('text=ABCDEF').count()).toBe(0)
  })

  it('a private board joined by its code alone explains that a link is needed', async () => {
    const created = await createRoom('Private plans', { baseUrl: server.url })
    const page = await lobby()
    expect(await join(page, created.room)).toMatch(/private: ask its owner for a link/)
    expect(new URL(page.url()).pathname).toBe('/')
  })
})
