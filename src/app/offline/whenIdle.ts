/** Idle periods at least this long count as quiet: a page that is animating (pan, zoom, drag) has none. */
export const QUIET_IDLE_MS = 40

export interface IdleDeadlineLike {
  timeRemaining(): number
}

export interface IdleScheduler {
  request(cb: (deadline: IdleDeadlineLike) => void): void
  now(): number
}

export interface WhenIdleOptions {
  /** how long the page must have been quiet without a break */
  quietForMs: number
  /** run anyway after this long, so a page that never settles still gets the work done */
  maxWaitMs: number
}

function browserScheduler(): IdleScheduler {
  const ric = typeof requestIdleCallback === 'function' ? requestIdleCallback : null
  return {
    request: (cb) => {
      if (ric) ric(cb)
      // no requestIdleCallback (Safari): a 50 ms timer tick counts as one quiet period
      else setTimeout(() => cb({ timeRemaining: () => QUIET_IDLE_MS }), 50)
    },
    now: () => performance.now(),
  }
}

/** A quiet spell is broken when this long passes without a long idle period (frames, or busy work). */
export const QUIET_BREAK_MS = 250

/**
 * Runs `work` once the page has been quiet for `quietForMs`: idle callbacks with at least
 * QUIET_IDLE_MS to spare kept coming, never more than QUIET_BREAK_MS apart. While frames are being
 * drawn (pan, zoom, drag) every idle period is shorter than a frame, and while the main thread is
 * busy there are none, so either starts the count again; a timer that merely shortens one idle
 * period does not. For background work that competes for the CPU (installing the service worker
 * compiles the app's scripts) and should neither delay a board's first render nor make the first
 * pan or drag stutter.
 */
export function whenIdle(work: () => void, options: WhenIdleOptions, scheduler: IdleScheduler = browserScheduler()): void {
  const started = scheduler.now()
  let lastLong: number | null = null
  let quiet = 0
  const check = (deadline: IdleDeadlineLike) => {
    const now = scheduler.now()
    if (deadline.timeRemaining() >= QUIET_IDLE_MS) {
      quiet = lastLong !== null && now - lastLong <= QUIET_BREAK_MS ? quiet + (now - lastLong) : 0
      lastLong = now
    }
    if (quiet >= options.quietForMs || now - started >= options.maxWaitMs) work()
    else scheduler.request(check)
  }
  scheduler.request(check)
}
