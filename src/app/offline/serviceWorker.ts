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
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
