import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { tmpDir } from '../../helpers/tmpDir'
import { boardPath } from '../../../src/app/routes'
import { cuttableContext, openOn, waitForBoard, waitServiceWorker } from './offlineHarness'

// The built app is copied so this test can publish a "new version" of index.html under the
// running server without touching the shared build.
const built = path.resolve(process.env.TESSERA_STATIC_DIR ?? 'dist')
const site = tmpDir('tessera-offline-site-')
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  cpSync(built, site.dir, { recursive: true })
  server = await startServer({ args: ['--open'], env: { TESSERA_STATIC_DIR: site.dir } })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
  site.remove()
})

function publishIndex(marker: string): void {
  const file = path.join(site.dir, 'index.html')
  const html = readFileSync(file, 'utf8').replace(/<meta name="tessera-test-version"[^>]*>/, '')
  writeFileSync(file, html.replace('<head>', `<head><meta name="tessera-test-version" content="${marker}">`))
}

describe('the app shell cache is never stale forever', () => {
  it('an online load gets the newly published page at once; an offline load still opens the board', async () => {
    publishIndex('v1')
    const room = `offline-update-${Date.now()}`
    const a = await cuttableContext(browser)
    const page = await openOn(a.context, server.url + boardPath(room))
    await waitServiceWorker(page)
    const version = () => page.evaluate(() => document.querySelector('meta[name="tessera-test-version"]')?.getAttribute('content') ?? null)
    expect(await version()).toBe('v1')

    // a new version is published; the next online load shows it, through the service worker
    publishIndex('v2')
    const online = await page.reload()
    expect(online?.fromServiceWorker()).toBe(true)
    await waitForBoard(page)
    expect(await version()).toBe('v2')

    // offline, the precached shell still opens the board
    await a.goOffline()
    const offline = await page.reload()
    expect(offline?.fromServiceWorker()).toBe(true)
    await waitForBoard(page)

    await a.context.close()
  })
})
