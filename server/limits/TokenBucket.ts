/**
 * A token bucket: `capacity` tokens, refilled continuously at `perSecond`. `take` may drive the
 * balance below zero (work that was already done is charged in full), and `wait` says how long
 * until it is positive again. The clock is injectable for tests.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Tokens available now (may be negative after a charge that exceeded them). */
  get balance(): number {
    this.refill()
    return this.tokens
  }

  /** True (and takes them) when `n` tokens are available now; false leaves the balance unchanged. */
  tryTake(n = 1): boolean {
    this.refill()
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }

  /** Takes `n` tokens even if that leaves the balance negative (charging work already done). */
  charge(n: number): void {
    this.refill()
    this.tokens -= n
  }

  /** ms until the balance is at least `n` (0 when it already is). */
  waitMs(n = 0): number {
    this.refill()
    if (this.tokens >= n) return 0
    return this.perSecond > 0 ? Math.ceil(((n - this.tokens) / this.perSecond) * 1000) : Infinity
  }

  private refill(): void {
    const t = this.now()
    const elapsed = (t - this.last) / 1000
    this.last = t
    if (elapsed > 0) this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perSecond)
  }
}
