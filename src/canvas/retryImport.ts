/** the first retry waits this long; each further one twice as long, up to MAX_WAIT_MS */
const FIRST_WAIT_MS = 1_000
const MAX_WAIT_MS = 30_000

/**
 * Loads a lazily fetched part of the board (`() => import('./Part')`) and, when the fetch fails
 * (network down, server restarting, a deploy in between), tries again — when the browser comes
 * back online or after a growing wait — instead of rejecting. For React's `lazy`: a rejected
 * import throws at render and, with no error boundary, unmounts the whole board; a pending one
 * only leaves that part out (its Suspense fallback) until it arrives.
 */
export function retryImport<T>(load: () => Promise<T>): Promise<T> {
  const events = typeof window === 'undefined' ? null : window
  let wait = FIRST_WAIT_MS
  const attempt = (): Promise<T> =>
    load().catch(
      () =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            events?.removeEventListener('online', done)
            resolve()
          }
          const timer = setTimeout(done, wait)
          events?.addEventListener('online', done)
          wait = Math.min(wait * 2, MAX_WAIT_MS)
        }).then(attempt),
    )
  return attempt()
}
