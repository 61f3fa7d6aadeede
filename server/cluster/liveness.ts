import type { Redis } from 'ioredis'
import type { ClusterKeys } from './streams'

export interface LivenessOptions {
  writer: Redis
  keys: ClusterKeys
  instanceId: string
  /** an instance renews its liveness key this often (default 1 s)… */
  heartbeatMs?: number
  /** …which expires after this long (default 3 s): two missed checks after that, it counts as dead */
  instanceTtlMs?: number
  /** a peer missed two checks in a row */
  onGone(instance: string): void
}

/**
 * Liveness of the cluster's instances (CONTRACT §8): this instance renews `instance:<id>` every
 * heartbeat; each peer heard from is checked on the same beat, and one whose key is gone on two
 * checks in a row is reported gone (once; heard from again, it is checked again).
 */
export class InstanceLiveness {
  /** instances heard from, with the number of checks they failed in a row */
  private readonly peers = new Map<string, number>()
  private quietUntil = 0
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly o: LivenessOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.beat(), this.o.heartbeatMs ?? 1_000)
    this.timer.unref()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
  }

  /** A message from `instance` arrived: it is a peer to check from now on. */
  heard(instance: string): void {
    if (!this.peers.has(instance)) this.peers.set(instance, 0)
  }

  /** Redis is back (a restarted one lost every liveness key): no verdicts until they are written again. */
  redisBack(): void {
    this.quietUntil = Date.now() + 2 * this.ttl()
  }

  /** Renews this instance's key and checks the peers'. */
  async beat(): Promise<void> {
    const { writer, keys } = this.o
    if (this.stopped || writer.status !== 'ready') return
    try {
      await writer.set(keys.instance(this.o.instanceId), String(Date.now()), 'PX', this.ttl())
      if (Date.now() < this.quietUntil || this.peers.size === 0) return
      const peers = [...this.peers.keys()]
      const alive = await Promise.all(peers.map((p) => writer.exists(keys.instance(p))))
      peers.forEach((p, i) => {
        if (alive[i]) return void this.peers.set(p, 0)
        const missed = (this.peers.get(p) ?? 0) + 1
        if (missed < 2) return void this.peers.set(p, missed)
        this.peers.delete(p)
        this.o.onGone(p)
      })
    } catch {
      // Redis went away mid-beat: the reconnect resyncs
    }
  }

  private ttl(): number {
    return this.o.instanceTtlMs ?? 3_000
  }
}
