import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { waitFor } from '../../helpers/waitFor'
import { openAs, text } from './helpers'

let server: RunningServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page

beforeAll(async () => {
  server = await startServer({ args: ['--open'], keepData: true })
  browser = await launchBrowser()
  const A = await openAs(browser, server.url, 'status-e2e', 'Ann Archer', '#e03131')
  const B = await openAs(browser, server.url, 'status-e2e', 'Ben Baker', '#1971c2')
  contexts.push(A.context, B.context)
  a = A.page
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close()
  await server?.dispose()
})

describe('status indicator', () => {
  it('goes Connected (2 users) → Connecting… when the server stops → Connected again after a restart on the same port', async () => {
    await waitFor(async () => (await text(a, 'status-indicator')) === 'Connected (2 users)', { message: 'Connected (2 users)' })
    // let the "Ben Baker joined" toast of the set-up expire, so any toast below comes from the restart
    await waitFor(async () => (await a.getByTestId('toast').count()) === 0, { timeout: 10_000, message: 'no toasts' })
    const { port, dataDir } = server
    expect(await server.stop()).toBe(0)
    await waitFor(async () => (await text(a, 'status-indicator')) === 'Connecting…', { message: 'Connecting…' })
    // no join/leave noise from the connection drop
    expect((await a.getByTestId('toast').allTextContents()).filter((t) => t.endsWith(' left'))).toEqual([])
    server = await startServer({ args: ['--open'], port, dataDir })
    await waitFor(async () => (await text(a, 'status-indicator')) === 'Connected (2 users)', { timeout: 30_000, message: 'Connected (2 users) after restart' })
    expect((await a.getByTestId('toast').allTextContents()).filter((t) => t.endsWith(' joined') || t.endsWith(' left'))).toEqual([])
  })

  it('says so when the browser is offline', async () => {
    await contexts[0].setOffline(true)
    await waitFor(async () => (await text(a, 'status-indicator')).startsWith('Offline — changes kept on this device'), { message: 'offline text' })
    await contexts[0].setOffline(false)
    await waitFor(async () => (await text(a, 'status-indicator')).startsWith('Connected ('), { timeout: 30_000, message: 'back online' })
  })
})
