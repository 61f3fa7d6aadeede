import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../helpers/browser'
import { startServer, type RunningServer } from '../../helpers/server'
import { boardPath } from '../../../src/app/routes'
import { cuttableContext, openOn, waitForBoard } from './offlineHarness'

// The service worker waits for a quiet second before installing, but never long: a page that
// never goes quiet (here a requestAnimationFrame loop keeps every idle period short) must still
// get its offline shell soon after load.
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ args: ['--open'] })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

describe('the offline shell on a page that is never idle', () => {
  it('is installed within a few seconds of load and then reopens the board offline', async () => {
    const a = await cuttableContext(browser)
    await a.context.addInitScript(() => {
      const spin = () => {
        const until = performance.now() + 8
        while (performance.now() < until) {
          /* a busy frame: leaves idle periods far shorter than a quiet one */
        }
        requestAnimationFrame(spin)
      }
      requestAnimationFrame(spin)
    })
    const room = `offline-busy-${Date.now()}`
    const page = await openOn(a.context, server.url + boardPath(room))
    // the page never goes quiet: the shell is installed anyway, at the latest 4 s after load plus the
    // install itself (that cap is whenIdle's maxWaitMs, checked in test/unit/offline/whenIdle.test.ts;
    // timings stay out of browser tests)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 40_000 })

    await a.goOffline()
    const offline = await page.reload()
    expect(offline?.fromServiceWorker()).toBe(true)
    await waitForBoard(page)
    await a.context.close()
  })
})
