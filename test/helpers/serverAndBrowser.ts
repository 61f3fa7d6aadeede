import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser'
import { startServer, type RunningServer, type StartOptions } from './server'

/** One real server (default `--open`) and one headless Chromium for a test file, torn down after it. */
export function useServerAndBrowser(opts: StartOptions = { args: ['--open'] }): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser }
  beforeAll(async () => {
    env.server = await startServer(opts)
    env.browser = await launchBrowser()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.server?.dispose()
  })
  return env
}
