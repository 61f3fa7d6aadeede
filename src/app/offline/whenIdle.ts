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

/**
 * Runs `work` once the page has been idle for `quietForMs` in a row: every idle callback in that
 * span had at least QUIET_IDLE_MS to spare, which means no frames were being drawn. For background
 * work that competes for the CPU (installing the service worker compiles the app's scripts) and
 * should neither delay the first render of a board nor make the first pan or drag stutter.
 */
export function whenIdle(work: () => void, options: WhenIdleOptions, scheduler: IdleScheduler = browserScheduler()): void {
  const started = scheduler.now()
  let quietSince: number | null = null
  const check = (deadline: IdleDeadlineLike) => {
    const now = scheduler.now()
    if (deadline.timeRemaining() >= QUIET_IDLE_MS) quietSince ??= now
    else quietSince = null
    if ((quietSince !== null && now - quietSince >= options.quietForMs) || now - started >= options.maxWaitMs) work()
    else scheduler.request(check)
  }
  scheduler.request(check)
}
