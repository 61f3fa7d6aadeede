// Frame timing inside a benchmark page: requestAnimationFrame deltas, recorded between start and stop.
import type { Page } from 'playwright-core'

/**
 * Starts recording frame deltas in the page. In-page code is passed as a string: the TypeScript
 * loader wraps named functions in a helper that does not exist inside the page.
 */
export const START_FRAMES = `(() => {
  window.__frames = []
  window.__recording = true
  let last = 0
  function tick(t) {
    if (!window.__recording) return
    window.__frames.push(t - last)
    last = t
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(function (t) { last = t; requestAnimationFrame(tick) })
})()`

/** Stops recording; the frame deltas (ms) recorded since START_FRAMES. */
export async function stopFrames(page: Page): Promise<number[]> {
  return (await page.evaluate('(window.__recording = false, window.__frames)')) as number[]
}
