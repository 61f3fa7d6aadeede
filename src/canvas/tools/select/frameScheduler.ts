/**
 * Coalesces work to at most once per animation frame, and at most once per `minIntervalMs`.
 * Where there is no requestAnimationFrame (Node unit tests) the work runs at once, so tool logic
 * stays testable without a browser. `flush()` always runs pending work at once.
 */
export interface FrameScheduler {
  schedule(): void
  /** run pending work now (pointer up) */
  flush(): void
  cancel(): void
}

export function createFrameScheduler(work: () => void, minIntervalMs = 0): FrameScheduler {
  let handle: number | null = null
  let last = -Infinity
  const hasRaf = typeof globalThis.requestAnimationFrame === 'function'
  const run = () => {
    const now = performance.now()
    if (now - last < minIntervalMs) {
      handle = globalThis.requestAnimationFrame(run)
      return
    }
    handle = null
    last = now
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
