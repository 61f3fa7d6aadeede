import { useEffect, useState } from 'react'

/**
 * False until the browser's first idle period after mount, then true. For parts the first frame
 * does not need: on a big board the main thread is busy until the items are on screen, so what
 * waits for idle is built after them instead of in front of them.
 */
export function useFirstIdle(): boolean {
  const [idle, setIdle] = useState(false)
  useEffect(() => {
    if (idle) return
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(() => setIdle(true))
      return () => cancelIdleCallback(handle)
    }
    const timer = setTimeout(() => setIdle(true), 50) // no requestIdleCallback (Safari)
    return () => clearTimeout(timer)
  }, [idle])
  return idle
}
