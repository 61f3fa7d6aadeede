/**
 * Per-client-address rate limits (HTTP 429 with Retry-After): one token bucket per address,
 * charged by what the limit counts (failed room lookups and tokens, room creations), with a
 * bounded number of addresses remembered (the least recently seen are forgotten first).
 */
import type { IncomingMessage } from 'node:http'
import { LIMITS } from './limits'
import { TokenBucket } from './TokenBucket'

export class AddressLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly maxAddresses: number = LIMITS.perAddress.trackedAddresses,
  ) {}

  /** Seconds to wait before this address may try again (0: it may now). */
  retryAfter(address: string): number {
    const b = this.buckets.get(address)
    return b ? Math.ceil(b.waitMs(1) / 1000) : 0
  }

  /** Counts one event (a failure, a creation) against the address. */
  charge(address: string): void {
    let b = this.buckets.get(address)
    if (b) this.buckets.delete(address)
    else b = new TokenBucket(this.burst, this.perMinute / 60)
    b.charge(1)
    this.buckets.set(address, b)
    if (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!)
  }
}

/** The limits of one server: failures (lookups, tokens, refused upgrades) and room creations. */
export interface AddressLimits {
  failures: AddressLimiter
  creations: AddressLimiter
}

export function createAddressLimits(): AddressLimits {
  return {
    failures: new AddressLimiter(LIMITS.perAddress.failuresBurst, LIMITS.perAddress.failuresPerMinute),
    creations: new AddressLimiter(LIMITS.perAddress.createBurst, LIMITS.perAddress.createPerMinute),
  }
}

/** The client address of a request (the socket's peer; proxies' headers are not trusted). */
export function addressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}
