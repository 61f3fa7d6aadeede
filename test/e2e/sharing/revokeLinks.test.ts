import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'

// Link secrets in the browser (CONTRACT §6, issue 16 row 4): the owner shares a board by link in
// the Share dialog, a second browser opens that link and edits; the code alone does not open it;
// "Revoke links" ends the second browser's session at once, the old link no longer opens the
// board, and the new link does — with everything drawn so far.
let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  contexts.push(context)
  await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
  return context.newPage()
}

async function boardReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 15_000 })
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

describe('revocable links in the Share dialog', () => {
  let owner: Page
  let guest: Page
  let room = ''
  let oldLink = ''
  let oldEditLink = ''
  let tokenGuest: Page

  it('the owner shares the board by link; a second browser opens the link and edits', async () => {
    owner = await newPage()
    await owner.goto(server.url + '/')
    await owner.fill('[data-testid="create-title"]', 'Revocable')
    await owner.click('[data-testid="create-board"]')
    await owner.waitForURL(/\/r\/[A-Z0-9]{6}#token=/)
    await boardReady(owner)
    room = await owner.evaluate(() => window.__tessera!.conn.room)
    await owner.click('[data-testid="share-button"]')
    await owner.click('[data-testid="access-edit"]')
    await owner.waitForSelector('[data-testid="board-link"]')
    await owner.waitForFunction(() => (document.querySelector('[data-testid="board-link"]') as HTMLInputElement).value.includes('#token=ls-'))
    oldLink = await owner.inputValue('[data-testid="board-link"]')
    expect(oldLink).toContain(`/r/${room}#token=ls-`)
    expect(await owner.isChecked('[data-testid="code-access"]')).toBe(false)
    oldEditLink = await owner.inputValue('[data-testid="edit-link"]')
    expect(oldEditLink).toContain(`/r/${room}#token=ey`)
    await owner.screenshot({ path: path.join(os.tmpdir(), 'tessera-revoke-links-dialog.png') })

    guest = await newPage()
    await guest.goto(oldLink)
    await boardReady(guest)
    await guest.waitForSelector('[data-testid="tool-rect"]')
    await guest.evaluate(() => window.__tessera!.doc.getMap('items').set('from-guest', 'kept'))
    await owner.waitForFunction(() => window.__tessera!.doc.getMap('items').has('from-guest'))
    // someone else came in with the edit link (a token)
    tokenGuest = await newPage()
    await tokenGuest.goto(oldEditLink)
    await boardReady(tokenGuest)
  })

  it('the code alone does not open it', async () => {
    const stranger = await newPage()
    await stranger.goto(`${server.url}/r/${room}`)
    await stranger.waitForSelector('[data-testid="room-ended"][data-kind="noAccess"]', { timeout: 10_000 })
    expect(await stranger.evaluate(() => window.__tessera!.doc.getMap('items').size)).toBe(0)
  })

  it('"Revoke links" disconnects the guests; the old links open nothing, the new ones open the board', async () => {
    await owner.click('[data-testid="revoke-links"]')
    await owner.waitForFunction((old) => (document.querySelector('[data-testid="board-link"]') as HTMLInputElement).value !== old, oldLink)
    const newLink = await owner.inputValue('[data-testid="board-link"]')
    expect(newLink).toContain(`/r/${room}#token=ls-`)
    await guest.waitForSelector('[data-testid="room-ended"][data-kind="forbidden"]', { timeout: 5_000 })
    await tokenGuest.waitForSelector('[data-testid="room-ended"][data-kind="forbidden"]', { timeout: 5_000 })
    const newEditLink = await owner.inputValue('[data-testid="edit-link"]')
    expect(newEditLink).not.toBe(oldEditLink)
    // closing and reopening the dialog shows the new links, not the ones the page started with
    await owner.click('[data-testid="share-close"]')
    await owner.click('[data-testid="share-button"]')
    await owner.waitForFunction((v) => (document.querySelector('[data-testid="edit-link"]') as HTMLInputElement | null)?.value === v, newEditLink)
    // the owner keeps working
    await owner.evaluate(() => window.__tessera!.doc.getMap('items').set('after-revoke', 1))
    await waitFor(async () => (await owner.evaluate(() => window.__tessera!.conn.provider.wsconnected)) === true)

    for (const old of [oldLink, oldEditLink]) {
      const late = await newPage()
      await late.goto(old)
      await late.waitForSelector('[data-testid="room-ended"][data-kind="noAccess"]', { timeout: 10_000 })
      expect(await late.evaluate(() => window.__tessera!.doc.getMap('items').size)).toBe(0)
    }
    const editor = await newPage()
    await editor.goto(newEditLink)
    await boardReady(editor)
    await editor.waitForSelector('[data-testid="tool-rect"]')

    const fresh = await newPage()
    await fresh.goto(newLink)
    await boardReady(fresh)
    await fresh.waitForFunction(() => window.__tessera!.doc.getMap('items').has('from-guest') && window.__tessera!.doc.getMap('items').has('after-revoke'))
  })
})
