import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/**
 * Features switched off in the test browser. Chromium reads only the last `--disable-features`
 * switch, so this repeats Playwright's own list (playwright-core's chromiumSwitches) and adds the
 * omnibox popups: headless Chromium 156 still builds the address bar's WebUI popup ("WebUI Top
 * Renderer") for every new context, about 1.3 s of CPU that competed with the page under test on
 * a 2-core machine (bench:editor load 2.9 s → 2.2–2.5 s with it off).
 */
const DISABLED_FEATURES = [
  // Playwright's defaults
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints',
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  // the browser's own UI, never shown headless
  'WebUIOmniboxAimPopup', 'WebUIOmniboxPopup',
]

/** Debian's chromium, headless, with the flags this sandbox needs (no network, no GPU): a browser of its own. */
export async function launchOwnBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  })
}

/** the Chromium of this vitest worker process, shared by the files it runs one after another */
let shared: Promise<Browser> | null = null

async function workerBrowser(): Promise<Browser> {
  if (shared) {
    const b = await shared.catch(() => null)
    if (b?.isConnected()) return b
  }
  shared = launchOwnBrowser()
  return shared
}

/**
 * A headless Chromium for a test file (or a bench script).
 *
 * In a vitest worker (VITEST_POOL_ID set) the files the worker runs share one Chromium, launched
 * by the first of them (and again if it died): the returned handle is that browser, except that
 * its `close()` closes only the contexts opened through this handle (`newContext`, `newPage`), so
 * a file still tears down everything it opened and the next file gets a browser with no context
 * of it. Contexts share nothing (storage, cache, service workers, cookies are per context). The
 * browser itself ends with the worker process (playwright kills it on exit). Launching Chromium
 * took ~1 s of CPU per file. Outside vitest, a browser of its own that `close()` ends.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!process.env.VITEST_POOL_ID) return launchOwnBrowser()
  const browser = await workerBrowser()
  const opened = new Set<BrowserContext>()
  const track = (c: BrowserContext): void => {
    opened.add(c)
    c.once('close', () => opened.delete(c))
  }
  const handle: Partial<Browser> = {
    async newContext(options) {
      const c = await browser.newContext(options)
      track(c)
      return c
    },
    async newPage(options) {
      const p = await browser.newPage(options)
      track(p.context())
      return p
    },
    async close() {
      await Promise.all([...opened].map((c) => c.close().catch(() => {})))
      opened.clear()
    },
  }
  return new Proxy(browser, {
    get(target, prop) {
      if (Object.hasOwn(handle, prop)) return handle[prop as keyof Browser]
      const v: unknown = Reflect.get(target, prop, target)
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v
    },
  })
}
