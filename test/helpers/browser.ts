import { chromium, type Browser } from 'playwright-core'

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

/** Debian's chromium, headless, with the flags this sandbox needs (no network, no GPU). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  })
}
