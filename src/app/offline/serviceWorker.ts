import { whenIdle } from './whenIdle'

/**
 * Registers the app-shell service worker (built by vite-plugin-pwa / Workbox into /sw.js).
 *
 * Update policy, so a cache is never stale forever:
 * - page navigations always go to the network first; the precached index.html is only the
 *   offline fallback, so an online load gets the current app at once;
 * - a new worker activates immediately (skipWaiting + clientsClaim) and drops the old
 *   precache, so the next offline load uses the new app too;
 * - we check for a new worker on every load (the browser does) and again when the network
 *   comes back, since an offline load cannot.
 * It registers once the page has loaded and been idle for a second, or 4 s after load at the
 * latest (see whenIdle).
 * Never reloads the page by itself: a board being edited stays as it is.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
      (reg) => {
        window.addEventListener('online', () => {
          reg.update().catch(() => {})
        })
      },
      (err: unknown) => console.warn('service worker registration failed; the app will not open offline', err),
    )
  }
  // after load, once the page has been quiet for a second: installing compiles the app's scripts,
  // which on a small machine delays a big board's first render (bench:editor, 10k items:
  // load 1926 → 1739 ms without it) and makes the first pan stutter if it overlaps it.
  // At most 4 s after load, though: a page may never look quiet (a busy CI machine never gave
  // one, and waited 30 s), and a board opened and then taken offline must still reopen.
  const whenQuiet = () => whenIdle(register, { quietForMs: 1000, maxWaitMs: 4_000 })
  if (document.readyState === 'complete') whenQuiet()
  else window.addEventListener('load', whenQuiet, { once: true })
}
