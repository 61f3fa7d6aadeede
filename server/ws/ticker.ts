/**
 * One interval timer per period for the periodic checks of every connection (keep-alive pings,
 * heartbeats), instead of one or two timers per connection. Each timer of its own costs a wake-up
 * and Node's timer-list work every period: with 50 connections (a ping every 10 s, a heartbeat
 * check every 5 s) that was 15 wake-ups a second and ~5 % of the server's CPU in a room relaying
 * 30 updates a second (perf, ninth session). A connection's first check comes within one period
 * of joining rather than exactly one period after it; every later one a period after the last.
 * The timer never keeps the process alive and stops once no job is left.
 */
export class Ticker {
  private readonly jobs = new Set<() => void>()
  private timer: NodeJS.Timeout | null = null

  constructor(readonly periodMs: number) {}

  /** Runs `job` every period until the returned function is called. */
  add(job: () => void): () => void {
    this.jobs.add(job)
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.periodMs)
      this.timer.unref()
    }
    return () => this.remove(job)
  }

  /** jobs registered now */
  get size(): number {
    return this.jobs.size
  }

  private remove(job: () => void): void {
    this.jobs.delete(job)
    if (this.jobs.size === 0 && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  private tick(): void {
    // A job may remove itself (or another) while this runs: a Set visits what is still in it.
    for (const job of this.jobs) job()
  }
}

const tickers = new Map<number, Ticker>()

/** The process's ticker for `periodMs`. */
export function tickerFor(periodMs: number): Ticker {
  let t = tickers.get(periodMs)
  if (!t) tickers.set(periodMs, (t = new Ticker(periodMs)))
  return t
}
