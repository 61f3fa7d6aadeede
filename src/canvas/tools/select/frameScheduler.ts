/**
 * Coalesces work to at most once per animation frame. Where there is no requestAnimationFrame
 * (Node unit tests) the work runs at once, so tool logic stays testable without a browser.
 */
export interface FrameScheduler {
  schedule(): void
  /** run pending work now (pointer up) */
  flush(): void
  cancel(): void
}

export function createFrameScheduler(work: () => void): FrameScheduler {
  let handle: number | null = null
  const hasRaf = typeof globalThis.requestAnimationFrame === 'function'
  const run = () => {
    handle = null
    work()
  }
  return {
    schedule() {
      if (!hasRaf) return work()
      if (handle === null) handle = globalThis.requestAnimationFrame(run)
    },
    flush() {
      if (handle !== null) {
        globalThis.cancelAnimationFrame(handle)
        run()
      }
    },
    cancel() {
      if (handle !== null) globalThis.cancelAnimationFrame(handle)
      handle = null
    },
  }
}
