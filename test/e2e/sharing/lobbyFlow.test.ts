import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../helpers/browser'
import { newClient, synced, type Client } from '../../helpers/clients'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'

// The sharing flow in real browsers against a server WITHOUT --open: A creates a board in the
// lobby and shares it; B opens the view link, C the edit link, D joins by code.
let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
const clients: Client[] = []

async function newPage(opts: { tutorialSeen?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  contexts.push(context)
  if (opts.tutorialSeen ?? true) await context.addInitScript(() => localStorage.setItem('tessera.tutorialSeen.v1', '1'))
  return context.newPage()
}

async function boardReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__tessera?.synced === true, null, { timeout: 15_000 })
}

const itemCount = (page: Page) => page.evaluate(() => window.__tessera!.doc.getMap('items').size)

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

describe('sharing in the browser (secure server)', () => {
  let a: Page
  let room = ''
  let ownerToken = ''
  let viewLink = ''
  let editLink = ''

  it('the tour shows on the first visit to the lobby, not after a reload', async () => {
    const page = await newPage({ tutorialSeen: false })
    await page.goto(server.url + '/')
    await page.waitForSelector('[data-testid="tutorial"]')
    await page.click('[data-testid="tutorial-close"]')
    await page.reload()
    await page.waitForSelector('[data-testid="create-board"]')
    // the lobby has rendered; the tour stays closed
    expect(await page.locator('[data-testid="tutorial"]').count()).toBe(0)
  })

  it('A creates a board in the lobby and owns it', async () => {
    a = await newPage()
    await a.goto(server.url + '/')
    await a.fill('[data-testid="create-title"]', 'Team board')
    await a.click('[data-testid="create-board"]')
    await a.waitForURL(/\/r\/[A-Z0-9]{6}#token=/)
    await boardReady(a)
    room = await a.evaluate(() => window.__tessera!.conn.room)
    ownerToken = await a.evaluate(() => window.__tessera!.conn.token ?? '')
    expect(ownerToken).not.toBe('')
    await a.waitForFunction(() => document.querySelector('[data-testid="board-title"]')?.textContent === 'Team board')
    // the private board has no "Shared" pill yet
    expect(await a.locator('[data-testid="shared-pill"]').count()).toBe(0)
  })

  it('A sets access to view in the Share dialog and reads the links', async () => {
    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-view"]')
    await a.waitForSelector('[data-testid="shared-pill"]')
    viewLink = await a.inputValue('[data-testid="view-link"]')
    editLink = await a.inputValue('[data-testid="edit-link"]')
    expect(viewLink).toContain(`/r/${room}#token=`)
    expect(editLink).toContain(`/r/${room}#token=`)
    expect(await a.textContent('[data-testid="share-code"]')).toContain(room)
    await a.click('[data-testid="share-close"]')
  })

  it('B opens the view link: read-only, View only badge, no drawing tools, writes never reach the server', async () => {
    const b = await newPage()
    await b.goto(viewLink)
    await boardReady(b)
    await b.waitForSelector('[data-testid="view-only"]')
    expect(await b.locator('[data-testid="view-only"], [data-testid="view-only-local"]').count()).toBe(1)
    expect(await b.evaluate(() => window.__tessera!.store.get().readOnly)).toBe(true)
    expect(await b.locator('[data-testid="tool-rect"]').count()).toBe(0)
    // Even a write that bypasses the UI stays on this device.
    await b.evaluate(() => window.__tessera!.doc.getMap('items').set('from-viewer', 'x'))
    const probe = newClient(server.wsUrl, room, { params: { token: ownerToken } })
    clients.push(probe)
    await synced(probe.provider)
    expect(probe.doc.getMap('items').has('from-viewer')).toBe(false)
    expect(await a.evaluate(() => window.__tessera!.doc.getMap('items').has('from-viewer'))).toBe(false)
  })

  it('C opens the edit link and draws a rectangle that A sees', async () => {
    const c = await newPage()
    await c.goto(editLink)
    await boardReady(c)
    await c.waitForSelector('[data-testid="tool-rect"]')
    expect(await c.locator('[data-testid="view-only"]').count()).toBe(0)
    const before = await itemCount(a)
    await c.click('[data-testid="tool-rect"]')
    await c.mouse.move(500, 400)
    await c.mouse.down()
    await c.mouse.move(650, 500, { steps: 8 })
    await c.mouse.up()
    await waitFor(async () => (await itemCount(a)) === before + 1, { message: 'the rectangle to reach A' })
    const types = await a.evaluate(() => [...window.__tessera!.doc.getMap('items').values()].map((v) => (v as { get(k: string): unknown }).get?.('type')))
    expect(types).toContain('rect')
  })

  it('D joins by the code typed in lowercase with spaces (link access edit, the owner allows the code)', async () => {
    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-edit"]')
    await a.waitForFunction(() => window.__tessera!.doc.getMap('meta').get('access') === 'edit')
    await a.click('[data-testid="code-access"]')
    await a.waitForFunction(() => (document.querySelector('[data-testid="code-access"]') as HTMLInputElement | null)?.checked === true)
    await a.click('[data-testid="share-close"]')
    const d = await newPage()
    await d.goto(server.url + '/')
    const typed = `${room.slice(0, 3).toLowerCase()} ${room.slice(3).toLowerCase()}`
    await d.fill('[data-testid="join-code"]', typed)
    await d.click('[data-testid="join-button"]')
    await d.waitForURL(new RegExp(`/r/${room}$`))
    await boardReady(d)
    await d.waitForSelector('[data-testid="tool-rect"]')
    expect(await d.evaluate(() => window.__tessera!.store.get().readOnly)).toBe(false)
  })

  it('an access change relights the Shared pill in another open browser, and link users turn read-only live', async () => {
    const link = await newPage()
    await link.goto(`${server.url}/r/${room}`)
    await boardReady(link)
    await link.waitForSelector('[data-testid="shared-pill"]')
    expect(await link.evaluate(() => window.__tessera!.store.get().readOnly)).toBe(false)

    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-view"]')
    await a.click('[data-testid="share-close"]')
    await link.waitForFunction(() => window.__tessera!.store.get().readOnly === true, null, { timeout: 5_000 })
    await link.waitForSelector('[data-testid="view-only"]')

    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-private"]')
    await a.click('[data-testid="share-close"]')
    // The link user loses access altogether: the server closes it (4403) and the page says so.
    await link.waitForSelector('[data-testid="room-ended"][data-kind="forbidden"]', { timeout: 5_000 })
    // A token holder (C-like) only sees the pill go out.
    await a.waitForFunction(() => !document.querySelector('[data-testid="shared-pill"]'))

    const holder = await newPage()
    await holder.goto(editLink)
    await boardReady(holder)
    expect(await holder.locator('[data-testid="shared-pill"]').count()).toBe(0)
    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-edit"]')
    await a.click('[data-testid="share-close"]')
    await holder.waitForSelector('[data-testid="shared-pill"]', { timeout: 5_000 })
  })

  it('a private board opened without a link says a link is needed (the refused upgrade is not retried)', async () => {
    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="access-private"]')
    await a.click('[data-testid="share-close"]')
    const stranger = await newPage()
    await stranger.goto(`${server.url}/r/${room}`)
    await stranger.waitForSelector('[data-testid="room-ended"][data-kind="noAccess"]', { timeout: 10_000 })
    expect(await stranger.textContent('[data-testid="room-ended"]')).toContain('You need a link to open this board')
    expect(await stranger.evaluate(() => window.__tessera!.doc.getMap('items').size)).toBe(0)
    expect(await stranger.evaluate(() => window.__tessera!.conn.provider.shouldConnect)).toBe(false)
  })

  it('deleting the board shows "This board was ended by its owner" in the other browser', async () => {
    const other = await newPage()
    await other.goto(editLink)
    await boardReady(other)
    await a.click('[data-testid="share-button"]')
    await a.click('[data-testid="delete-board"]')
    await a.click('[data-testid="delete-board-confirm"]')
    await a.waitForURL(server.url + '/')
    await other.waitForSelector('[data-testid="room-ended"][data-kind="deleted"]', { timeout: 5_000 })
    expect(await other.textContent('[data-testid="room-ended"]')).toContain('This board was ended by its owner')
    const r = await fetch(`${server.url}/api/rooms/${room}`, { headers: { Authorization: `Bearer ${ownerToken}` } })
    expect(r.status).toBe(404)
  })
})
