// A leading + trailing throttle with an injectable clock, so tests can drive time.

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

export interface Throttled<A extends unknown[]> {
  (...args: A): void
  /** send the pending call now (if any) */
  flush(): void
  /** drop the pending call */
  cancel(): void
}

/**
 * Calls `fn` at most once per `intervalMs`: the first call runs at once, later calls within
 * the interval collapse into one trailing call with the latest arguments.
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number, clock: Clock = realClock): Throttled<A> {
  let last = -Infinity
  let pending: A | null = null
  let timer: unknown = null

  const run = () => {
    timer = null
    if (!pending) return
    const args = pending
    pending = null
    last = clock.now()
    fn(...args)
  }

  const t = ((...args: A) => {
    pending = args
    const wait = last + intervalMs - clock.now()
    if (wait <= 0 && timer === null) run()
    else if (timer === null) timer = clock.setTimeout(run, Math.max(0, wait))
  }) as Throttled<A>
  t.flush = () => {
    if (timer !== null) clock.clearTimeout(timer)
    run()
  }
  t.cancel = () => {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    pending = null
  }
  return t
}
